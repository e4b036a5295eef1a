package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeliveryPlan.PushOf;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.model.CiProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The view of the ci.tf files: the OIDC identity provider and publish role in the bootstrap, the deploy role in each
 * environment root. Written by phase 2 because the roles are infrastructure; shaped by the spec's cicd section.
 * GitHub's tokens name the job's environment, so a deploy role trusts exactly its environment; GitLab's name the ref
 * only, so a deploy role trusts the refs whose pipelines deploy to it.
 *
 * @param gitlabHost        the issuer is a GitLab instance, named by var.gitlab_host
 * @param repositoryPattern the regular expression var.ci_repository must match
 * @param subjects          the exact sub claims of this environment's deploy jobs, HCL templates of var.ci_repository
 * @param subjectPatterns   the sub claims admitted by prefix (a trailing *)
 * @param publishSubjects   the sub claims of the pipelines that publish
 * @param subjectOperator   StringLike when a publishing ref ends in *, otherwise StringEquals
 */
public record CiAccessView(Safe header, Safe system, Safe pipelines, boolean gitlabHost, Safe issuer, Safe issuerText, Safe audience,
                           Safe repositoryHelp, Safe repositoryPattern, Safe repositoryError, Safe createProviderHelp,
                           Safe providerOutputHelp, Safe roleOutputHelp, Safe refsText, Safe subjectOperator, List<Safe> publishSubjects,
                           List<Safe> subjects, List<Safe> subjectPatterns, Safe imageRepository, boolean server,
                           Safe repositoryExample) {

    /** GitHub's OIDC issuer, and the audience configure-aws-credentials asks for. */
    static final String GITHUB_ISSUER = "token.actions.githubusercontent.com";
    static final String GITHUB_AUDIENCE = "sts.amazonaws.com";

    private static final HclEscaper HCL = new HclEscaper();
    private static final String REPOSITORY = "var.ci_repository";

    static CiAccessView of(DeploymentPlan plan, Safe header, String environment) {
        DeliveryPlan delivery = DeliveryPlan.of(plan.spec());
        List<String> refs = delivery.publishRefs();
        boolean gitlab = plan.spec().cicd().provider() == CiProvider.GITLAB_CI;
        Safe refsText = new Safe(String.join(", ", refs));
        Safe operator = new Safe(refs.stream().anyMatch(ref -> ref.endsWith("*")) ? "StringLike" : "StringEquals");
        if (!gitlab) {
            return new CiAccessView(header, new Safe("GitHub Actions"), new Safe(".github/workflows"), false, HCL.q(GITHUB_ISSUER),
                    new Safe(GITHUB_ISSUER), HCL.q(GITHUB_AUDIENCE),
                    HCL.q("The GitHub repository whose workflows deploy, as its OIDC tokens name it in their sub claim: OWNER/REPO, or "
                            + "OWNER-OWNER_ID/REPO-REPO_ID for repositories created or renamed after 2026-06-18 or opted in to immutable "
                            + "subject claims (see CICD_README.md)."),
                    HCL.q("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"),
                    HCL.q("The repository must be OWNER/REPO as GitHub's tokens name it (no wildcard)."),
                    HCL.q("Create the account's OIDC identity provider for " + GITHUB_ISSUER + ". Set to false when the account already "
                            + "has one (IAM allows one per issuer); the roles trust it either way."),
                    HCL.q("The account's OIDC identity provider for " + GITHUB_ISSUER + ", which every CI role trusts."),
                    HCL.q("The role the " + environment + " deploy jobs assume: the AWS_ROLE_ARN variable of the GitHub environment "
                            + environment + "."),
                    refsText, operator, refs.stream().map(ref -> HCL.interpolated("repo:", REPOSITORY, ":ref:" + ref)).toList(),
                    List.of(HCL.interpolated("repo:", REPOSITORY, ":environment:" + environment)), List.of(),
                    HCL.q(plan.spec().name()), OpenTofuGenerator.runsServer(plan), repositoryExample(plan));
        }
        List<Safe> subjects = new ArrayList<>();
        List<Safe> patterns = new ArrayList<>();
        for (String ref : deployRefs(plan, delivery, environment)) {
            (ref.endsWith("*") ? patterns : subjects).add(gitlabSubject(ref));
        }
        return new CiAccessView(header, new Safe("GitLab CI"), new Safe(".gitlab-ci.yml"), true, new Safe("var.gitlab_host"),
                new Safe("the GitLab instance (gitlab_host)"), HCL.interpolated("https://", "var.gitlab_host", ""),
                HCL.q("The GitLab project whose pipelines deploy, as its ID tokens name it in their sub claim: its full path, "
                        + "GROUP/PROJECT or GROUP/SUBGROUP/PROJECT."),
                HCL.q("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$"),
                HCL.q("The project must be its full path, GROUP/PROJECT or GROUP/SUBGROUP/PROJECT (no wildcard)."),
                HCL.q("Create the account's OIDC identity provider for the GitLab instance. Set to false when the account already "
                        + "has one (IAM allows one per issuer); the roles trust it either way."),
                HCL.q("The account's OIDC identity provider for the GitLab instance, which every CI role trusts."),
                HCL.q("The role the " + environment + " deploy jobs assume: the CI/CD variable AWS_DEPLOY_ROLE_ARN, scoped to "
                        + "the environment " + environment + " and protected."),
                refsText, operator, refs.stream().map(CiAccessView::gitlabSubject).toList(), subjects, patterns,
                HCL.q(plan.spec().name()), OpenTofuGenerator.runsServer(plan), repositoryExample(plan));
    }

    /**
     * The refs whose GitLab pipelines deploy to the environment: the pushes that reach it, and the default branch when
     * a person may deploy it by hand (manual runs are on the default branch).
     */
    private static Set<String> deployRefs(DeploymentPlan plan, DeliveryPlan delivery, String environment) {
        Set<String> refs = new LinkedHashSet<>();
        delivery.stages().stream().filter(stage -> stage.environment().equals(environment)).forEach(stage -> {
            stage.pushes().stream().map(PushOf::ref).forEach(refs::add);
            if (stage.dispatchable()) {
                refs.add("refs/heads/" + plan.spec().cicd().defaultBranch());
            }
        });
        return refs;
    }

    /** GitLab's sub claim for pipelines of a ref (its ID tokens carry no refs/heads/ prefix). */
    private static Safe gitlabSubject(String ref) {
        boolean tag = ref.startsWith("refs/tags/");
        String name = ref.substring((tag ? "refs/tags/" : "refs/heads/").length());
        return HCL.interpolated("project_path:", REPOSITORY, ":ref_type:" + (tag ? "tag" : "branch") + ":ref:" + name);
    }

    /** How the CI system names the repository in its tokens, as the tfvars examples show it (an HCL string). */
    static Safe repositoryExample(DeploymentPlan plan) {
        return HCL.q(plan.spec().cicd().provider() == CiProvider.GITLAB_CI ? "GROUP/PROJECT" : "OWNER/REPO");
    }

    static CiAccessView bootstrap(DeploymentPlan plan, Safe header) {
        return of(plan, header, "");
    }

    static CiAccessView environment(DeploymentPlan plan, EnvironmentPlan environment, Safe header) {
        return of(plan, header, environment.name());
    }
}
