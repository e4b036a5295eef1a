package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.GitlabCiEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.generate.cicd.GitlabDeliveryView.Job;
import dev.specql.deploy.engine.generate.cicd.GitlabDeliveryView.Need;
import dev.specql.deploy.engine.generate.cicd.GitlabDeliveryView.Rule;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeliveryPlan.PushOf;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.model.catalog.Pins;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** GitLab CI's publish and deploy jobs, and the script they run, every value escaped for its file. */
final class GitlabDelivery {

    /** What the publish and deploy jobs run: the OIDC sign-in, the push to ECR, the deploy script. */
    static final String SCRIPT = "gitlab-aws.sh";
    /** A manual run's choice of environment when it deploys none. */
    static final String NO_ENVIRONMENT = "none";

    private static final GitlabCiEscaper GL = new GitlabCiEscaper();
    private static final ShellEscaper SH = new ShellEscaper();
    private static final String MANUAL_RUN = "$CI_PIPELINE_SOURCE == \"web\" && $CI_COMMIT_BRANCH == $PIPELINE_BRANCH";

    private GitlabDelivery() {
    }

    static GitlabDeliveryView delivery(DeploymentPlan plan) {
        DeliveryPlan delivery = DeliveryPlan.of(plan.spec());
        String script = "./" + plan.layout().cicd(SCRIPT);
        List<Safe> pipelines = new ArrayList<>(delivery.pushRefs().stream().map(ref -> new Safe(pushed(new PushOf(ref)))).toList());
        List<Safe> publishIf = new ArrayList<>(pipelines);
        if (delivery.dispatchable()) {
            pipelines.add(new Safe(MANUAL_RUN));
            publishIf.add(new Safe(MANUAL_RUN + " && $DEPLOY_ENVIRONMENT != " + GL.expressionString(NO_ENVIRONMENT).text()));
        }
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < delivery.stages().size(); i++) {
            DeliveryPlan.Stage stage = delivery.stages().get(i);
            EnvironmentPlan environment = plan.environments().get(i);
            Safe when = new Safe(stage.approval() ? "manual" : "on_success");
            List<Rule> rules = new ArrayList<>();
            stage.pushes().forEach(push -> rules.add(new Rule(new Safe(pushed(push)), when)));
            if (stage.dispatchable()) {
                rules.add(new Rule(new Safe(MANUAL_RUN + " && $DEPLOY_ENVIRONMENT == " + GL.expressionString(stage.environment()).text()),
                        when));
            }
            List<Need> needs = new ArrayList<>();
            if (TestJobPlan.of(plan).hasChecks()) {
                needs.add(new Need(new Safe("test"), delivery.dispatchable()));
            }
            needs.add(new Need(new Safe("publish-image"), delivery.dispatchable()));
            stage.previous().ifPresent(previous -> needs.add(new Need(new Safe(job(previous)), true)));
            jobs.add(new Job(new Safe(job(stage.environment())), new Safe(stage.environment()),
                    new Safe(tier(stage.environment(), i == delivery.stages().size() - 1)), GL.q("https://" + environment.domain()), needs,
                    rules, GL.script(SH.command(List.of("apk", "add", "--no-cache", "aws-cli", "bash", "curl", "jq"))),
                    GL.script(new Safe("AWS_ROLE_ARN=\"$AWS_DEPLOY_ROLE_ARN\" " + SH.command(List.of(script, "deploy", stage.environment())).text())),
                    GL.script(SH.command(List.of("curl", "--fail", "--silent", "--show-error", "--retry", "10", "--retry-delay", "6",
                            "--retry-all-errors", "--max-time", "10", "--output", "/dev/null",
                            "https://" + environment.domain() + plan.spec().application().healthPath())))));
        }
        return new GitlabDeliveryView(pipelines,
                delivery.dispatchable() ? Optional.of(new Safe(java.util.stream.Stream.concat(java.util.stream.Stream.of(NO_ENVIRONMENT),
                        delivery.stages().stream().filter(DeliveryPlan.Stage::dispatchable).map(DeliveryPlan.Stage::environment))
                        .map(name -> GL.q(name).text()).collect(Collectors.joining(", ")))) : Optional.empty(),
                GL.q(Pins.ALPINE_IMAGE), GL.script(SH.command(List.of("apk", "add", "--no-cache", "aws-cli", "bash", "skopeo"))),
                GL.script(new Safe("AWS_ROLE_ARN=\"$AWS_PUBLISH_ROLE_ARN\" "
                        + SH.command(List.of(script, "publish", GitlabPipeline.IMAGE_ARCHIVE)).text())), publishIf, jobs,
                DeployScripts.jobMinutes(plan));
    }

    static GitlabAwsScriptView script(DeploymentPlan plan) {
        return new GitlabAwsScriptView(DeployScripts.basics(plan), new Safe(DeployScripts.script(plan)));
    }

    /** A push of the ref, as a rules:if condition (tag and branch names are compared, never spliced unescaped). */
    private static String pushed(PushOf push) {
        boolean tag = push.ref().startsWith("refs/tags/");
        String variable = tag ? "$CI_COMMIT_TAG" : "$CI_COMMIT_BRANCH";
        String stem = push.stem().substring((tag ? "refs/tags/" : "refs/heads/").length());
        String match = push.prefix()
                ? stem.isEmpty() ? variable : variable + " =~ " + GL.prefixPattern(stem).text()
                : variable + " == " + GL.expressionString(stem).text();
        return "$CI_PIPELINE_SOURCE == \"push\" && " + match;
    }

    /**
     * GitLab's deployment tier, which its environment views and DORA metrics read: the last environment in promotion
     * order is production; the others by their names, staging when a name says nothing.
     */
    private static String tier(String environment, boolean last) {
        if (last || environment.startsWith("prod")) {
            return "production";
        }
        if (environment.startsWith("test") || environment.equals("qa")) {
            return "testing";
        }
        if (environment.startsWith("dev")) {
            return "development";
        }
        return "staging";
    }

    static String job(String environment) {
        return "deploy-" + environment;
    }
}
