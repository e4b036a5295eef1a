package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import java.util.List;

/**
 * The view of the ci.tf files: the OIDC identity provider and publish role in the bootstrap, the deploy role in each
 * environment root. Written by phase 2 because the roles are infrastructure; shaped by the spec's cicd section.
 *
 * @param environment     the environment root's name; empty in the bootstrap's view
 * @param subject         the sub claim of this environment's deploy jobs, an HCL template of var.ci_repository
 * @param publishSubjects the sub claims of the pipelines that publish, HCL templates of var.ci_repository
 * @param subjectOperator StringLike when a publishing ref ends in *, otherwise StringEquals
 */
public record CiAccessView(Safe header, Safe system, Safe pipelines, Safe issuer, Safe issuerText, Safe audience, Safe repositoryHelp,
                           Safe createProviderHelp, Safe providerOutputHelp, Safe roleOutputHelp, Safe refsText, Safe subjectOperator,
                           List<Safe> publishSubjects, Safe subject, Safe imageRepository, boolean server) {

    /** GitHub's OIDC issuer, and the audience configure-aws-credentials asks for. */
    static final String GITHUB_ISSUER = "token.actions.githubusercontent.com";
    static final String GITHUB_AUDIENCE = "sts.amazonaws.com";

    private static final HclEscaper HCL = new HclEscaper();
    private static final String REPOSITORY = "var.ci_repository";

    static CiAccessView of(DeploymentPlan plan, Safe header, String environment) {
        DeliveryPlan delivery = DeliveryPlan.of(plan.spec());
        List<String> refs = delivery.publishRefs();
        return new CiAccessView(header, new Safe("GitHub Actions"), new Safe(".github/workflows"), HCL.q(GITHUB_ISSUER),
                new Safe(GITHUB_ISSUER), HCL.q(GITHUB_AUDIENCE),
                HCL.q("The GitHub repository whose workflows deploy, as its OIDC tokens name it in their sub claim: OWNER/REPO, or "
                        + "OWNER-OWNER_ID/REPO-REPO_ID for repositories created or renamed after 2026-06-18 or opted in to immutable "
                        + "subject claims (see CICD_README.md)."),
                HCL.q("Create the account's OIDC identity provider for " + GITHUB_ISSUER + ". Set to false when the account already has "
                        + "one (IAM allows one per issuer); the roles trust it either way."),
                HCL.q("The account's OIDC identity provider for " + GITHUB_ISSUER + ", which every CI role trusts."),
                HCL.q("The role the " + environment + " deploy jobs assume: the AWS_ROLE_ARN variable of the GitHub environment "
                        + environment + "."),
                new Safe(String.join(", ", refs)),
                new Safe(refs.stream().anyMatch(ref -> ref.endsWith("*")) ? "StringLike" : "StringEquals"),
                refs.stream().map(ref -> HCL.interpolated("repo:", REPOSITORY, ":ref:" + ref)).toList(),
                HCL.interpolated("repo:", REPOSITORY, ":environment:" + environment), HCL.q(plan.spec().name()),
                OpenTofuGenerator.runsServer(plan));
    }

    static CiAccessView bootstrap(DeploymentPlan plan, Safe header) {
        return of(plan, header, "");
    }

    static CiAccessView environment(DeploymentPlan plan, EnvironmentPlan environment, Safe header) {
        return of(plan, header, environment.name());
    }
}
