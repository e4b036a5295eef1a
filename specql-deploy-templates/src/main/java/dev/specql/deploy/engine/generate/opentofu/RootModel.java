package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.generate.GenerationContext;
import dev.specql.deploy.engine.generate.app.AppRuntime;
import dev.specql.deploy.engine.generate.opentofu.RootView.Entry;
import dev.specql.deploy.engine.render.Safe;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.Pins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The view of one environment root: sizes from the plan, names from the spec, all escaped for HCL. */
final class RootModel {

    private static final HclEscaper HCL = new HclEscaper();
    /** Requests a minute per task above which the service scales out, beside the CPU target. */
    static final int REQUESTS_PER_TARGET = 1000;
    /** Worker tasks per environment: one consumer per queue keeps job order predictable; raise it by hand. */
    static final int WORKER_TASKS = 1;

    private RootModel() {
    }

    static Map<String, Object> of(DeploymentSpec spec, EnvironmentPlan plan, GenerationContext context) {
        String domain = domain(spec, plan);
        String zone = spec.platform().hostedZone().orElseThrow();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("e", new RootView.Environment(HCL.q(plan.name()), HCL.q(plan.prefix()), HCL.q(spec.platform().region()),
                HCL.q(plan.name() + "/terraform.tfstate"), HCL.q("alias/" + spec.name() + "-tofu-state"), plan.productionTier(),
                HCL.q(domain), HCL.q(zone), plan.logRetentionDays(), HCL.q(spec.name()), new Safe(spec.pattern().id()),
                new Safe(plan.name()), new Safe(spec.name())));
        model.put("net", new RootView.Network(plan.availabilityZones(), HCL.list(plan.zoneNames()), HCL.q(plan.natMode())));
        model.put("db", new RootView.Database(HCL.q(spec.database().version()), HCL.q(plan.dbInstanceClass()), plan.dbStorageGib(),
                plan.dbMaxStorageGib(), plan.multiAz(), plan.backupRetentionDays(), HCL.q(spec.database().backup().window()),
                plan.deletionProtection(), HCL.q(spec.database().name()), HCL.q(spec.database().user())));
        AppRuntime runtime = AppRuntime.of(spec);
        List<String> secrets = OpenTofuGenerator.secretNames(spec);
        model.put("app", new RootView.App(HCL.q(plan.cpuArchitecture()), plan.cpu(), plan.memory(), runtime.port(),
                HCL.q(spec.application().healthPath()), runtime.migrateCommand().map(HCL::list).orElse(new Safe("[]")),
                runtime.migrateCommand().isPresent(), plan.desiredCount(), plan.minCount(), plan.maxCount(), plan.targetCpu(),
                aligned(OpenTofuGenerator.ecsEnvironment(spec, plan, domain)), HCL.list(secrets), !secrets.isEmpty(),
                runtime.hasWorker(), HCL.list(runtime.hasWorker() ? runtime.workerCommand() : List.of()),
                new Safe("format(\"postgresql://%s@%s:%d/%s?sslmode=require\", " + HCL.q(spec.database().user())
                        + ", module.database.endpoint, module.database.port, " + HCL.q(spec.database().name()) + ")"),
                REQUESTS_PER_TARGET, WORKER_TASKS));
        model.put("edge", new RootView.Edge(plan.waf(), plan.logRetentionDays()));
        model.put("cacheReplicas", plan.multiAz() ? 1 : 0);
        model.put("alarms", new RootView.Alarms(HCL.list(alarmEmails(spec)), aligned(thresholds(spec))));
        if (spec.pattern() == dev.specql.deploy.model.Pattern.HOBBY_PROJECT) {
            model.put("server", server(spec, plan, context));
        }
        model.put("imageExample", HCL.q("123456789012.dkr.ecr." + spec.platform().region() + ".amazonaws.com/" + spec.name()
                + "@sha256:" + "0".repeat(64)));
        return model;
    }

    /** The production tier serves the spec's domain; earlier environments a subdomain named after them. */
    static String domain(DeploymentSpec spec, EnvironmentPlan plan) {
        String domain = spec.platform().domain().orElseThrow();
        return plan.productionTier() ? domain : plan.name() + "." + domain;
    }

    private static RootView.Server server(DeploymentSpec spec, EnvironmentPlan plan, GenerationContext context) {
        String type = plan.instanceType().orElseThrow();
        boolean arm = type.matches("^[a-z]+[0-9]+g[a-z]*\\..*");
        String arch = arm ? "aarch64" : "x86_64";
        String deployment = OpenTofuGenerator.deploymentFromEnvironment(context);
        String files = List.of("compose.production.yaml", "Caddyfile").stream()
                .map(name -> "    " + HCL.q(name).text() + " = file(\"" + "$" + "{path.module}/" + deployment + "/" + name + "\")")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        return new RootView.Server(HCL.q(type), HCL.q(arm ? "arm64" : "x86_64"), CostEstimator.rootVolumeGib(spec),
                spec.database().backup().retentionDays(),
                HCL.q("https://github.com/docker/compose/releases/download/" + Pins.COMPOSE_PLUGIN_VERSION + "/docker-compose-linux-" + arch),
                HCL.q(Pins.COMPOSE_PLUGIN_SHA256.get(arch)), new Safe(alignFileEntries(files)));
    }

    private static List<String> alarmEmails(DeploymentSpec spec) {
        List<String> emails = new ArrayList<>();
        spec.monitoring().alarms().forEach(alarm -> alarm.email().filter(e -> !emails.contains(e)).ifPresent(emails::add));
        return emails;
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

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
