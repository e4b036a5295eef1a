package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * GitLab CI's deploy: a publish job after the scan, then one job per environment in promotion order, each in its
 * GitLab environment and resource group, signed in to AWS by an OIDC ID token. Every value is already escaped for
 * a GitLab CI file.
 *
 * @param pipelines the rules:if conditions of the pipelines that deploy (pushes of the refs that deploy, and manual
 *                  runs when an environment is deployed by hand)
 * @param dispatch  the environments a manual run may choose, quoted and joined; empty when none is deployed by hand
 * @param publishIf the rules:if conditions under which the image is published
 */
public record GitlabDeliveryView(List<Safe> pipelines, Optional<Safe> dispatch, Safe image, Safe publishInstall, Safe publishScript,
                                 List<Safe> publishIf, List<Job> jobs, int deployMinutes) {

    /** A {@code rules:} entry. @param when on_success, or manual where the environment waits for a person */
    public record Rule(Safe condition, Safe when) {
    }

    /** A {@code needs:} entry. @param optional the job may be absent from the pipeline (a rule left it out) */
    public record Need(Safe job, boolean optional) {
    }

    /** One environment's deploy job. @param tier GitLab's deployment tier */
    public record Job(Safe job, Safe name, Safe tier, Safe url, List<Need> needs, List<Rule> rules, Safe install, Safe deploy,
                      Safe smokeTest) {
    }
}
