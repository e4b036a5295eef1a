package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Pair;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Step;
import java.util.List;
import java.util.Optional;

/**
 * The GitHub deploy workflow: CI (the CI workflow, called), one job that builds, scans and publishes the image,
 * then one job per environment in promotion order. Every value is already escaped for a workflow file.
 *
 * @param branches the branch patterns whose pushes deploy, quoted and joined; empty for none
 * @param tags     the tag patterns whose pushes deploy, quoted and joined; empty for none
 * @param dispatch the environments a person may deploy to by hand, quoted and joined; empty when none
 * @param publish  the publish job's steps after the checkout
 */
public record GithubDeployView(Safe header, List<Safe> about, Safe branches, Safe tags, Optional<Safe> dispatch, Step checkout,
                               List<IdStep> publish, Safe repository, Safe localImage, Safe region, List<Stage> stages,
                               int deployMinutes) {

    /** A {@code uses:} step that later steps read outputs of. */
    public record IdStep(Safe name, Optional<Safe> id, Safe uses, Safe tag, List<Pair> with) {
    }

    /**
     * One environment's deploy job.
     *
     * @param needs     the jobs it waits for, joined
     * @param condition the expression that starts it: the pushes and choices that reach it, never after a failure
     * @param command   the deploy script's command line
     */
    public record Stage(Safe job, Safe name, Safe needs, Safe condition, Safe url, Safe concurrency, Step credentials, Safe command,
                        Safe healthUrl) {
    }
}
