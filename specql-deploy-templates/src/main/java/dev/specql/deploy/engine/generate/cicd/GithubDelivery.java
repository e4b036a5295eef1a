package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.WorkflowEscaper;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Pair;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Step;
import dev.specql.deploy.engine.generate.cicd.GithubDeployView.IdStep;
import dev.specql.deploy.engine.generate.cicd.GithubDeployView.Stage;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeliveryPlan.PushOf;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.ActionPin;
import dev.specql.deploy.model.catalog.Pins;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** GitHub Actions: the deploy and rollback workflows and the script both run, every value escaped for its file. */
final class GithubDelivery {

    static final String DEPLOY = GithubWorkflows.WORKFLOWS + "/deploy.yml";
    static final String ROLLBACK = GithubWorkflows.WORKFLOWS + "/rollback.yml";

    private static final WorkflowEscaper GHA = new WorkflowEscaper();
    /** Set by the one-time setup (CICD_README.md): the bootstrap's publish role, and each environment's deploy role. */
    private static final String PUBLISH_ROLE = "${{ vars.AWS_PUBLISH_ROLE_ARN }}";
    private static final String DEPLOY_ROLE = "${{ vars.AWS_ROLE_ARN }}";

    private GithubDelivery() {
    }

    static GithubDeployView deploy(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        DeliveryPlan delivery = DeliveryPlan.of(spec);
        List<String> pushes = delivery.pushRefs();
        List<String> dispatchable = delivery.stages().stream().filter(DeliveryPlan.Stage::dispatchable).map(DeliveryPlan.Stage::environment)
                .toList();
        Safe localImage = GHA.q(spec.name() + ":ci");
        List<IdStep> publish = List.of(
                idStep("Set up Buildx", null, "docker/setup-buildx-action", List.of()),
                idStep("Build the production image", null, "docker/build-push-action", GithubWorkflows.buildInputs(plan, localImage)),
                idStep("Scan the image (fails on fixable high and critical vulnerabilities)", null, "aquasecurity/trivy-action",
                        GithubWorkflows.scanInputs(localImage)),
                idStep("Assume the publish role (OIDC)", null, "aws-actions/configure-aws-credentials", credentials(spec, PUBLISH_ROLE)),
                idStep("Log in to ECR", "login", "aws-actions/amazon-ecr-login", List.of()));
        List<Stage> stages = new ArrayList<>();
        String script = DeployScripts.command(plan);
        for (int i = 0; i < delivery.stages().size(); i++) {
            DeliveryPlan.Stage stage = delivery.stages().get(i);
            EnvironmentPlan environment = plan.environments().get(i);
            String needs = stage.previous().map(previous -> "ci, publish, " + job(previous)).orElse("ci, publish");
            // Environment names are validated lowercase words: plain YAML as they are.
            stages.add(new Stage(new Safe(job(stage.environment())), new Safe(stage.environment()), new Safe(needs),
                    condition(stage), GHA.q("https://" + environment.domain()), GHA.q("deploy-" + stage.environment()),
                    GithubWorkflows.step("Assume the " + stage.environment() + " deploy role (OIDC)", "aws-actions/configure-aws-credentials",
                            credentials(spec, DEPLOY_ROLE)),
                    GHA.q(script + " deploy " + stage.environment() + " \"$DIGEST\""),
                    GHA.q("https://" + environment.domain() + spec.application().healthPath())));
        }
        return new GithubDeployView(Header.lines("#", spec.specFile()), about(plan, delivery),
                joined(pushes.stream().filter(ref -> ref.startsWith("refs/heads/")).map(ref -> ref.substring("refs/heads/".length()))),
                joined(pushes.stream().filter(ref -> ref.startsWith("refs/tags/")).map(ref -> ref.substring("refs/tags/".length()))),
                dispatchable.isEmpty() ? Optional.empty() : Optional.of(joined(dispatchable.stream())),
                GithubWorkflows.checkout(), publish, GHA.q(spec.name()), localImage, GHA.q(spec.platform().region()), stages,
                DeployScripts.jobMinutes(plan));
    }

    static GithubRollbackView rollback(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        boolean server = DeployScripts.servers(plan);
        List<Safe> about = server ? List.of(
                GHA.comment("Rolls one environment's server back to an earlier image, named by its digest (the publish job's summary of"),
                GHA.comment("each deploy prints it). Migrations are not reversed: they must be backward-compatible. Gated by the"),
                GHA.comment("environment's protection rules, like a deploy."))
                : List.of(
                GHA.comment("Rolls one environment back to the image of an earlier revision of the app's task definition family (the"),
                GHA.comment("revision numbers: aws ecs list-task-definitions --family-prefix <family> --sort DESC). The image is"),
                GHA.comment("redeployed with the current configuration; migrations are not reversed (they must be backward-compatible)."),
                GHA.comment("Gated by the environment's protection rules, like a deploy."));
        String input = server ? "digest" : "revision";
        String variable = input.toUpperCase(java.util.Locale.ROOT);
        return new GithubRollbackView(Header.lines("#", spec.specFile()), about,
                joined(plan.environments().stream().map(EnvironmentPlan::name)), new Safe(input),
                GHA.q(server ? "The digest (sha256:...) of the earlier image to run again."
                        : "The revision of the app's task definition family whose image to run again, for example 41."),
                new Safe(variable), new Safe("${{ inputs." + input + " }}"), GithubWorkflows.checkout(),
                GithubWorkflows.step("Assume the environment's deploy role (OIDC)", "aws-actions/configure-aws-credentials",
                        credentials(spec, DEPLOY_ROLE)),
                GHA.q(server ? "Redeploy the earlier image and wait until the app is healthy"
                        : "Redeploy the revision's image and wait until the services are stable"),
                GHA.q(DeployScripts.command(plan) + " rollback \"$ENVIRONMENT\" \"$" + variable + "\""), DeployScripts.jobMinutes(plan));
    }

    private static List<Safe> about(DeploymentPlan plan, DeliveryPlan delivery) {
        List<Safe> lines = new ArrayList<>();
        lines.add(GHA.comment("Deploys " + plan.spec().name() + (DeployScripts.servers(plan) ? " to its servers (SSM Run Command, no SSH)" : " to ECS")
                + ": CI and, beside it, the image built once, scanned and pushed to ECR;"));
        lines.add(GHA.comment("each environment then runs its digest, in promotion order ("
                + delivery.stages().stream().map(DeliveryPlan.Stage::environment).collect(Collectors.joining(", then "))
                + "), migrations first. Roles by OIDC, no keys."));
        lines.add(GHA.comment("CICD_README.md has the one-time setup, promotion and rollback."));
        return lines;
    }

    /** Started by a matching push, or by a person choosing this environment; never after a failed or cancelled job. */
    private static Safe condition(DeliveryPlan.Stage stage) {
        List<String> reasons = new ArrayList<>();
        for (PushOf push : stage.pushes()) {
            reasons.add("(github.event_name == 'push' && " + (push.prefix()
                    ? "startsWith(github.ref, " + GHA.literal(push.stem()) + ")"
                    : "github.ref == " + GHA.literal(push.ref())) + ")");
        }
        if (stage.dispatchable()) {
            reasons.add("(github.event_name == 'workflow_dispatch' && inputs.environment == " + GHA.literal(stage.environment()) + ")");
        }
        String started = reasons.isEmpty() ? "false" : String.join(" || ", reasons);
        return new Safe("${{ !cancelled() && !failure() && (" + started + ") }}");
    }

    private static List<Pair> credentials(DeploymentSpec spec, String role) {
        return List.of(new Pair(new Safe("role-to-assume"), new Safe(role)),
                new Pair(new Safe("aws-region"), GHA.q(spec.platform().region())));
    }

    private static IdStep idStep(String name, String id, String repository, List<Pair> with) {
        ActionPin pin = Pins.action(repository);
        return new IdStep(GHA.q(name), Optional.ofNullable(id).map(Safe::new), new Safe(pin.uses()), GHA.comment(pin.tag()), with);
    }

    private static String job(String environment) {
        return "deploy-" + environment;
    }

    private static Safe joined(java.util.stream.Stream<String> values) {
        return new Safe(values.map(value -> GHA.q(value).text()).collect(Collectors.joining(", ")));
    }
}
