package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Step;
import java.util.List;

/**
 * The GitHub rollback workflow.
 *
 * @param environments every environment, quoted and joined
 * @param inputName    what names the earlier version: an ECS task definition revision, or a server image's digest
 */
public record GithubRollbackView(Safe header, List<Safe> about, Safe environments, Safe inputName, Safe inputDescription,
                                 Safe inputVariable, Safe inputExpression, Step checkout, Step credentials, Safe stepName, Safe command,
                                 int deployMinutes) {
}
