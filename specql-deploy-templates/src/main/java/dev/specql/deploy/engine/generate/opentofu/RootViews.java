package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Alarms;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Entry;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Environment;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Network;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Site;
import dev.specql.deploy.engine.plan.BlueGreenPlan;
import dev.specql.deploy.engine.plan.DatabasePlan;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.DisasterRecoveryPlan;
import dev.specql.deploy.engine.plan.EcsHosting;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.engine.plan.NetworkPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.ServerHosting;
import dev.specql.deploy.engine.plan.TaskPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.EnvVar;
import dev.specql.deploy.model.framework.SecretVar;
import dev.specql.deploy.model.framework.Wiring;
import dev.specql.deploy.model.framework.Worker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The views of one environment root: sizes from the plan, names from the spec, all escaped for HCL. */
final class RootViews {

    private static final HclEscaper HCL = new HclEscaper();
    /** Requests a minute per task above which the service scales out, beside the CPU target. */
    static final int REQUESTS_PER_TARGET = 1000;
    /** Worker tasks per environment: one consumer per queue keeps job order predictable; raise it by hand. */
    static final int WORKER_TASKS = 1;

    private RootViews() {
    }

    static RootSettingsView settings(DeploymentPlan plan, EnvironmentPlan environment, Safe header) {
        return settings(plan, environment.name(), plan.spec().platform().region(), header);
    }

    /**
     * @param region where the root's resources are, and its state: the disaster recovery standby's is in its own region
     *               (the bootstrap's second store), so that it can be applied while the primary region is down
     */
    static RootSettingsView settings(DeploymentPlan plan, String environment, String region, Safe header) {
        DeploymentSpec spec = plan.spec();
        return new RootSettingsView(header, new Safe(Pins.OPENTOFU_VERSION), HCL.q("= " + Pins.AWS_PROVIDER_VERSION),
                HCL.q(region), HCL.q(environment + "/terraform.tfstate"),
                HCL.q("alias/" + spec.name() + "-tofu-state"), HCL.q(spec.name()), HCL.q(environment));
    }

    static InputsView inputs(DeploymentPlan plan, Safe header) {
        DeploymentSpec spec = plan.spec();
        return new InputsView(header, OpenTofuGenerator.runsServer(plan), DeliveryPlan.deploys(plan),
                HCL.q("123456789012.dkr.ecr." + spec.platform().region() + ".amazonaws.com/" + spec.name() + "@sha256:" + "0".repeat(64)),
                CiAccessView.bootstrap(plan, header).system(), CiAccessView.repositoryExample(plan));
    }

    /** The script that adds an ECS task's own address to the Host names the app accepts (see task-hosts.py). */
    static final String TASK_HOSTS_SCRIPT = "opentofu/task-hosts.py";

    /** ECS's deployment configuration for the spec's bluegreen section. */
    static Optional<EcsRootView.BlueGreen> blueGreen(DeploymentSpec.BlueGreen spec) {
        return BlueGreenPlan.of(spec).map(plan -> new EcsRootView.BlueGreen(HCL.q(plan.strategy()), plan.stepPercent(),
                plan.stepMinutes(), plan.bakeMinutes(), plan.rollbackOnError(), HCL.q(BlueGreenPlan.TEST_HEADER)));
    }

    static EcsRootView ecs(DeploymentPlan plan, EnvironmentPlan environment, Safe header, String taskHostsScript) {
        DeploymentSpec spec = plan.spec();
        EcsHosting ecs = environment.ecs();
        DatabasePlan db = ecs.database();
        TaskPlan tasks = ecs.tasks();
        return new EcsRootView(header, identity(plan, environment), site(plan, environment), network(environment.network()),
                database(spec, db),
                new EcsRootView.Task(
                        new EcsRootView.Container(HCL.q(tasks.architecture().ecs()), tasks.cpu(), tasks.memory(), plan.app().port(),
                                // On Fargate the uploads directory is scratch space too, so that writes succeed; a
                                // warning says they do not last.
                                HCL.q(spec.application().healthPath()), HCL.list(plan.app().writableWithUploads())),
                        tasks.desiredCount(),
                        new EcsRootView.Scaling(tasks.minCount(), tasks.maxCount(), tasks.targetCpu(), REQUESTS_PER_TARGET),
                        plan.app().migrateCommand().map(command -> migration(plan, environment, command)),
                        aligned(environmentVariables(plan, environment)),
                        secretNames(plan),
                        databaseUrl(spec, spec.database().name(), APP_LOGIN), databaseSecrets(plan, wiring(environment), APP_PASSWORD),
                        plan.app().acceptedHostsVariable().map(variable -> new EcsRootView.Launch(
                                HCL.list(List.of("python", "-c", withoutComments(taskHostsScript), variable)),
                                HCL.list(plan.app().serverCommand()))),
                        new EcsRootView.DatabaseAccess(HCL.q(Pins.postgresClientImage(spec.database().version())),
                                HCL.list(databases(plan, environment))),
                        new EcsRootView.Placement(taskSubnets(ecs.publicTasks()), ecs.publicTasks(),
                                capacity(ecs.spotTasks()), ecs.containerInsights())),
                new EcsRootView.Edge(ecs.waf(), environment.logRetentionDays(), privatePaths(spec), blueGreen(spec.bluegreen()),
                        DisasterRecoveryPlan.protects(plan, environment) ? Optional.of(HCL.q("PRIMARY")) : Optional.empty()),
                plan.app().worker().map(worker -> new EcsRootView.Jobs(HCL.list(worker.command()), WORKER_TASKS,
                        worker.needsBroker() ? Optional.of(db.multiAz() ? 1 : 0) : Optional.empty(),
                        aligned(workerVariables(worker, spec.variables(tier(environment)))), capacity(ecs.spotWorkers()))),
                alarms(plan), MonitoringTaskView.of(plan, environment));
    }

    /** An environment's app.tf: its containers, sized as main.tf's view says. */
    static AppTierView appTier(EcsRootView root, Safe header) {
        return new AppTierView(header, false, root.environment().label(), root.task(), root.database().access().username(),
                root.jobs(), root.edge().blueGreen(), root.environment().logRetentionDays(),
                new Safe("[module.compute.task_security_group_id]"), cacheReplicas(root));
    }

    /**
     * The standby's app.tf: production's containers, created once the standby is promoted, and the broker as
     * production's, kept ready. Deploys there roll: its load balancer has no second target group.
     */
    static AppTierView standbyAppTier(DeploymentPlan plan, DisasterRecoveryPlan standby, Safe header, String taskHostsScript) {
        EcsRootView primary = ecs(plan, standby.primary(), header, taskHostsScript);
        return new AppTierView(header, true, primary.environment().label(), primary.task(), primary.database().access().username(),
                primary.jobs(), Optional.empty(), primary.environment().logRetentionDays(),
                new Safe("module.compute[*].task_security_group_id"), cacheReplicas(primary));
    }

    private static Safe cacheReplicas(EcsRootView root) {
        return new Safe(String.valueOf(root.jobs().flatMap(EcsRootView.Jobs::cacheReplicas).orElse(0)));
    }

    /** The paths the load balancer answers with 404: the metrics endpoint. */
    private static Safe privatePaths(DeploymentSpec spec) {
        return HCL.list(List.of(spec.application().metricsPath()));
    }

    private static EcsRootView.Database database(DeploymentSpec spec, DatabasePlan db) {
        return new EcsRootView.Database(HCL.q(spec.database().version()), HCL.q(db.instanceClass()),
                new EcsRootView.Storage(db.storageGib(), db.maxStorageGib()), db.multiAz(), db.deletionProtection(),
                new EcsRootView.Backup(db.backupRetentionDays(), HCL.q(spec.database().backup().window())),
                new EcsRootView.Access(HCL.q(spec.database().name()), HCL.q(spec.database().adminUser()),
                        HCL.q(spec.database().user())));
    }

    /** The standby's root: production's database as a replica, in the second region, and what watches it. */
    static StandbyRootView standby(DeploymentPlan plan, DisasterRecoveryPlan standby, Safe header) {
        DeploymentSpec spec = plan.spec();
        EnvironmentPlan primary = standby.primary();
        return new StandbyRootView(header, new Environment(new Safe(standby.name()), new Safe(spec.name()), new Safe(spec.pattern().id()),
                HCL.q(standby.prefix()), primary.logRetentionDays()), new Safe(primary.name()), new Safe(standby.primaryRegion()),
                new Safe(standby.region()), HCL.q(standby.primaryRegion()), HCL.q(primary.prefix()), standbyNetwork(standby),
                database(spec, standby.database()), alarms(plan).emails(), DisasterRecoveryPlan.LAG_ALARM_SECONDS, site(plan, primary),
                new StandbyRootView.Edge(plan.app().port(), HCL.q(spec.application().healthPath()), primary.ecs().waf(),
                        primary.logRetentionDays(), privatePaths(spec)),
                secretNames(plan));
    }

    /** The app's secrets (module secrets), when it has any. */
    private static Optional<Safe> secretNames(DeploymentPlan plan) {
        List<String> secrets = plan.app().secrets().stream().map(SecretVar::name).toList();
        return secrets.isEmpty() ? Optional.empty() : Optional.of(HCL.list(secrets));
    }

    static ServerRootView server(DeploymentPlan plan, EnvironmentPlan environment, Safe header) {
        ServerHosting server = environment.server();
        String binary = server.architecture().kernel();
        // Keyed by file name: the server module writes each under that name beside the others.
        String files = OpenTofuGenerator.serverFiles(plan.layout()).stream()
                .map(path -> "    " + HCL.q(path.substring(path.lastIndexOf('/') + 1)).text() + " = file("
                        + HCL.interpolated("path.module", "/" + plan.layout().fromEnvironmentRoot(path)).text() + ")")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        return new ServerRootView(header, identity(plan, environment), site(plan, environment), network(environment.network()),
                new ServerRootView.Server(HCL.q(server.instanceType()), HCL.q(server.architecture().ec2()), server.rootVolumeGib(),
                        server.snapshotRetentionDays(), server.snapshotIntervalHours(), HCL.q(server.snapshotTime()),
                        HCL.q("https://github.com/docker/compose/releases/download/" + Pins.COMPOSE_PLUGIN_VERSION
                                + "/docker-compose-linux-" + binary),
                        HCL.q(Pins.COMPOSE_PLUGIN_SHA256.get(binary)), new Safe(alignFileEntries(files))),
                alarms(plan),
                new Safe(Layout.relative(Layout.environmentRoot(environment.name()), Layout.DEPLOYMENT)),
                new ServerRootView.Registry(HCL.q(plan.spec().platform().region()), HCL.q(plan.spec().name())));
    }

    private static Environment identity(DeploymentPlan plan, EnvironmentPlan environment) {
        DeploymentSpec spec = plan.spec();
        return new Environment(new Safe(environment.name()), new Safe(spec.name()), new Safe(spec.pattern().id()),
                HCL.q(environment.prefix()), environment.logRetentionDays());
    }

    private static Site site(DeploymentPlan plan, EnvironmentPlan environment) {
        return new Site(HCL.q(environment.domain()), HCL.q(plan.spec().platform().hostedZone().orElseThrow()));
    }

    /** No NAT gateway while the standby waits; once promoted, its app's tasks call out as production's do. */
    private static Network standbyNetwork(DisasterRecoveryPlan standby) {
        Network waiting = network(standby.network());
        NetworkPlan.NatMode promoted = standby.primary().network().natMode();
        return promoted == standby.network().natMode() ? waiting : new Network(waiting.availabilityZones(), waiting.zoneNames(),
                new Safe("var.promoted ? " + HCL.q(promoted.id()).text() + " : " + waiting.natMode().text()));
    }

    private static Network network(NetworkPlan network) {
        return new Network(network.availabilityZones(), HCL.list(network.zoneNames()), HCL.q(network.natMode().id()));
    }

    /** The networking module's output of the subnets ECS tasks run in: public ones (with a public IP each) or private ones. */
    static Safe taskSubnets(boolean publicTasks) {
        return new Safe("module.networking." + (publicTasks ? "public" : "private") + "_subnet_ids");
    }

    private static Safe capacity(boolean spot) {
        return HCL.q(spot ? "FARGATE_SPOT" : "FARGATE");
    }

    /** The app's login, and its password's secret (a plain string). */
    private static final String APP_PASSWORD = "module.database.app_password_secret_arn";
    private static final Function<DeploymentSpec, Safe> APP_LOGIN = spec -> HCL.q(spec.database().user());
    /** The master user, who migrates, and its password's key in the RDS-managed secret. */
    private static final String ADMIN_PASSWORD = "\"${module.database.master_user_secret_arn}:password::\"";
    private static final Function<DeploymentSpec, Safe> ADMIN_LOGIN = spec -> new Safe("module.database.master_username");

    /**
     * The migration task: the app's variables that name the database user (URLs, user names) as the master user,
     * and its password variables from the master user's secret, except those the spec sets itself.
     */
    private static EcsRootView.Migration migration(DeploymentPlan plan, EnvironmentPlan environment, List<String> command) {
        DeploymentSpec spec = plan.spec();
        Map<String, String> specVariables = spec.variables(tier(environment));
        List<Entry> overrides = new ArrayList<>();
        boolean adminUrl = false;
        for (EnvVar var : plan.app().environment(wiring(environment))) {
            if (specVariables.containsKey(var.name())) {
                continue;
            }
            if (var.value() instanceof EnvVar.Endpoint endpoint && endpoint.service() == EnvVar.Service.DATABASE) {
                adminUrl = true;
                overrides.add(new Entry(HCL.q(var.name()), endpoint.suffix().isEmpty() ? new Safe("local.admin_database_url")
                        : HCL.interpolated("local.admin_database_url", endpoint.suffix())));
            } else if (var.value() instanceof EnvVar.OtherDatabase other) {
                overrides.add(new Entry(HCL.q(var.name()), databaseUrl(spec, other.database(), ADMIN_LOGIN)));
            } else if (var.value() instanceof EnvVar.DatabaseUser) {
                overrides.add(new Entry(HCL.q(var.name()), ADMIN_LOGIN.apply(spec)));
            }
        }
        return new EcsRootView.Migration(HCL.list(command),
                adminUrl ? Optional.of(databaseUrl(spec, spec.database().name(), ADMIN_LOGIN)) : Optional.empty(),
                aligned(overrides), databaseSecrets(plan, wiring(environment), ADMIN_PASSWORD));
    }

    /** The app's databases on the instance: the spec's, then the others its settings connect to (Rails' Solid ones). */
    private static List<String> databases(DeploymentPlan plan, EnvironmentPlan environment) {
        Set<String> names = new LinkedHashSet<>(List.of(plan.spec().database().name()));
        plan.app().environment(wiring(environment)).stream().map(EnvVar::value)
                .filter(EnvVar.OtherDatabase.class::isInstance).map(value -> ((EnvVar.OtherDatabase) value).database())
                .forEach(names::add);
        return List.copyOf(names);
    }

    /** The variables the app's containers get on ECS: the stack's services by their module outputs. */
    private static List<Entry> environmentVariables(DeploymentPlan plan, EnvironmentPlan environment) {
        DeploymentSpec spec = plan.spec();
        Wiring wiring = wiring(environment);
        Map<String, Safe> values = new LinkedHashMap<>();
        for (EnvVar var : plan.app().environment(wiring)) {
            if (!(var.value() instanceof EnvVar.DatabasePassword)) {
                values.put(var.name(), value(var.value(), spec));
            }
        }
        spec.variables(tier(environment)).forEach((key, value) -> values.put(key, HCL.q(value)));
        List<Entry> entries = new ArrayList<>();
        values.forEach((key, value) -> entries.add(new Entry(HCL.q(key), value)));
        return entries;
    }

    /** The worker's own settings, except those the spec sets for every container (the spec has the last word). */
    private static List<Entry> workerVariables(Worker worker, Map<String, String> specVariables) {
        List<Entry> entries = new ArrayList<>();
        worker.settings().forEach((key, value) -> {
            if (!specVariables.containsKey(key)) {
                entries.add(new Entry(HCL.q(key), HCL.q(value)));
            }
        });
        return entries;
    }

    private static String tier(EnvironmentPlan environment) {
        return environment.productionTier() ? "production" : environment.name();
    }

    /** How the app's settings reach the stack in an ECS environment: over TLS to the broker, through the public domain. */
    private static Wiring wiring(EnvironmentPlan environment) {
        return new Wiring(true, "https://" + environment.domain(), environment.domain(), true);
    }

    private static Safe value(EnvVar.Value value, DeploymentSpec spec) {
        if (value instanceof EnvVar.Literal literal) {
            return HCL.q(literal.text());
        }
        if (value instanceof EnvVar.OtherDatabase other) {
            return databaseUrl(spec, other.database(), APP_LOGIN);
        }
        if (value instanceof EnvVar.DatabaseHost) {
            return new Safe("module.database.endpoint");
        }
        if (value instanceof EnvVar.DatabaseUser) {
            return APP_LOGIN.apply(spec);
        }
        EnvVar.Endpoint endpoint = (EnvVar.Endpoint) value;
        String reference = switch (endpoint.service()) {
            // No password in the URL: libpq reads PGPASSWORD, injected from the RDS-managed secret.
            case DATABASE -> "local.database_url";
            case BROKER -> "module.cache.url";
        };
        return endpoint.suffix().isEmpty() ? new Safe(reference) : HCL.interpolated(reference, endpoint.suffix());
    }

    /** A database on the instance, as a URL without the password, which libpq reads from PGPASSWORD. */
    private static Safe databaseUrl(DeploymentSpec spec, String database, Function<DeploymentSpec, Safe> login) {
        return new Safe("format(\"" + spec.database().urlScheme() + "://%s@%s:%d/%s?sslmode=require\", " + login.apply(spec).text()
                + ", module.database.endpoint, module.database.port, " + HCL.q(database).text() + ")");
    }

    /**
     * The task's variables read from Secrets Manager besides the app's own secrets: PGPASSWORD, and each variable
     * the app's settings read the database password from, all from {@code password} (an HCL expression).
     */
    private static Safe databaseSecrets(DeploymentPlan plan, Wiring wiring, String password) {
        List<String> names = new ArrayList<>(List.of("PGPASSWORD"));
        plan.app().environment(wiring).stream().filter(var -> var.value() instanceof EnvVar.DatabasePassword)
                .forEach(var -> names.add(var.name()));
        return new Safe("{ " + names.stream().map(name -> name + " = " + password).collect(Collectors.joining(", ")) + " }");
    }

    private static Alarms alarms(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        List<String> emails = new ArrayList<>();
        spec.monitoring().alarms().forEach(alarm -> alarm.email().filter(e -> !emails.contains(e)).ifPresent(emails::add));
        List<String> quiet = MonitoringTask.handovers(plan).stream().map(MonitoringTask.Handover::alarm).toList();
        return new Alarms(HCL.list(emails), aligned(thresholds(spec)), quiet.isEmpty() ? Optional.empty() : Optional.of(HCL.list(quiet)));
    }

    /** The spec's alarm thresholds, by the monitoring module's names. */
    private static List<Entry> thresholds(DeploymentSpec spec) {
        Map<String, String> names = Map.of("error_rate", "error_rate_percent", "response_time", "response_time_seconds",
                "unhealthy_hosts", "unhealthy_hosts", "cpu", "cpu_percent", "memory", "memory_percent", "db_cpu", "db_cpu_percent",
                "db_storage", "db_free_storage_gib", "db_connections", "db_connections");
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (DeploymentSpec.Alarm alarm : spec.monitoring().alarms()) {
            String key = names.get(alarm.type());
            entries.put(key, new Entry(new Safe(key), new Safe(alarm.threshold().toPlainString())));
        }
        return new ArrayList<>(entries.values());
    }

    /** A Python script's comments are for the file's readers, not for every task definition that embeds it. */
    private static String withoutComments(String script) {
        return script.lines().filter(line -> !line.strip().startsWith("#")).map(line -> line + "\n").collect(Collectors.joining());
    }

    /** Pads keys as tofu fmt aligns the '=' of consecutive attributes. */
    static List<Entry> aligned(List<Entry> entries) {
        int width = entries.stream().mapToInt(e -> e.key().text().length()).max().orElse(0);
        return entries.stream().map(e -> new Entry(new Safe(pad(e.key().text(), width)), e.value())).toList();
    }

    private static String alignFileEntries(String lines) {
        List<String> rows = lines.lines().toList();
        int width = rows.stream().mapToInt(r -> r.indexOf(" = ")).max().orElse(0);
        return String.join("\n", rows.stream().map(r -> pad(r.substring(0, r.indexOf(" = ")), width) + r.substring(r.indexOf(" = "))).toList());
    }

    static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
