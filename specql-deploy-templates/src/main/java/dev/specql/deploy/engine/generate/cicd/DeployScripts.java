package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.plan.BlueGreenPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.ServerHosting;
import dev.specql.deploy.model.DeploymentSpec;
import java.util.stream.Collectors;

/**
 * The deploy scripts every pipeline runs, whatever its CI system (generated/cicd/): deploy-ecs.sh on the ECS patterns,
 * deploy-server.sh with server-update.sh on the hobby-project server. Every value quoted for the shell.
 */
final class DeployScripts {

    static final String ECS_SCRIPT = "deploy-ecs.sh";
    static final String SERVER_SCRIPT = "deploy-server.sh";
    /** What deploy-server.sh sends to the server through SSM Run Command. */
    static final String SERVER_UPDATE = "server-update.sh";

    private static final ShellEscaper SH = new ShellEscaper();
    /** Minutes a deploy job may run: publishing aside, the migrations and the services' switch. */
    static final int DEPLOY_JOB_MINUTES = 45;
    /** Beyond a blue/green deployment's own limit: registering revisions and the migrations before it starts. */
    static final int BEFORE_BLUE_GREEN_MINUTES = 25;

    private DeployScripts() {
    }

    /** The hobby-project pattern deploys to its server; the others to ECS. */
    static boolean servers(DeploymentPlan plan) {
        return plan.production().hosting() instanceof ServerHosting;
    }

    static String script(DeploymentPlan plan) {
        return servers(plan) ? SERVER_SCRIPT : ECS_SCRIPT;
    }

    /** The script as a pipeline calls it from the project root. */
    static String command(DeploymentPlan plan) {
        return "./" + plan.layout().cicd(script(plan));
    }

    static ServerDeployScriptView serverScript(DeploymentPlan plan) {
        return new ServerDeployScriptView(basics(plan),
                plan.environments().stream().map(environment -> new ServerDeployScriptView.Target(SH.q(environment.name()),
                        SH.q(environment.prefix()), SH.q(environment.domain()))).toList());
    }

    /** How long a pipeline's deploy (or rollback) job may run: longer where it follows a blue/green deployment. */
    static int jobMinutes(DeploymentPlan plan) {
        return BlueGreenPlan.of(plan.spec().bluegreen())
                .map(blueGreen -> Math.max(DEPLOY_JOB_MINUTES, blueGreen.timeoutMinutes() + BEFORE_BLUE_GREEN_MINUTES))
                .orElse(DEPLOY_JOB_MINUTES);
    }

    static EcsDeployScriptView ecsScript(DeploymentPlan plan) {
        return new EcsDeployScriptView(basics(plan), plan.app().migrateCommand().isPresent(),
                plan.environments().stream().map(environment -> new EcsDeployScriptView.Target(SH.q(environment.name()),
                        SH.q(environment.prefix()), plan.app().worker().isPresent(),
                        SH.q("https://" + environment.domain() + plan.spec().application().healthPath()))).toList(),
                BlueGreenPlan.of(plan.spec().bluegreen()).map(blueGreen -> new EcsDeployScriptView.BlueGreen(
                        SH.q(BlueGreenPlan.TEST_HEADER), blueGreen.timeoutMinutes())));
    }

    /** What both deploy scripts state: the environments, where the images are, the region and the repository. */
    static ScriptBasics basics(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        return new ScriptBasics(Header.lines("#", spec.specFile()),
                new Safe(plan.environments().stream().map(EnvironmentPlan::name).collect(Collectors.joining(" "))),
                new Safe("<account>.dkr.ecr." + spec.platform().region() + ".amazonaws.com/" + spec.name()),
                SH.q(spec.platform().region()), SH.q(spec.name()));
    }
}
