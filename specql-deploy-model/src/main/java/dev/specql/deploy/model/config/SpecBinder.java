package dev.specql.deploy.model.config;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.CiProvider;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.DeploymentSpec.AlertRule;
import dev.specql.deploy.model.DeploymentSpec.Alarm;
import dev.specql.deploy.model.DeploymentSpec.Autoscale;
import dev.specql.deploy.model.DeploymentSpec.AvailabilityZones;
import dev.specql.deploy.model.DeploymentSpec.Channel;
import dev.specql.deploy.model.DeploymentSpec.Environment;
import dev.specql.deploy.model.DeploymentSpec.Trigger;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.MonitoringLevel;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.Registry;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Builds the immutable model from a checked effective configuration. */
public final class SpecBinder {

    private final EffectiveConfig c;

    private SpecBinder(EffectiveConfig config) {
        this.c = config;
    }

    public static DeploymentSpec bind(EffectiveConfig config) {
        return new SpecBinder(config).spec();
    }

    private DeploymentSpec spec() {
        Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        for (String name : c.childKeys("environment")) {
            environment.put(name, c.textMap("environment." + name));
        }
        return new DeploymentSpec(c.file(),
                new DeploymentSpec.Deployment(c.text("deployment.name"), keyword(Framework.class, "deployment.framework"),
                        c.has("deployment.framework_major") ? Optional.of(c.integer("deployment.framework_major")) : Optional.empty(),
                        keyword(Pattern.class, "deployment.pattern"), c.optionalText("deployment.description")),
                platform(), database(), application(), environment, monitoring(), cicd(), kubernetes(),
                new DeploymentSpec.MultiRegion(c.bool("multiregion.enabled"), c.text("multiregion.strategy"),
                        c.text("multiregion.primary_region"), c.optionalText("multiregion.dr_region"),
                        c.bool("multiregion.replication.database"), c.bool("multiregion.replication.storage")),
                new DeploymentSpec.BlueGreen(c.bool("bluegreen.enabled"), c.text("bluegreen.strategy"),
                        c.integer("bluegreen.traffic_shift.initial"), c.integer("bluegreen.traffic_shift.increment"),
                        c.text("bluegreen.traffic_shift.interval"), c.bool("bluegreen.rollback_on_error")),
                c.has("specql.registry") ? Optional.of(new DeploymentSpec.Specql(strings(c.list("specql.entities")),
                        c.text("specql.registry"), c.text("specql.schema_dir"), c.text("specql.migrations_dir"))) : Optional.empty(),
                ProjectFacts.none());
    }

    private DeploymentSpec.Platform platform() {
        Object zones = c.value("platform.availability_zones");
        AvailabilityZones availabilityZones = zones instanceof List<?> names
                ? new AvailabilityZones(names.size(), strings(names))
                : new AvailabilityZones(Math.toIntExact((Long) zones), List.of());
        return new DeploymentSpec.Platform(c.text("platform.provider"), c.text("platform.region"), availabilityZones,
                c.optionalText("platform.domain"), c.optionalText("platform.acme_email"),
                c.optionalText("platform.hosted_zone"), c.optionalText("platform.instance_type"));
    }

    private DeploymentSpec.Database database() {
        return new DeploymentSpec.Database(c.text("database.engine"), c.text("database.version"), c.text("database.name"),
                c.text("database.user"), c.text("database.url_scheme"), c.optionalText("database.size"), c.integer("database.storage"),
                c.integer("database.max_storage"), c.bool("database.multi_az"), c.integer("database.pool_size"),
                keyword(MigrationTool.class, "database.migration_tool"),
                new DeploymentSpec.Backup(c.text("database.backup.frequency"), c.integer("database.backup.retention"),
                        c.text("database.backup.window")));
    }

    private DeploymentSpec.Application application() {
        return new DeploymentSpec.Application(c.integer("application.port"), c.text("application.health_path"),
                c.text("application.metrics_path"), c.optionalText("application.module"), keyword(AppServer.class, "application.server"),
                c.optionalText("application.command"), c.optionalText("application.release_command"),
                c.optionalText("application.storage_path"), strings(c.list("application.writable_paths")),
                c.optionalText("application.settings_module"),
                keyword(PackageManager.class, "application.package_manager") == PackageManager.PIP
                        ? c.optionalText("application.requirements_file") : Optional.empty(),
                c.integer("application.workers"),
                c.integer("application.instances"), c.integer("application.cpu"), c.integer("application.memory"),
                autoscale("application.autoscale"), c.text("application.runtime_version"),
                keyword(PackageManager.class, "application.package_manager"), c.bool("application.rust_extension"),
                strings(c.list("application.system_packages")), strings(c.list("application.secrets")),
                new DeploymentSpec.Worker(c.bool("application.worker.enabled"),
                        c.optionalText("application.worker.system").map(system -> Keyword.parse(JobSystem.class, system)),
                        c.optionalText("application.worker.command"),
                        c.integer("application.worker.concurrency"),
                        c.bool("application.worker.scheduler")));
    }

    private Autoscale autoscale(String prefix) {
        return new Autoscale(c.bool(prefix + ".enabled"), c.integer(prefix + ".min"), c.integer(prefix + ".max"),
                c.integer(prefix + ".target_cpu"));
    }

    private DeploymentSpec.Monitoring monitoring() {
        return new DeploymentSpec.Monitoring(keyword(MonitoringLevel.class, "monitoring.level"),
                items("monitoring.alarms", m -> new Alarm(text(m, "type"), (BigDecimal) decimal(m.get("threshold")),
                        optional(m, "email"))),
                c.bool("monitoring.metrics.prometheus"), c.text("monitoring.metrics.retention"),
                c.bool("monitoring.logs.loki"), c.text("monitoring.logs.retention"),
                strings(c.list("monitoring.dashboards")),
                items("monitoring.alerts.channels", m -> new Channel(text(m, "type"), optional(m, "to"),
                        optional(m, "webhook_url").or(() -> optional(m, "routing_key")).map(SpecBinder::variableName))),
                c.optionalText("monitoring.alerts.smtp.smarthost").map(host -> new DeploymentSpec.Smtp(host,
                        c.text("monitoring.alerts.smtp.from"), c.optionalText("monitoring.alerts.smtp.username"),
                        c.optionalText("monitoring.alerts.smtp.password").map(SpecBinder::variableName))),
                items("monitoring.alerts.rules", m -> new AlertRule(text(m, "name"), text(m, "condition"),
                        optional(m, "duration").orElse(itemDefault("monitoring.alerts.rules[].duration")),
                        optional(m, "severity").orElse(itemDefault("monitoring.alerts.rules[].severity")), optional(m, "summary"))));
    }

    private DeploymentSpec.Cicd cicd() {
        return new DeploymentSpec.Cicd(keyword(CiProvider.class, "cicd.provider"), c.text("cicd.default_branch"),
                keyword(Registry.class, "cicd.registry"),
                items("cicd.triggers", m -> new Trigger(text(m, "event"), optional(m, "branch"), text(m, "action"), optional(m, "environment"))),
                items("cicd.environments", m -> new Environment(text(m, "name"),
                        flag(m, "auto_deploy", itemDefault("cicd.environments[].auto_deploy")),
                        flag(m, "approval_required", itemDefault("cicd.environments[].approval_required")))),
                c.bool("cicd.migrations.auto_run"), c.bool("cicd.migrations.rollback_on_failure"));
    }

    private DeploymentSpec.Kubernetes kubernetes() {
        return new DeploymentSpec.Kubernetes(c.optionalText("kubernetes.cluster"), c.text("kubernetes.namespace"),
                c.integer("kubernetes.replicas"), autoscale("kubernetes.autoscaling"), c.text("kubernetes.database.operator"),
                c.text("kubernetes.database.size"), c.integer("kubernetes.database.replicas"), c.text("kubernetes.ingress.class"),
                c.text("kubernetes.ingress.ssl"), c.text("kubernetes.ingress.cluster_issuer"),
                c.optionalText("kubernetes.ingress.domain"), c.bool("kubernetes.monitoring.prometheus_operator"),
                c.bool("kubernetes.monitoring.grafana"));
    }

    private <E extends Enum<E> & Keyword> E keyword(Class<E> type, String path) {
        return Keyword.parse(type, c.text(path));
    }

    private <T> List<T> items(String path, Function<Map<?, ?>, T> mapper) {
        return c.list(path).stream().map(item -> mapper.apply((Map<?, ?>) item)).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T itemDefault(String path) {
        return (T) Defaults.LIST_ITEMS.get(path);
    }

    private static String text(Map<?, ?> map, String key) {
        return (String) map.get(key);
    }

    private static Optional<String> optional(Map<?, ?> map, String key) {
        return Optional.ofNullable((String) map.get(key));
    }

    private static boolean flag(Map<?, ?> map, String key, boolean fallback) {
        Object value = map.get(key);
        return value == null ? fallback : (Boolean) value;
    }

    private static Object decimal(Object value) {
        return value instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) value);
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(String.class::cast).toList();
    }

    /** "${SLACK_WEBHOOK_URL}" to "SLACK_WEBHOOK_URL". */
    private static String variableName(String reference) {
        return reference.substring(2, reference.length() - 1);
    }
}
