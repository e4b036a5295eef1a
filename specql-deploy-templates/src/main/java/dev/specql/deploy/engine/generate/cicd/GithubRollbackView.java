package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Step;

/** The GitHub rollback workflow. @param environments every environment, quoted and joined */
public record GithubRollbackView(Safe header, Safe environments, Step checkout, Step credentials, Safe command) {
}
