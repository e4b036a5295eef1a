package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * The GitLab CI pipeline: a cached lint-and-test job beside an uncached build of the production image with rootless
 * BuildKit and its scan, as a needs: DAG. Every value is already escaped for a GitLab CI file.
 *
 * @param branch the default branch, whose pushes run the pipeline (compared through a variable, never spliced into an
 *               expression)
 * @param test     the lint-and-test job; empty when the app has neither a linter nor a test runner
 * @param delivery the publish and deploy jobs; empty where the pipeline does not deploy
 */
public record GitlabCiView(Safe header, List<Safe> about, Safe branch, Optional<TestJob> test, Safe buildImage, Safe buildScript,
                           Safe scanImage, Safe scanScript, Optional<GitlabDeliveryView> delivery) {

    public record Pair(Safe key, Safe value) {
    }

    public record Service(Safe name, Safe alias, List<Pair> variables) {
    }

    /** @param cacheFiles the lock files the dependency cache is keyed on */
    public record TestJob(Safe image, List<Service> services, List<Pair> variables, List<Safe> cacheFiles, Safe cachePath,
                          List<Safe> script) {
    }
}
