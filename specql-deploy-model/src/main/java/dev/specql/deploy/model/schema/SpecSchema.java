package dev.specql.deploy.model.schema;

import static dev.specql.deploy.model.schema.Field.optional;
import static dev.specql.deploy.model.schema.Field.required;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.CiProvider;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.MonitoringLevel;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.Registry;
import dev.specql.deploy.model.catalog.AwsRegions;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import dev.specql.deploy.model.framework.Frameworks;
import dev.specql.deploy.model.schema.ScalarType.BooleanType;
import dev.specql.deploy.model.schema.ScalarType.EnumType;
import dev.specql.deploy.model.schema.ScalarType.EnvValueType;
import dev.specql.deploy.model.schema.ScalarType.IntegerType;
import dev.specql.deploy.model.schema.ScalarType.NumberType;
import dev.specql.deploy.model.schema.ScalarType.QuantityType;
import dev.specql.deploy.model.schema.ScalarType.StringType;
import dev.specql.deploy.model.schema.ScalarType.VersionType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The deployment spec's keys, in the format of the original plan, plus the keys later phases need.
 * This declaration is the single source of the validator, the JSON Schema and the key reference.
 */
public final class SpecSchema {

    public static final String SCHEMA_ID = "https://specql.dev/schemas/deployment-1.json";

    /** Fargate's CPU sizes, in CPU units (1024 = one vCPU). */
    public static final List<Long> FARGATE_CPU_UNITS = List.of(256L, 512L, 1024L, 2048L, 4096L, 8192L, 16384L);

    private static final BooleanType BOOL = new BooleanType();

    private static StringType string(Format format) {
        return new StringType(format);
    }

    private static IntegerType integer(long min, long max) {
        return new IntegerType(min, max);
    }

    private static <E extends Enum<E> & Keyword> EnumType keywords(Class<E> type) {
        return new EnumType(Keyword.ids(type), false);
    }

    static final QuantityType MEMORY_MIB = new QuantityType("MiB", units(
            "mb", 1, "mib", 1, "m", 1, "mi", 1, "gb", 1024, "gib", 1024, "g", 1024, "gi", 1024),
            128, 122_880, 128, List.of(), "128 MiB to 120 GiB, a multiple of 128 MiB");

    static final QuantityType STORAGE_GIB = new QuantityType("GiB", units("gb", 1, "gib", 1, "g", 1, "gi", 1, "tb", 1024, "tib", 1024),
            20, 65_536, 1, List.of(), "20 to 65536 GiB");

    static final QuantityType FARGATE_CPU = new QuantityType("CPU units (1024 = 1 vCPU)", units("vcpu", 1024, "cpu", 1024),
            256, 16_384, 1, FARGATE_CPU_UNITS, "one of 256, 512, 1024, 2048, 4096, 8192, 16384 units (0.25 to 16 vCPU)");

    private static Map<String, BigDecimal> units(Object... pairs) {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            units.put((String) pairs[i], new BigDecimal(String.valueOf(pairs[i + 1])));
        }
        return units;
    }

    private static ObjectType autoscaling(String what) {
        return ObjectType.of("Autoscaling of " + what + ".",
                optional("enabled", BOOL, "Whether " + what + " scale with load."),
                optional("min", integer(1, 100), "The fewest " + what + " kept running."),
                optional("max", integer(1, 500), "The most " + what + " started under load."),
                optional("target_cpu", integer(10, 95), "Average CPU utilisation, in percent, that scaling aims for."));
    }

    static final ObjectType DEPLOYMENT = ObjectType.of("What is deployed.",
            required("name", string(Format.NAME), "The application's name; it prefixes every resource, image and hostname."),
            required("framework", keywords(Framework.class), "The web framework: fraiseql (GraphQL on PostgreSQL), django or rails."),
            optional("framework_major", integer(1, 99), "The framework's major version, where majors deploy differently: "
                    + "fraiseql 2 (a Rust server, the schema compiled at build) or 1 (a Python ASGI app). Read from the project "
                    + "(fraiseql.toml, a fraiseql<2 pin) when unset."),
            optional("pattern", keywords(Pattern.class), "The deployment pattern: hobby-project (one server with Docker Compose and Caddy), "
                    + "small-saas (ECS Fargate and RDS, cost first), production-saas (Multi-AZ, autoscaling, WAF) or kubernetes (Helm)."),
            optional("description", string(Format.TEXT), "One line describing the app, used in image labels and READMEs."));

    static final ObjectType PLATFORM = ObjectType.of("Where it runs.",
            optional("provider", EnumType.of("aws"), "The cloud provider. Only aws is supported."),
            optional("region", new EnumType(AwsRegions.ALL, false), "The AWS region."),
            optional("availability_zones", new ChoiceType(integer(1, 6), new ListType(string(Format.AVAILABILITY_ZONE), 1, 6, true)),
                    "How many availability zones to spread over, or their names."),
            optional("domain", string(Format.DOMAIN), "The public hostname of the app. Caddy and ACM obtain its TLS certificate."),
            optional("hosted_zone", string(Format.DOMAIN), "The Route 53 public hosted zone that holds platform.domain; "
                    + "OpenTofu validates the certificate and writes the DNS records there."),
            optional("acme_email", string(Format.EMAIL), "Contact address given to Let's Encrypt for certificate expiry notices."),
            optional("instance_type", string(Format.EC2_INSTANCE_TYPE),
                    "The EC2 instance type of the hobby-project server; arm64 (Graviton) types cost less where the app can run on them."));

    static final ObjectType DATABASE = ObjectType.of("The PostgreSQL database.",
            optional("engine", EnumType.of("postgresql"), "The database engine. Only postgresql is supported."),
            optional("version", new EnumType(List.copyOf(Pins.postgresVersions()), true), "The PostgreSQL major version."),
            optional("name", string(Format.SQL_IDENTIFIER), "The database name."),
            optional("user", string(Format.SQL_IDENTIFIER), "The database user the app connects as."),
            optional("url_scheme", EnumType.of("postgresql", "postgres", "postgis"), "The scheme of the database URLs the app "
                    + "reads: postgresql, postgres for libraries that accept only that spelling, or postgis for GeoDjango "
                    + "(dj-database-url, django-environ) and activerecord-postgis-adapter, which then use the PostGIS backend; "
                    + "postgis also gives the Compose database the PostGIS image (RDS ships the extension). Read from the app "
                    + "when unset."),
            optional("size", string(Format.DB_INSTANCE_CLASS), "The RDS instance class."),
            optional("storage", STORAGE_GIB, "Allocated storage in GiB."),
            optional("max_storage", STORAGE_GIB, "The ceiling, in GiB, up to which storage grows by itself."),
            optional("multi_az", BOOL, "Whether RDS keeps a synchronous standby in a second availability zone."),
            optional("pool_size", integer(1, 500), "Connections each app process keeps open."),
            optional("migration_tool", keywords(MigrationTool.class), "What applies schema migrations before a new version serves: "
                    + "confiture (SpecQL/FraiseQL), django (manage.py migrate), rails (db:migrate) or none."),
            optional("backup", ObjectType.of("Backups.",
                    optional("frequency", EnumType.of("daily", "hourly"), "How often a backup is taken."),
                    optional("retention", integer(1, 35), "How many days backups are kept."),
                    optional("window", string(Format.TIME_WINDOW), "The daily UTC window in which backups run.")),
                    "Backups of the database."));

    static final ObjectType APPLICATION = ObjectType.of("The application containers.",
            optional("port", integer(1024, 65535), "The port the app listens on inside its container."),
            optional("health_path", string(Format.URL_PATH), "The path that answers 200 when the app is healthy."),
            optional("metrics_path", string(Format.URL_PATH), "The path that serves Prometheus metrics; never exposed publicly."),
            optional("module", string(Format.PYTHON_TARGET), "FraiseQL 2: the module that exports schema.json when run with python -m. FraiseQL 1: the ASGI app as module:attribute. "
                    + "Django: the project package that holds settings.py and wsgi.py. Not used by rails."),
            optional("server", keywords(AppServer.class), "The production server: " + perFrameworkList(r -> r.servers().stream()
                    .map(AppServer::id).toList()) + ". Read from the app's dependencies and Procfile when unset."),
            optional("command", string(Format.COMMAND), "The production server's command, when the app has its own (a Procfile "
                    + "web: line): run by sh, with PORT set to application.port. Replaces the command the framework's server gets."),
            optional("release_command", string(Format.COMMAND), "A command run once before each new version serves, in place of "
                    + "the migration tool's (a Procfile release: line): run by sh, as the one-off migration task."),
            optional("storage_path", string(Format.STORAGE_PATH), "The directory of uploaded files that must outlive containers "
                    + "(Django's MEDIA_ROOT, Rails' Active Storage disk): a named volume in Compose; none when uploads go to "
                    + "object storage. Read from the settings when unset."),
            optional("writable_paths", new ListType(string(Format.CONTAINER_PATH), 0, 20, true), "Scratch directories the app "
                    + "writes at runtime besides the framework's (/tmp, Rails' tmp): writable, emptied when the container stops, "
                    + "under an otherwise read-only filesystem."),
            optional("settings_module", string(Format.PYTHON_MODULE), "Django: the production settings module, which every "
                    + "process and the image build use. Read from wsgi.py, manage.py and a settings package's production module."),
            optional("requirements_file", string(Format.FILE_PATH), "pip: the requirements file that lists production "
                    + "dependencies; the files it includes (-r, -c) are installed with it."),
            optional("workers", integer(1, 64), "Server worker processes per container (gunicorn workers, puma WEB_CONCURRENCY)."),
            optional("instances", integer(1, 100), "How many app containers run."),
            optional("cpu", FARGATE_CPU, "CPU per container, in CPU units (1024 = 1 vCPU) or as '0.5 vCPU'."),
            optional("memory", MEMORY_MIB, "Memory per container, in MiB or as '1GB'."),
            optional("autoscale", autoscaling("app containers"), "Autoscaling of the app containers."),
            optional("runtime_version", new VersionType(List.copyOf(runtimeVersions())),
                    "The Python (fraiseql, django) or Ruby (rails) version of the image: a minor version (3.12) for the newest "
                            + "pinned release of it, or an exact release (\"3.12.7\") when the app's files demand one."),
            optional("package_manager", keywords(PackageManager.class), "uv or pip for Python apps; bundler for rails."),
            optional("rust_extension", BOOL, "Whether the app builds its own Rust extension (maturin); adds a Rust toolchain to the build stage."),
            // An empty list is allowed because it is the built-in default, which the schema publishes.
            optional("system_packages", new ListType(string(Format.DEBIAN_PACKAGE), 0, 30, true),
                    "Debian packages the app needs at runtime (libvips42, libmagic1, ...), installed in the image."),
            optional("secrets", new ListType(string(Format.ENV_VAR), 0, 50, true),
                    "Names of secret environment variables the app reads (values never go in this file)."),
            optional("worker", ObjectType.of("Background workers.",
                    optional("enabled", BOOL, "Whether background workers run."),
                    optional("system", keywords(JobSystem.class), "The job system: " + perFrameworkList(r -> r.jobSystems().stream()
                            .map(JobSystem::id).toList()) + ". Celery and Sidekiq bring a Redis-compatible broker (Valkey); Solid Queue "
                            + "and GoodJob keep their queue in PostgreSQL. Read from the app's dependencies when unset."),
                    optional("command", string(Format.COMMAND), "The worker's command, when the app has its own (a Procfile worker: "
                            + "line): run by sh in place of the job system's. Needs enabled: true."),
                    optional("concurrency", integer(1, 64), "Concurrent jobs per worker container."),
                    optional("scheduler", BOOL, "Whether a scheduler runs periodic jobs (" + perFramework(FrameworkRuntime::scheduler)
                            + " only).")),
                    "Background job workers."));

    static final ObjectType ALARM = ObjectType.of("A CloudWatch alarm.",
            required("type", EnumType.of("error_rate", "response_time", "unhealthy_hosts", "cpu", "memory",
                    "db_cpu", "db_storage", "db_connections"), "What is measured."),
            required("threshold", new NumberType(BigDecimal.ZERO, new BigDecimal("100000")),
                    "The value that raises the alarm: percent for rates and utilisation, seconds for response time, "
                            + "GiB for db_storage, a count for hosts and connections."),
            optional("email", string(Format.EMAIL), "Who is told."));

    static final ObjectType CHANNEL = ObjectType.of("Where alerts are sent.",
            required("type", EnumType.of("email", "slack", "webhook", "pagerduty"), "The kind of channel."),
            optional("to", string(Format.EMAIL), "The address, for email channels."),
            optional("webhook_url", string(Format.ENV_REFERENCE),
                    "For slack and webhook channels: the environment variable that holds the URL, written ${NAME}; "
                            + "webhook URLs embed a secret and never go in this file."),
            optional("routing_key", string(Format.ENV_REFERENCE), "For pagerduty: the environment variable that holds the routing key, written ${NAME}."));

    static final ObjectType ALERT_RULE = ObjectType.of("A custom Prometheus alert rule.",
            required("name", string(Format.ALERT_NAME), "The alert's name, in CamelCase."),
            required("condition", string(Format.PROMQL), "The PromQL expression that fires the alert."),
            optional("duration", string(Format.DURATION), "How long the condition must hold before the alert fires."),
            optional("severity", EnumType.of("critical", "warning", "info"), "How urgent the alert is."),
            optional("summary", string(Format.TEXT), "One line telling the person paged what is wrong."));

    static final ObjectType MONITORING = ObjectType.of("Monitoring, metrics, logs and alerts.",
            optional("level", keywords(MonitoringLevel.class), "basic (CloudWatch alarms), standard (plus Prometheus, Grafana and Loki) "
                    + "or enterprise (plus SLO burn-rate alerts and longer retention)."),
            optional("alarms", new ListType(ALARM, 0, 30, false), "CloudWatch alarms."),
            optional("metrics", ObjectType.of("Prometheus.",
                    optional("prometheus", BOOL, "Whether Prometheus scrapes the stack."),
                    optional("retention", string(Format.DURATION), "How long metrics are kept.")), "Metrics collection."),
            optional("logs", ObjectType.of("Loki, fed by Grafana Alloy.",
                    optional("loki", BOOL, "Whether logs are collected into Loki."),
                    optional("retention", string(Format.DURATION), "How long logs are kept.")), "Log collection."),
            optional("dashboards", new ListType(EnumType.of(dashboards()), 0, 10, true),
                    "Grafana dashboards to provision."),
            optional("alerts", ObjectType.of("Alertmanager.",
                    optional("channels", new ListType(CHANNEL, 0, 10, false), "Where alerts go."),
                    optional("smtp", ObjectType.of("The mail relay Alertmanager sends e-mail through.",
                            required("smarthost", string(Format.SMTP_HOST), "The relay, host:port (587 for STARTTLS)."),
                            required("from", string(Format.EMAIL), "The sender address of alert e-mails."),
                            optional("username", string(Format.TEXT), "The login at the relay, when it needs one."),
                            optional("password", string(Format.ENV_REFERENCE),
                                    "The environment variable holding the relay password, written ${NAME}.")),
                            "The mail relay; required by email channels."),
                    optional("rules", new ListType(ALERT_RULE, 0, 50, false), "Alert rules added to the built-in ones.")),
                    "Alert routing and custom rules."));

    static final ObjectType TRIGGER = ObjectType.of("When a pipeline runs.",
            required("event", EnumType.of("push", "pull_request", "tag", "schedule", "manual"), "The event."),
            optional("branch", string(Format.GIT_REF_PATTERN), "The branch or tag pattern the event applies to."),
            required("action", EnumType.of("test", "deploy", "promote"), "What the pipeline does."),
            optional("environment", string(Format.ENVIRONMENT_NAME), "The environment deployed to, for deploy and promote."));

    static final ObjectType ENVIRONMENT = ObjectType.of("A deployment environment.",
            required("name", string(Format.ENVIRONMENT_NAME), "The environment's name."),
            optional("auto_deploy", BOOL, "Whether a successful pipeline deploys here without a person."),
            optional("approval_required", BOOL, "Whether a reviewer must approve each deployment."));

    static final ObjectType CICD = ObjectType.of("Continuous integration and delivery.",
            optional("provider", keywords(CiProvider.class), "github-actions or gitlab-ci."),
            optional("default_branch", string(Format.GIT_BRANCH), "The branch that deploys to the first environment."),
            optional("registry", keywords(Registry.class), "Where images are pushed: ecr, ghcr or gitlab."),
            optional("triggers", new ListType(TRIGGER, 1, 20, false), "When pipelines run and what they do."),
            optional("environments", new ListType(ENVIRONMENT, 1, 6, false), "Environments, in promotion order."),
            optional("migrations", ObjectType.of("Migrations in the pipeline.",
                    optional("auto_run", BOOL, "Whether the deploy applies migrations before the new version serves."),
                    optional("rollback_on_failure", BOOL, "Whether a failed migration stops the deploy and keeps the running version.")),
                    "Database migrations during deploys."));

    static final ObjectType KUBERNETES = ObjectType.of("The kubernetes pattern (Helm).",
            optional("cluster", string(Format.DNS_LABEL), "The kube context or cluster name deployments target."),
            optional("namespace", string(Format.DNS_LABEL), "The namespace."),
            optional("replicas", integer(1, 100), "App pods when autoscaling is off."),
            optional("autoscaling", autoscaling("app pods"), "The HorizontalPodAutoscaler."),
            optional("database", ObjectType.of("PostgreSQL in the cluster.",
                    optional("operator", EnumType.of("cloudnative-pg"), "The operator that runs PostgreSQL."),
                    optional("size", string(Format.K8S_QUANTITY), "Storage per PostgreSQL instance."),
                    optional("replicas", integer(1, 9), "PostgreSQL instances (one primary, the rest standbys).")), "The database."),
            optional("ingress", ObjectType.of("Ingress.",
                    optional("class", string(Format.DNS_LABEL), "The ingress class."),
                    optional("ssl", EnumType.of("cert-manager", "none"), "How TLS certificates are obtained."),
                    optional("cluster_issuer", string(Format.DNS_LABEL), "The cert-manager ClusterIssuer."),
                    optional("domain", string(Format.DOMAIN), "The hostname the ingress serves.")), "Ingress."),
            optional("monitoring", ObjectType.of("Monitoring in the cluster.",
                    optional("prometheus_operator", BOOL, "Whether the chart monitors itself with the Prometheus operator's resources: ServiceMonitor, PodMonitor, a Prometheus of the release, its PrometheusRules (with monitoring's Prometheus on)."),
                    optional("grafana", BOOL, "Whether the app's dashboard and the release's Prometheus datasource are shipped as Grafana sidecar ConfigMaps (with the above and a dashboard in monitoring.dashboards).")), "Monitoring."));

    static final ObjectType MULTIREGION = ObjectType.of("A second region for disaster recovery or active-active serving.",
            optional("enabled", BOOL, "Whether a second region is deployed."),
            optional("strategy", EnumType.of("active-passive", "active-active"), "How the regions share traffic."),
            optional("primary_region", new EnumType(AwsRegions.ALL, false), "The primary region."),
            optional("dr_region", new EnumType(AwsRegions.ALL, false), "The second region."),
            optional("replication", ObjectType.of("What is replicated.",
                    optional("database", BOOL, "Whether the database is replicated to the second region."),
                    optional("storage", BOOL, "Whether images and buckets are replicated.")), "Replication."));

    static final ObjectType BLUEGREEN = ObjectType.of("Blue/green deployments, by ECS on small-saas and production-saas.",
            optional("enabled", BOOL, "Whether new versions start beside the old one and take traffic gradually or at once."),
            optional("strategy", EnumType.of("instant", "gradual"), "instant moves all traffic at once (ECS's BLUE_GREEN); "
                    + "gradual moves it in steps (LINEAR or CANARY)."),
            optional("traffic_shift", ObjectType.of("Steps of a gradual shift: equal steps (initial = increment: LINEAR) or "
                    + "two (initial + increment >= 100: CANARY).",
                    optional("initial", integer(1, 100), "Percent of traffic the new version gets first."),
                    optional("increment", integer(1, 100), "Percent added at each step."),
                    optional("interval", string(Format.DURATION), "Whole minutes between steps, and the bake time after the "
                            + "last, while the old version still runs (0m to 24h).")), "Traffic shifting."),
            optional("rollback_on_error", BOOL, "Whether a deployment alarm (the new version's 5xx rate) during the shift and "
                    + "bake sends traffic back to the old version."));

    static final ObjectType SPECQL = ObjectType.of("SpecQL entity files that define the database schema, applied by Confiture.",
            optional("entities", new ListType(string(Format.RELATIVE_PATH), 1, 20, true), "Entity files or globs."),
            optional("registry", string(Format.RELATIVE_PATH), "The domain registry file."),
            optional("schema_dir", string(Format.RELATIVE_PATH), "Where generated DDL lives (confiture build reads it)."),
            optional("migrations_dir", string(Format.RELATIVE_PATH), "Where Confiture migrations live (confiture migrate up applies them)."));

    public static final ObjectType ROOT = ObjectType.of("A specql-deploy deployment spec.",
            required("deployment", DEPLOYMENT, "What is deployed."),
            optional("platform", PLATFORM, "Where it runs."),
            optional("database", DATABASE, "The PostgreSQL database."),
            optional("application", APPLICATION, "The application containers."),
            optional("environment", new MapType(Format.ENVIRONMENT_NAME, new MapType(Format.ENV_VAR, new EnvValueType(), 100), 8),
                    "Extra environment variables per environment: dev, and the names in cicd.environments. Never secrets."),
            optional("monitoring", MONITORING, "Monitoring, metrics, logs and alerts."),
            optional("cicd", CICD, "Continuous integration and delivery."),
            optional("kubernetes", KUBERNETES, "The kubernetes pattern."),
            optional("multiregion", MULTIREGION, "A second region."),
            optional("bluegreen", BLUEGREEN, "Blue/green deployments."),
            optional("specql", SPECQL, "SpecQL entity files and Confiture migrations."));

    private static java.util.Set<String> runtimeVersions() {
        java.util.Set<String> versions = new TreeSet<>(Pins.pythonVersions());
        versions.addAll(Pins.rubyVersions());
        return versions;
    }

    private SpecSchema() {
    }

    /** "Celery for django, Sidekiq for rails": what each framework that has one uses, from its runtime class. */
    private static String perFramework(Function<FrameworkRuntime, Optional<String>> fact) {
        return String.join(", ", Frameworks.all().stream().filter(r -> fact.apply(r).isPresent())
                .map(r -> capitalized(fact.apply(r).orElseThrow()) + " for " + r.framework().id()).toList());
    }

    /** "gunicorn, uvicorn for fraiseql; puma for rails": a list each framework holds, from its runtime class. */
    private static String perFrameworkList(Function<FrameworkRuntime, List<String>> fact) {
        return String.join("; ", Frameworks.all().stream().filter(r -> !fact.apply(r).isEmpty())
                .map(r -> String.join(", ", fact.apply(r)) + " for " + r.framework().id()).toList());
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A dashboard per framework (its own metrics), then the shared ones. */
    private static String[] dashboards() {
        List<String> names = new ArrayList<>(Keyword.ids(Framework.class));
        names.addAll(List.of("postgres", "aws", "containers"));
        return names.toArray(String[]::new);
    }
}
