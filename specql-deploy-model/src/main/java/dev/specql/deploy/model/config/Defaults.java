package dev.specql.deploy.model.config;

import static dev.specql.deploy.model.KeyValues.table;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.framework.Frameworks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The default tables: one for built-in defaults, one per framework, one per pattern. A user value beats
 * a pattern value beats a framework value beats a built-in one. Values derived from other values
 * (database.name from deployment.name, ...) are computed in {@link ConfigMerger}.
 */
public final class Defaults {

    /** The database class of the environments before production, which the planner keeps small and cheap. */
    public static final String EARLY_DATABASE_CLASS = "db.t4g.micro";
    /** The most app tasks the environments before production scale to. */
    public static final int EARLY_MAX_TASKS = 2;

    /** Values that hold whatever the framework and pattern. */
    public static final Map<String, Object> BUILT_IN = table(
            "deployment.pattern", "hobby-project",
            "platform.provider", "aws",
            "platform.region", "us-east-1",
            "database.engine", "postgresql",
            "database.version", "17",
            "database.user", "app",
            "database.url_scheme", "postgresql",
            "database.backup.frequency", "daily",
            "database.backup.window", "03:00-04:00",
            "application.metrics_path", "/metrics",
            "application.rust_extension", false,
            "application.secrets", List.of(),
            "application.system_packages", List.of(),
            "application.writable_paths", List.of(),
            "application.worker.concurrency", 5,
            "application.worker.scheduler", false,
            "monitoring.alarms", List.of(),
            "monitoring.alerts.channels", List.of(),
            "monitoring.alerts.rules", List.of(),
            "cicd.provider", "github-actions",
            "cicd.default_branch", "main",
            "cicd.triggers", List.of(
                    table("event", "pull_request", "action", "test"),
                    table("event", "push", "branch", "main", "action", "deploy", "environment", "staging"),
                    table("event", "manual", "action", "promote", "environment", "production")),
            "cicd.environments", List.of(
                    table("name", "staging", "auto_deploy", true, "approval_required", false),
                    table("name", "production", "auto_deploy", false, "approval_required", true)),
            "cicd.migrations.auto_run", true,
            "cicd.migrations.rollback_on_failure", true,
            "kubernetes.replicas", 3,
            "kubernetes.autoscaling.enabled", true,
            "kubernetes.autoscaling.min", 2,
            "kubernetes.autoscaling.max", 10,
            "kubernetes.autoscaling.target_cpu", 70,
            "kubernetes.database.operator", "cloudnative-pg",
            "kubernetes.database.size", "10Gi",
            "kubernetes.database.replicas", 3,
            "kubernetes.ingress.class", "nginx",
            "kubernetes.ingress.ssl", "cert-manager",
            "kubernetes.ingress.cluster_issuer", "letsencrypt-prod",
            "kubernetes.monitoring.prometheus_operator", true,
            "kubernetes.monitoring.grafana", true,
            "multiregion.enabled", false,
            "multiregion.strategy", "active-passive",
            "multiregion.replication.database", true,
            "multiregion.replication.storage", true,
            "bluegreen.enabled", false,
            "bluegreen.strategy", "gradual",
            "bluegreen.traffic_shift.initial", 10,
            "bluegreen.traffic_shift.increment", 10,
            "bluegreen.traffic_shift.interval", "1m",
            "bluegreen.rollback_on_error", true);

    /** Defaults of the specql section, which apply only when the spec has one. */
    public static final Map<String, Object> SPECQL = table(
            "specql.entities", List.of("entities/*.yaml"),
            "specql.registry", "registry/domain_registry.yaml",
            "specql.schema_dir", "db/schema",
            "specql.migrations_dir", "db/migrations");

    /**
     * Keys of list items left out of an item, by path with {@code []} for the item. {@link SpecBinder} fills
     * them per item; they live here so the reference and the schema state them.
     */
    public static final Map<String, Object> LIST_ITEMS = table(
            "monitoring.alerts.rules[].duration", "5m",
            "monitoring.alerts.rules[].severity", "warning",
            "cicd.environments[].auto_deploy", false,
            "cicd.environments[].approval_required", false);

    /** What each framework needs (where it listens, how it runs, what migrates it), from its runtime class. */
    public static final Map<String, Map<String, Object>> FRAMEWORK = frameworkTables();

    /** Sizes and safety levels per pattern: cost first on the small ones, resilience on production. */
    public static final Map<Pattern, Map<String, Object>> PATTERN = enumTable(Pattern.class, Map.of(
            Pattern.HOBBY_PROJECT, table(
                    "platform.availability_zones", 1,
                    "database.storage", 20,
                    "database.max_storage", 20,
                    "database.multi_az", false,
                    "database.backup.retention", 7,
                    "application.instances", 1,
                    "application.cpu", 1024,
                    "application.memory", 512,
                    "application.autoscale.enabled", false,
                    "application.autoscale.min", 1,
                    "application.autoscale.max", 1,
                    "application.autoscale.target_cpu", 70,
                    "monitoring.level", "basic",
                    "monitoring.metrics.retention", "15d",
                    "monitoring.logs.retention", "7d"),
            Pattern.SMALL_SAAS, table(
                    "platform.availability_zones", 2,
                    "database.size", "db.t4g.micro",
                    "database.storage", 20,
                    "database.max_storage", 100,
                    "database.multi_az", false,
                    "database.backup.retention", 7,
                    "application.instances", 2,
                    "application.cpu", 512,
                    "application.memory", 1024,
                    "application.autoscale.enabled", true,
                    "application.autoscale.min", 2,
                    "application.autoscale.max", 10,
                    "application.autoscale.target_cpu", 70,
                    "monitoring.level", "standard",
                    "monitoring.metrics.retention", "15d",
                    "monitoring.logs.retention", "14d"),
            Pattern.PRODUCTION_SAAS, table(
                    "platform.availability_zones", 3,
                    "database.size", "db.t4g.medium",
                    "database.storage", 100,
                    "database.max_storage", 1000,
                    "database.multi_az", true,
                    "database.backup.retention", 30,
                    "application.instances", 3,
                    "application.cpu", 1024,
                    "application.memory", 2048,
                    "application.autoscale.enabled", true,
                    "application.autoscale.min", 3,
                    "application.autoscale.max", 50,
                    "application.autoscale.target_cpu", 60,
                    "monitoring.level", "enterprise",
                    "monitoring.metrics.retention", "30d",
                    "monitoring.logs.retention", "30d"),
            Pattern.KUBERNETES, table(
                    "platform.availability_zones", 2,
                    "database.storage", 20,
                    "database.max_storage", 100,
                    "database.multi_az", false,
                    "database.backup.retention", 7,
                    "application.instances", 3,
                    "application.cpu", 512,
                    "application.memory", 1024,
                    "application.autoscale.enabled", false,
                    "application.autoscale.min", 2,
                    "application.autoscale.max", 10,
                    "application.autoscale.target_cpu", 70,
                    "monitoring.level", "standard",
                    "monitoring.metrics.retention", "15d",
                    "monitoring.logs.retention", "14d")));

    private Defaults() {
    }

    /** Each runtime's table, by its label ("fraiseql", "fraiseql 1", "django"), in registry order. */
    private static Map<String, Map<String, Object>> frameworkTables() {
        Map<String, Map<String, Object>> tables = new java.util.LinkedHashMap<>();
        Frameworks.all().forEach(runtime -> tables.put(runtime.label(), runtime.defaults()));
        return Collections.unmodifiableMap(tables);
    }

    private static <E extends Enum<E>> Map<E, Map<String, Object>> enumTable(Class<E> type, Map<E, Map<String, Object>> entries) {
        Map<E, Map<String, Object>> map = new EnumMap<>(type);
        map.putAll(entries);
        if (map.size() != type.getEnumConstants().length) {
            throw new IllegalStateException("a default table lacks a " + type.getSimpleName());
        }
        return Collections.unmodifiableMap(map);
    }
}
