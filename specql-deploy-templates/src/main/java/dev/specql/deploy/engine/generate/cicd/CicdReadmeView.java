package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * CICD_README.md: what the generated pipeline runs and why, the one-time setup, and what is not generated yet.
 *
 * @param github  GitHub Actions, else GitLab CI
 * @param checks  each command of the test job with where it came from (Markdown table cells)
 * @param actions each pinned action with its tag and commit (GitHub)
 * @param images  each pinned image with what it does (GitLab)
 */
public record CicdReadmeView(Safe header, boolean github, Safe name, Safe pipeline, Safe dockerfile, Safe branch, Safe postgres,
                             List<Check> checks, Safe missingChecks, List<Action> actions, List<Action> images, Safe trivy,
                             java.util.Optional<Deploy> deploy, Safe notDeployed) {

    /**
     * The deploy: what starts it, the promotion order, the script, and what starts each environment.
     *
     * @param dispatch a person may deploy an environment by hand
     * @param refs     the refs whose pipelines deploy, as Markdown
     * @param settles  how the ECS deploy script waits for the services, as Markdown
     */
    public record Deploy(Safe starts, Safe order, Safe script, boolean server, List<Safe> stages, boolean dispatch, Safe refs,
                         Safe settles) {
    }

    public record Check(Safe stage, Safe command, Safe origin) {
    }

    /** Three table cells. */
    public record Action(Safe first, Safe second, Safe third) {
    }
}
