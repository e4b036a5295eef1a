package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.FileDeclaration.VerbatimTree;
import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.HeaderView;
import dev.specql.deploy.engine.generate.Sources;
import dev.specql.deploy.engine.plan.ClusterHosting;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.DisasterRecoveryPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.ServerHosting;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.Pins;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Phase 2: OpenTofu on AWS. A bootstrap (state bucket, KMS key, ECR), one root per environment that sizes
 * the local modules, the modules themselves (verbatim HCL shipped with the plugin), tests, a deploy script
 * and a README with a cost estimate. The kubernetes pattern's infrastructure is its Helm chart: nothing here.
 */
public final class OpenTofuGenerator implements Generator {

    public static final String PHASE = "opentofu";
    /** The verbatim modules, listed in their index.txt. */
    static final String MODULES = "opentofu/modules";
    private static final String APP_TIER = "opentofu/environment/app-ecs.tf.vm";
    private static final String PLAN_TEST = "opentofu/first-deploy.tftest.hcl.vm";
    private static final String PLAN_TEST_FILE = "first_deploy.tftest.hcl";

    private static final HclEscaper HCL = new HclEscaper();
    private static final ShellEscaper SH = new ShellEscaper();

    @Override
    public String phase() {
        return PHASE;
    }

    /** The hobby server runs phase 1's production Compose stack, read (file() at plan time) from where phase 1 writes it. */
    @Override
    public List<String> reads(DeploymentPlan plan) {
        if (runsServer(plan)) {
            return serverFiles(plan.layout());
        }
        // The ECS monitoring task's files (module observability uploads the observability phase's folder).
        return MonitoringTask.runs(plan) ? plan.environments().stream()
                .map(e -> plan.layout().observability(MonitoringTask.prometheusConfig(e))).toList() : List.of();
    }

    /** The files of phase 1 the hobby server runs. */
    static List<String> serverFiles(Layout layout) {
        return List.of(layout.productionCompose(), layout.caddyfile());
    }

    /** hobby-project: one server runs the stack, instead of ECS. */
    static boolean runsServer(DeploymentPlan plan) {
        return plan.production().hosting() instanceof ServerHosting;
    }

    /** The modules this plan uses, in the order the README lists them. */
    static List<String> modules(DeploymentPlan plan) {
        List<String> modules = new ArrayList<>(runsServer(plan) ? List.of("kms", "networking", "server", "monitoring")
                : List.of("kms", "networking", "database", "edge", "compute", "monitoring"));
        if (!runsServer(plan) && !(plan.app().secrets().isEmpty() && MonitoringTask.newSecrets(plan).isEmpty())) {
            modules.add(2, "secrets");
        }
        if (!runsServer(plan) && plan.app().broker()) {
            modules.add("cache");
        }
        if (MonitoringTask.runs(plan)) {
            modules.add("observability");
        }
        if (DeliveryPlan.deploys(plan)) {
            modules.add("deployer");
        }
        return modules;
    }

    @Override
    public List<FileDeclaration> files(DeploymentPlan plan, Sources sources) {
        if (plan.production().hosting() instanceof ClusterHosting) {
            return List.of();
        }
        DeploymentSpec spec = plan.spec();
        Layout layout = plan.layout();
        Safe header = Header.lines("#", spec.specFile());
        List<FileDeclaration> files = new ArrayList<>();
        BootstrapView bootstrap = new BootstrapView(header, new Safe(Pins.OPENTOFU_VERSION), HCL.q("= " + Pins.AWS_PROVIDER_VERSION),
                HCL.q(spec.name()), HCL.q(spec.platform().region()), CostEstimator.usesEcr(plan),
                DisasterRecoveryPlan.of(plan).map(standby -> HCL.q(standby.region())));
        for (String name : List.of("versions.tf", "variables.tf", "main.tf", "outputs.tf")) {
            files.add(file("opentofu/bootstrap/" + name + ".vm", layout.opentofu("bootstrap/" + name), bootstrap));
        }
        files.add(file(PLAN_TEST, layout.opentofu("bootstrap/tests/" + PLAN_TEST_FILE), PlanTests.bootstrap(plan, header)));
        boolean deploys = DeliveryPlan.deploys(plan);
        if (deploys) {
            // Cross-phase: the CI pipelines' identity provider and roles are infrastructure, shaped by the cicd section.
            CiAccessView access = CiAccessView.bootstrap(plan, header);
            files.add(file("opentofu/bootstrap/ci.tf.vm", layout.opentofu("bootstrap/ci.tf"), access));
            files.add(file("opentofu/bootstrap/terraform.tfvars.example.vm", layout.opentofu("bootstrap/terraform.tfvars.example"), access));
        }
        List<String> modules = modules(plan);
        boolean server = runsServer(plan);
        String flavour = server ? "server" : "ecs";
        InputsView inputs = RootViews.inputs(plan, header);
        for (EnvironmentPlan environment : plan.environments()) {
            RootSettingsView settings = RootViews.settings(plan, environment, header);
            String directory = "environments/" + environment.name() + "/";
            files.add(file("opentofu/environment/versions.tf.vm", layout.opentofu(directory + "versions.tf"), settings));
            files.add(file("opentofu/environment/providers.tf.vm", layout.opentofu(directory + "providers.tf"), settings));
            files.add(file("opentofu/environment/variables.tf.vm", layout.opentofu(directory + "variables.tf"), inputs));
            if (server) {
                files.add(file("opentofu/environment/main-server.tf.vm", layout.opentofu(directory + "main.tf"),
                        RootViews.server(plan, environment, header)));
            } else {
                EcsRootView root = RootViews.ecs(plan, environment, header, sources.text(RootViews.TASK_HOSTS_SCRIPT));
                files.add(file("opentofu/environment/main-ecs.tf.vm", layout.opentofu(directory + "main.tf"), root));
                files.add(file(APP_TIER, layout.opentofu(directory + "app.tf"), RootViews.appTier(root, header)));
            }
            files.add(file("opentofu/environment/outputs-" + flavour + ".tf.vm", layout.opentofu(directory + "outputs.tf"),
                    new OutputsView(header, secretArns(plan, true),
                            RootViews.taskSubnets(!server && environment.ecs().publicTasks()))));
            files.add(file("opentofu/environment/terraform.tfvars.example.vm", layout.opentofu(directory + "terraform.tfvars.example"),
                    inputs));
            if (deploys) {
                files.add(file("opentofu/environment/ci.tf.vm", layout.opentofu(directory + "ci.tf"),
                        CiAccessView.environment(plan, environment, header)));
            }
            files.add(file(PLAN_TEST, layout.opentofu(directory + "tests/" + PLAN_TEST_FILE),
                    PlanTests.environment(plan, environment, modules, header)));
        }
        DisasterRecoveryPlan.of(plan).ifPresent(standby -> files.addAll(standbyRoot(plan, standby, header,
                sources.text(RootViews.TASK_HOSTS_SCRIPT))));
        files.add(new VerbatimTree(MODULES, layout.opentofu("modules"), modules));
        List<String> services = new ArrayList<>(List.of("module.compute.aws_ecs_service.this"));
        plan.app().worker().ifPresent(worker -> services.add("module.compute.aws_ecs_service.worker"));
        if (MonitoringTask.runs(plan)) {
            // Created with the others once the secrets it reads have values.
            services.add("module.observability.aws_ecs_service.this");
        }
        Optional<DisasterRecoveryPlan> standby = DisasterRecoveryPlan.of(plan);
        List<String> environments = new ArrayList<>(plan.environments().stream().map(EnvironmentPlan::name).toList());
        standby.ifPresent(s -> environments.add(s.name()));
        files.add(new Rendered("opentofu/deploy.sh.vm", layout.opentofu("deploy.sh"), new DeployScriptView(header,
                new Safe(String.join(", ", environments)), words(environments),
                !server, SH.q(spec.platform().region()), words(services), plan.app().migrateCommand().isPresent(),
                standby.map(s -> new DeployScriptView.Standby(SH.q(s.name()), SH.q(s.region()),
                        // Its compute module has a count (app.tf): the services' addresses name the instance.
                        words(services.stream().filter(a -> a.startsWith("module.compute."))
                                .map(a -> a.replace("module.compute.", "module.compute[0].")).toList())))),
                FileMode.EXECUTABLE));
        MonitoringAlarms alarms = MonitoringAlarms.parse(sources.text(MonitoringAlarms.MODULE_SOURCE));
        files.add(file("opentofu/README.md.vm", layout.opentofu("README.md"), OpenTofuReadmeView.of(plan, modules, alarms)));
        return files;
    }

    /** The disaster recovery standby's root, in its region, from the same modules as production's. */
    private static List<FileDeclaration> standbyRoot(DeploymentPlan plan, DisasterRecoveryPlan standby, Safe header,
                                                     String taskHostsScript) {
        Layout layout = plan.layout();
        String directory = "environments/" + standby.name() + "/";
        RootSettingsView settings = RootViews.settings(plan, standby.name(), standby.region(), header);
        return List.of(
                file("opentofu/environment/versions.tf.vm", layout.opentofu(directory + "versions.tf"), settings),
                file("opentofu/environment/providers.tf.vm", layout.opentofu(directory + "providers.tf"), settings),
                file("opentofu/environment/variables-standby.tf.vm", layout.opentofu(directory + "variables.tf"), new HeaderView(header)),
                file("opentofu/environment/main-standby.tf.vm", layout.opentofu(directory + "main.tf"),
                        RootViews.standby(plan, standby, header)),
                file(APP_TIER, layout.opentofu(directory + "app.tf"), RootViews.standbyAppTier(plan, standby, header, taskHostsScript)),
                file("opentofu/environment/outputs-standby.tf.vm", layout.opentofu(directory + "outputs.tf"),
                        new StandbyOutputsView(header, secretArns(plan, false))),
                file(PLAN_TEST, layout.opentofu(directory + "tests/" + PLAN_TEST_FILE), PlanTests.standby(plan, standby, header)));
    }

    /**
     * The output listing every secret the operator must set, as an HCL expression: the app's, and the monitoring
     * task's where the root runs it.
     */
    private static Safe secretArns(DeploymentPlan plan, boolean monitoring) {
        List<String> maps = new ArrayList<>();
        if (!plan.app().secrets().isEmpty()) {
            maps.add("values(module.secrets.arns)");
        }
        if (monitoring && !MonitoringTask.newSecrets(plan).isEmpty()) {
            maps.add("values(module." + MonitoringTaskView.SECRETS_MODULE + ".arns)");
        }
        return new Safe(switch (maps.size()) {
            case 0 -> "\"\"";
            case 1 -> "join(\" \", " + maps.get(0) + ")";
            default -> "join(\" \", concat(" + String.join(", ", maps) + "))";
        });
    }

    /** Shell words, each quoted. */
    private static Safe words(List<String> words) {
        return new Safe(words.stream().map(w -> SH.q(w).text()).collect(Collectors.joining(" ")));
    }

    private static Rendered file(String template, String destination, Record view) {
        return new Rendered(template, destination, view, FileMode.REGULAR);
    }
}
