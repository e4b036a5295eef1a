package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.Sources;
import dev.specql.deploy.engine.plan.BlueGreenPlan;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.model.CiProvider;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.CiChecks;
import dev.specql.deploy.model.framework.CiChecks.CiCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Phase 3: CI/CD. A CI pipeline that lints and tests the app against a PostgreSQL service of the spec's version and
 * builds and scans the production image of phase 1 (GitHub Actions: .github/workflows/ci.yml; GitLab CI:
 * .gitlab-ci.yml; both where the service reads them, at the project root), and CICD_README.md. On the AWS patterns
 * the pipelines also publish the image and deploy it through the environments (GitHub: deploy.yml and rollback.yml;
 * GitLab: jobs in the same file and gitlab-aws.sh) with the deploy script both run; the kubernetes pattern's deploy
 * comes with its Helm chart, and the console says so.
 */
public final class CicdGenerator implements Generator {

    public static final String PHASE = "cicd";

    private static final MarkdownEscaper MD = new MarkdownEscaper();

    @Override
    public String phase() {
        return PHASE;
    }

    @Override
    public List<FileDeclaration> files(DeploymentPlan plan, Sources sources) {
        boolean github = plan.spec().cicd().provider() == CiProvider.GITHUB_ACTIONS;
        List<FileDeclaration> files = new ArrayList<>(List.of(github
                        ? new Rendered("cicd/github-ci.yml.vm", GithubWorkflows.CI, GithubWorkflows.ci(plan), FileMode.REGULAR)
                        : new Rendered("cicd/gitlab-ci.yml.vm", GitlabPipeline.FILE, GitlabPipeline.ci(plan), FileMode.REGULAR),
                new Rendered("cicd/CICD_README.md.vm", plan.layout().cicd("CICD_README.md"), readme(plan), FileMode.REGULAR)));
        if (DeliveryPlan.deploys(plan)) {
            if (github) {
                files.add(new Rendered("cicd/github-deploy.yml.vm", GithubDelivery.DEPLOY, GithubDelivery.deploy(plan), FileMode.REGULAR));
                files.add(new Rendered("cicd/github-rollback.yml.vm", GithubDelivery.ROLLBACK, GithubDelivery.rollback(plan), FileMode.REGULAR));
            } else {
                files.add(new Rendered("cicd/gitlab-aws.sh.vm", plan.layout().cicd(GitlabDelivery.SCRIPT), GitlabDelivery.script(plan),
                        FileMode.EXECUTABLE));
            }
            if (DeployScripts.servers(plan)) {
                ServerDeployScriptView script = DeployScripts.serverScript(plan);
                files.add(new Rendered("cicd/deploy-server.sh.vm", plan.layout().cicd(DeployScripts.SERVER_SCRIPT), script, FileMode.EXECUTABLE));
                files.add(new Rendered("cicd/server-update.sh.vm", plan.layout().cicd(DeployScripts.SERVER_UPDATE), script, FileMode.REGULAR));
            } else {
                files.add(new Rendered("cicd/deploy-ecs.sh.vm", plan.layout().cicd(DeployScripts.ECS_SCRIPT), DeployScripts.ecsScript(plan),
                        FileMode.EXECUTABLE));
            }
        }
        return files;
    }

    @Override
    public List<String> notes(DeploymentPlan plan) {
        boolean github = plan.spec().cicd().provider() == CiProvider.GITHUB_ACTIONS;
        List<String> notes = new ArrayList<>(List.of("cicd: " + (github ? ".github/workflows" : GitlabPipeline.FILE)
                + " is at the project root because "
                + (github ? "GitHub reads workflows only from .github/workflows" : "GitLab reads .gitlab-ci.yml only")
                + " at the repository root"));
        if (!DeliveryPlan.deploys(plan)) {
            notes.add("cicd: no deploy, promotion or rollback pipeline was generated: the kubernetes pattern deploys with its Helm "
                    + "chart (goal helm: helm upgrade --install, helm rollback, as its README says); only the CI pipeline is");
        }
        if (!TestJobPlan.of(plan).hasChecks()) {
            notes.add("cicd: no linter or test runner was found in the app's dependency files: the CI pipeline builds and scans the "
                    + "image only (CICD_README.md says what it looks for)");
        }
        return notes;
    }

    private static String pipelineFile(DeploymentPlan plan) {
        return plan.spec().cicd().provider() == CiProvider.GITHUB_ACTIONS ? GithubWorkflows.CI : GitlabPipeline.FILE;
    }

    /** The requirements files a pip app's test job installs, which its dependency cache is keyed on. */
    static List<String> pipFiles(DeploymentSpec spec) {
        List<String> files = new ArrayList<>(spec.project().values("python.requirements_file"));
        if (files.isEmpty()) {
            files.add(spec.application().requirementsFile().orElseThrow());
        }
        files.addAll(spec.project().values("python.test_requirements_file"));
        return files;
    }

    private static CicdReadmeView readme(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        boolean github = spec.cicd().provider() == CiProvider.GITHUB_ACTIONS;
        CiChecks checks = plan.app().ciChecks();
        List<CicdReadmeView.Check> rows = new ArrayList<>();
        checks.install().forEach(c -> rows.add(check("install", c)));
        checks.lint().forEach(c -> rows.add(check("lint", c)));
        checks.test().forEach(c -> rows.add(check("test", c)));
        String missing = TestJobPlan.of(plan).hasChecks() ? "" : "No linter or test runner was found, so the pipeline has no test job: add "
                + (spec.application().packageManager() == PackageManager.BUNDLER ? "rubocop or rspec-rails to the Gemfile"
                : "ruff or pytest to the app's dependencies (for pip, in one of requirements-dev.txt, requirements/dev.txt, "
                + "requirements-test.txt)") + " and regenerate.";
        List<CicdReadmeView.Action> actions = github ? Pins.GITHUB_ACTIONS.values().stream()
                .map(pin -> new CicdReadmeView.Action(MD.code(pin.repository()), MD.code(pin.tag()), MD.code(pin.sha()))).toList() : List.of();
        List<CicdReadmeView.Action> images = new ArrayList<>();
        if (!github) {
            images.add(new CicdReadmeView.Action(MD.text("test job"), MD.code(Pins.ciImage(plan.app().baseImage())),
                    MD.text("the runtime image's language version, full variant (compilers, libpq headers)")));
            images.add(new CicdReadmeView.Action(MD.text("build"), MD.code(Pins.BUILDKIT_IMAGE),
                    MD.text("rootless BuildKit: no Docker-in-Docker, no privileged runner")));
            images.add(new CicdReadmeView.Action(MD.text("scan"), MD.code(Pins.TRIVY_IMAGE), MD.text("Trivy, reading the build's OCI archive")));
            if (DeliveryPlan.deploys(plan)) {
                images.add(new CicdReadmeView.Action(MD.text("publish and deploy"), MD.code(Pins.ALPINE_IMAGE),
                        MD.text("a small shell whose release fixes the AWS CLI, skopeo and jq versions the jobs install")));
            }
        }
        return new CicdReadmeView(Header.html(spec.specFile()), github, MD.text(spec.name()), MD.code(pipelineFile(plan)),
                MD.code(plan.layout().dockerfile()), MD.code(spec.cicd().defaultBranch()), MD.text(spec.database().version()), rows,
                MD.text(missing), actions, images, MD.text(Pins.TRIVY_VERSION),
                DeliveryPlan.deploys(plan) ? Optional.of(deploySection(plan)) : Optional.empty(),
                MD.text("the deploy of the kubernetes pattern, which comes with its Helm chart (goal helm)."));
    }

    private static CicdReadmeView.Deploy deploySection(DeploymentPlan plan) {
        DeliveryPlan delivery = DeliveryPlan.of(plan.spec());
        boolean github = plan.spec().cicd().provider() == CiProvider.GITHUB_ACTIONS;
        String choice = github ? "Run workflow" : "Run pipeline on " + MD.code(plan.spec().cicd().defaultBranch()).text();
        List<String> starts = new ArrayList<>();
        delivery.pushRefs().forEach(ref -> starts.add("pushes of " + MD.code(ref).text()));
        if (delivery.dispatchable()) {
            starts.add("a person's choice (" + choice + ")");
        }
        List<Safe> stages = new ArrayList<>();
        for (DeliveryPlan.Stage stage : delivery.stages()) {
            List<String> by = new ArrayList<>();
            stage.pushes().forEach(push -> by.add("a push of " + MD.code(push.ref()).text()));
            if (stage.dispatchable()) {
                by.add("a person choosing it (" + choice + ")");
            }
            stages.add(new Safe("**" + MD.text(stage.environment()).text() + "** is deployed after "
                    + String.join(" or ", by)
                    + (stage.approval() ? github ? ", once a reviewer approves" : ", once someone allowed to deploy to it runs its job" : "")
                    + "."));
        }
        return new CicdReadmeView.Deploy(new Safe(String.join(" and ", starts)),
                MD.text(delivery.stages().stream().map(DeliveryPlan.Stage::environment).collect(Collectors.joining(", then "))),
                new Safe(DeployScripts.command(plan)), DeployScripts.servers(plan), stages, delivery.dispatchable(),
                new Safe(delivery.publishRefs().stream().map(ref -> MD.code(ref).text()).collect(Collectors.joining(", "))),
                MD.text(BlueGreenPlan.of(plan.spec().bluegreen()).isPresent()
                        ? "follows the app service's blue/green deployment through ECS's stages, smoke-testing the new revision through "
                                + "the test route and then at the public URL and rolling the deployment back when a test fails (the "
                                + "infrastructure README, \"Blue/green deployments\"), and waits until any other service is stable"
                        : "waits until they are stable (failing when ECS's circuit breaker rolled them back)"));
    }

    private static CicdReadmeView.Check check(String stage, CiCommand command) {
        return new CicdReadmeView.Check(MD.text(stage), MD.code(String.join(" ", command.argv())), MD.text(command.origin()));
    }
}
