package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.YamlEscaper;
import dev.specql.deploy.engine.generate.docker.ServiceView.Build;
import dev.specql.deploy.engine.generate.docker.ServiceView.Healthcheck;
import dev.specql.deploy.engine.generate.docker.ServiceView.Limits;
import dev.specql.deploy.engine.generate.docker.ServiceView.Pair;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.EnvVar;
import dev.specql.deploy.model.framework.SecretVar;
import dev.specql.deploy.model.framework.Wiring;
import dev.specql.deploy.model.framework.InitScripts;
import dev.specql.deploy.model.framework.Worker;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The services of the development and production compose files. Development: live reload with the
 * source bind-mounted, a password-less database on 127.0.0.1. Production: one server, only Caddy
 * published, read-only containers without capabilities, limits, log rotation and required secrets.
 */
final class ComposePlan {

    static final String APP_IMAGE_VARIABLE = "APP_IMAGE";
    /**
     * The name a production stack serves, the spec's domain unless the server sets it: the hobby-project servers
     * of other environments (staging) run the same files under their own name (their systemd unit sets it).
     */
    static final String SITE_VARIABLE = "SITE_DOMAIN";
    /** Stands for the site's name in the framework's settings until it becomes the interpolation. */
    private static final String SITE_MARKER = "\u0000site\u0000";
    static final String EDGE = "edge";
    static final String BACKEND = "backend";
    /** The persistent files of frameworks that keep uploads on disk. */
    static final String STORAGE_VOLUME = "storage";
    private static final String DATABASE_SERVICE = "db";
    private static final String BROKER_SERVICE = "redis";

    private static final YamlEscaper YAML = new YamlEscaper();
    private static final Safe UNLESS_STOPPED = YAML.q("unless-stopped");
    private static final Safe NO_RESTART = YAML.q("no");
    private static final Safe START_INTERVAL = YAML.q("2s");

    private final DeploymentSpec spec;
    private final AppPlan app;
    private final String contextPath;
    private final String dockerfilePath;
    /** Images a service of the stack being planned already builds: one build per image, or compose builds it once per
     * service and every later up recreates the services whose image id changed. */
    private final Set<String> builtImages = new HashSet<>();

    /**
     * @param contextPath    the build context relative to the compose file (the project root)
     * @param dockerfilePath the Dockerfile relative to the build context
     */
    ComposePlan(DeploymentPlan plan, String contextPath, String dockerfilePath) {
        this.spec = plan.spec();
        this.app = plan.app();
        this.contextPath = contextPath;
        this.dockerfilePath = dockerfilePath;
    }

    /** Compose's "required" interpolation: refuses to start while the variable is unset or empty. */
    static String required(String variable) {
        return YamlEscaper.required(variable);
    }

    /** What .env must hold for the production stack: the database password, then the app's secrets. */
    static List<SecretVar> secrets(DeploymentPlan plan) {
        List<SecretVar> secrets = new ArrayList<>(List.of(new SecretVar("POSTGRES_PASSWORD", "Password of the database user "
                + plan.spec().database().user() + "; also used in DATABASE_URL, so keep to letters and digits", "openssl rand -hex 32")));
        secrets.addAll(plan.app().secrets());
        return secrets;
    }

    /** The named volumes of a compose file, in the order it declares them. */
    List<String> volumes(boolean production) {
        List<String> volumes = new ArrayList<>(List.of("db-data"));
        if (production) {
            if (app.broker()) {
                volumes.add("redis-data");
            }
            app.storageDirectory().ifPresent(directory -> volumes.add(STORAGE_VOLUME));
            volumes.addAll(List.of("caddy-data", "caddy-config"));
        }
        return volumes;
    }

    String databaseVolumePath() {
        // The postgres 18 images keep data in a versioned subdirectory and declare /var/lib/postgresql as the volume.
        return Integer.parseInt(spec.database().version()) >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
    }

    List<ServiceView> development() {
        builtImages.clear();
        List<ServiceView> services = new ArrayList<>();
        services.add(database(false).build());
        app.worker().filter(Worker::needsBroker).ifPresent(worker -> services.add(broker(false, worker).build()));
        List<Pair> env = environment(false, Map.of());
        List<Safe> source = List.of(YAML.composeQ(contextPath + ":" + app.appDirectory()));
        boolean migrates = app.migrateCommand().isPresent();
        boolean jobs = app.broker();
        app.migrateCommand().ifPresent(command -> services.add(appImage("migrate", localImage(), NO_RESTART, "dev")
                .command(flow(command)).environment(env).volumes(source).dependsOn(dependencies(false, false))
                .withoutImageHealthcheck().comment(YAML.comment("Applies pending migrations, then exits; the app waits for it."))
                .build()));
        services.add(appImage("app", localImage(), UNLESS_STOPPED, "dev").command(flow(app.devCommand())).environment(env)
                .ports(List.of(YAML.composeQ("127.0.0.1:" + app.port() + ":" + app.port()))).volumes(source)
                .dependsOn(dependencies(migrates, jobs)).healthcheck(Optional.of(healthcheck(exec(app.healthcheck()), "60s")))
                .comment(YAML.comment("Reloads on every change: the project root is mounted over the image's copy."))
                .build());
        app.worker().ifPresent(worker -> {
            services.add(appImage("worker", localImage(), UNLESS_STOPPED, "dev").command(flow(worker.command()))
                    .environment(environment(false, worker.settings())).volumes(source).dependsOn(dependencies(migrates, jobs))
                    .healthcheck(Optional.of(workerHealthcheck(worker))).build());
            worker.scheduler().ifPresent(scheduler -> services.add(appImage("scheduler", localImage(), UNLESS_STOPPED, "dev")
                    .command(flow(scheduler)).environment(env).volumes(source).dependsOn(dependencies(migrates, jobs))
                    .healthcheck(Optional.of(storeHealthcheck(worker))).build()));
        });
        return services;
    }

    List<ServiceView> production() {
        builtImages.clear();
        List<ServiceView> services = new ArrayList<>();
        services.add(database(true).limits(limits(1024, 1024)).networks(List.of(BACKEND)).build());
        app.worker().filter(Worker::needsBroker)
                .ifPresent(worker -> services.add(broker(true, worker).limits(limits(512, 256)).networks(List.of(BACKEND)).build()));
        List<Pair> env = environment(true, Map.of());
        Limits appLimits = limits(spec.application().cpuUnits(), spec.application().memoryMib());
        List<Safe> writable = app.writablePaths().stream().map(YAML::composeQ).toList();
        List<Safe> appVolumes = app.storageDirectory().map(d -> List.of(YAML.composeQ(STORAGE_VOLUME + ":" + d))).orElse(List.of());
        boolean migrates = app.migrateCommand().isPresent();
        app.migrateCommand().ifPresent(command -> services.add(appImage("migrate", releaseImage(), NO_RESTART, "runtime")
                .command(flow(command)).environment(env).volumes(appVolumes).dependsOn(dependencies(false, false))
                .withoutImageHealthcheck().hardened(writable).limits(appLimits).networks(List.of(BACKEND))
                .comment(YAML.comment("Applies pending migrations before the new version serves, then exits.")).build()));
        services.add(appImage("app", releaseImage(), UNLESS_STOPPED, "runtime").environment(env).volumes(appVolumes)
                .dependsOn(dependencies(migrates, app.broker()))
                .healthcheck(Optional.of(healthcheck(exec(app.healthcheck()), "30s")))
                .hardened(writable).limits(appLimits).networks(List.of(EDGE, BACKEND)).build());
        app.worker().ifPresent(worker -> {
            ServiceBuilder service = appImage("worker", releaseImage(), UNLESS_STOPPED, null).command(flow(worker.command()))
                    .environment(environment(true, worker.settings())).volumes(appVolumes).dependsOn(dependencies(migrates, worker.needsBroker()))
                    .hardened(writable).limits(appLimits).networks(List.of(EDGE, BACKEND));
            service.healthcheck(Optional.of(workerHealthcheck(worker)));
            if (worker.probe() instanceof Worker.Probe.None none) {
                service.comment(YAML.comment(none.reason() + ": healthy while it reaches " + store(worker) + "."));
            }
            services.add(service.build());
            worker.scheduler().ifPresent(scheduler -> services.add(appImage("scheduler", releaseImage(), UNLESS_STOPPED, null)
                    .command(flow(scheduler)).environment(env).volumes(appVolumes).dependsOn(dependencies(migrates, worker.needsBroker()))
                    .healthcheck(Optional.of(storeHealthcheck(worker))).hardened(writable).limits(limits(256, 256))
                    .networks(List.of(EDGE, BACKEND))
                    .comment(YAML.comment("Run exactly one scheduler, or periodic jobs run twice; healthy while it reaches "
                            + store(worker) + ".")).build()));
        });
        services.add(caddy());
        return services;
    }

    private ServiceBuilder database(boolean production) {
        String user = spec.database().user();
        String name = spec.database().name();
        List<Pair> env = new ArrayList<>(List.of(pair("POSTGRES_DB", YAML.composeQ(name)), pair("POSTGRES_USER", YAML.composeQ(user))));
        env.add(production ? pair("POSTGRES_PASSWORD", YAML.q(required("POSTGRES_PASSWORD")))
                : pair("POSTGRES_HOST_AUTH_METHOD", YAML.composeQ("trust")));
        Healthcheck check = new Healthcheck(flow(List.of("CMD", "pg_isready", "--username", user, "--dbname", name)),
                YAML.q("5s"), YAML.q("5s"), 10, YAML.q("10s"), START_INTERVAL);
        return new ServiceBuilder(DATABASE_SERVICE, YAML.composeQ(Pins.databaseImage(spec.database().version(),
                spec.database().postgis())), UNLESS_STOPPED)
                .environment(env).ports(production ? List.of() : List.of(YAML.composeQ("127.0.0.1:5432:5432")))
                .volumes(databaseVolumes(production)).healthcheck(Optional.of(check))
                .comment(YAML.comment(production ? "Reachable only on the internal backend network."
                        : "Local only: trusts every connection and is published on 127.0.0.1."));
    }

    /** The data, and in development the app's init scripts, which the image runs when it creates the database. */
    private List<Safe> databaseVolumes(boolean production) {
        List<Safe> volumes = new ArrayList<>(List.of(YAML.composeQ("db-data:" + databaseVolumePath())));
        if (!production) {
            InitScripts.directory(spec).ifPresent(directory ->
                    volumes.add(YAML.composeQ(contextPath + "/" + directory + ":/docker-entrypoint-initdb.d:ro")));
        }
        return volumes;
    }

    private ServiceBuilder broker(boolean production, Worker worker) {
        List<String> command = new ArrayList<>(List.of("valkey-server", "--maxmemory-policy", "noeviction"));
        if (production) {
            command.addAll(List.of("--appendonly", "yes"));
        }
        Healthcheck check = new Healthcheck(flow(List.of("CMD", "valkey-cli", "ping")), YAML.q("10s"), YAML.q("5s"), 5, YAML.q("5s"), START_INTERVAL);
        return new ServiceBuilder(BROKER_SERVICE, YAML.composeQ(Pins.VALKEY_IMAGE), UNLESS_STOPPED).command(flow(command))
                .volumes(production ? List.of(YAML.composeQ("redis-data:/data")) : List.of()).healthcheck(Optional.of(check))
                .comment(YAML.comment("Redis-compatible broker (Valkey) for " + worker.kind() + "; noeviction keeps queued jobs."));
    }

    /**
     * Healthy when HTTPS serves: the health check asks the app's health path over TLS for the site's own name, which
     * resolves to Caddy itself inside its container, so it needs the site's certificate, the routing and the app.
     * The certificate is not verified (an internal or staging CA must pass too), and the first ACME order gets a
     * minute before failures count.
     */
    private ServiceView caddy() {
        boolean named = spec.platform().domain().isPresent();
        String url = "https://" + SITE_MARKER + spec.application().healthPath();
        return new ServiceBuilder("caddy", YAML.composeQ(Pins.CADDY_IMAGE), UNLESS_STOPPED)
                .environment(named ? List.of(pair(SITE_VARIABLE, siteValue(SITE_MARKER))) : List.of())
                .ports(List.of(YAML.composeQ("80:80"), YAML.composeQ("443:443"), YAML.composeQ("443:443/udp")))
                .extraHosts(named ? List.of(siteValue(SITE_MARKER + ":127.0.0.1")) : List.of())
                .volumes(List.of(YAML.composeQ("./Caddyfile:/etc/caddy/Caddyfile:ro"), YAML.composeQ("caddy-data:/data"),
                        YAML.composeQ("caddy-config:/config")))
                .dependsOn(List.of(new Pair(new Safe("app"), new Safe("service_healthy"))))
                .healthcheck(Optional.of(healthcheck(flowOf(Stream.concat(Stream.of("CMD", "wget", "--quiet", "-O", "/dev/null",
                        "--no-check-certificate").map(YAML::composeQ), Stream.of(siteValue(url))).toList()), "60s")))
                .hardened(List.of(YAML.composeQ("/tmp"))).addCapability(new Safe("NET_BIND_SERVICE")).limits(limits(512, 256))
                .networks(List.of(EDGE))
                .comment(YAML.comment("The only published service: TLS from Let's Encrypt, HTTP/3 on 443/udp."))
                .build();
    }

    /** The name Caddy serves, as the Caddyfile names its site. */
    private String site() {
        return spec.platform().domain().orElse("localhost");
    }

    /** A production value naming the site: {@value #SITE_VARIABLE} where the marker stands, the spec's domain by default. */
    private Safe siteValue(String text) {
        return spec.platform().domain().isEmpty() ? YAML.composeQ(text.replace(SITE_MARKER, site()))
                : YAML.composeReplacing(text, SITE_MARKER, "${" + SITE_VARIABLE + ":-" + site() + "}");
    }

    /** A service that runs the app's image; {@code target} null means "use the image built by another service". */
    private ServiceBuilder appImage(String name, Safe image, Safe restart, String target) {
        ServiceBuilder builder = new ServiceBuilder(name, image, restart)
                .platform(app.requiredArchitecture().map(architecture -> YAML.composeQ(architecture.docker())));
        if (target != null && builtImages.add(image.text())) {
            builder.build(new Build(YAML.composeQ(contextPath), YAML.composeQ(dockerfilePath), YAML.composeQ(target)));
        }
        return builder;
    }

    /**
     * The app's variables: the generator's (with one service's own, {@code overrides}), then declared secrets, then
     * the spec's own values. A later
     * entry replaces an earlier one of the same name (a YAML mapping cannot hold a key twice), so the spec
     * can tune what the generator chose (WEB_CONCURRENCY, say); the wiring it must not touch is refused
     * by the validator (Frameworks.reservedVariables).
     */
    private List<Pair> environment(boolean production, Map<String, String> overrides) {
        Map<String, Safe> values = new LinkedHashMap<>();
        String host = production ? SITE_MARKER : "localhost";
        Wiring wiring = new Wiring(production, production ? "https://" + host : "http://localhost:" + app.port(), host, false);
        for (EnvVar var : app.environment(wiring)) {
            values.put(var.name(), var.value() instanceof EnvVar.Literal literal ? siteValue(literal.text()) : value(var.value(), production));
        }
        overrides.forEach((key, value) -> values.put(key, YAML.composeQ(value)));
        if (production) {
            app.secrets().forEach(secret -> values.put(secret.name(), YAML.q(required(secret.name()))));
        }
        spec.variables(production ? "production" : "dev").forEach((key, value) -> values.put(key, YAML.composeQ(value)));
        List<Pair> pairs = new ArrayList<>();
        values.forEach((key, value) -> pairs.add(pair(key, value)));
        return pairs;
    }

    /**
     * A variable's value on Compose: the services by their names on the compose network; in production the database
     * URL carries the password .env provides, as a required interpolation Compose expands.
     */
    private Safe value(EnvVar.Value value, boolean production) {
        if (!production) {
            // The development database trusts every connection.
            return YAML.composeQ(app.localValue(value, DATABASE_SERVICE, BROKER_SERVICE));
        }
        if (value instanceof EnvVar.Endpoint endpoint && endpoint.service() == EnvVar.Service.DATABASE) {
            return productionDatabaseUrl(spec.database().name(), endpoint.suffix());
        }
        if (value instanceof EnvVar.OtherDatabase other) {
            return productionDatabaseUrl(other.database(), "");
        }
        if (value instanceof EnvVar.DatabasePassword) {
            return YAML.q(required("POSTGRES_PASSWORD"));
        }
        return YAML.composeQ(app.localValue(value, DATABASE_SERVICE, BROKER_SERVICE));
    }

    private Safe productionDatabaseUrl(String database, String suffix) {
        return YAML.composeQ(spec.database().urlScheme() + "://" + spec.database().user() + ":", required("POSTGRES_PASSWORD"),
                "@" + DATABASE_SERVICE + ":" + AppPlan.DATABASE_PORT + "/" + database + suffix);
    }

    private static List<Pair> dependencies(boolean afterMigrations, boolean withBroker) {
        List<Pair> pairs = new ArrayList<>();
        pairs.add(new Pair(new Safe(DATABASE_SERVICE), new Safe("service_healthy")));
        if (withBroker) {
            pairs.add(new Pair(new Safe(BROKER_SERVICE), new Safe("service_healthy")));
        }
        if (afterMigrations) {
            pairs.add(new Pair(new Safe("migrate"), new Safe("service_completed_successfully")));
        }
        return pairs;
    }

    private Safe localImage() {
        return YAML.composeQ(spec.name() + ":dev");
    }

    /** The released image: a registry digest on a real server, or the one compose builds locally. */
    private Safe releaseImage() {
        return YAML.q("${" + APP_IMAGE_VARIABLE + ":-" + spec.name() + ":latest}");
    }

    /** The worker's own probe, or for one without, that it reaches the store its jobs go through. */
    private Healthcheck workerHealthcheck(Worker worker) {
        return worker.probe() instanceof Worker.Probe.Command probe
                ? new Healthcheck(exec(probe.command()), YAML.q("30s"), YAML.q(probe.timeoutSeconds() + "s"), 3, YAML.q("60s"), START_INTERVAL)
                : storeHealthcheck(worker);
    }

    /**
     * For a process that serves nothing: healthy while it reaches the broker (or, for jobs kept in PostgreSQL, the
     * database). Compose's up --wait needs a check on every long-running service; "disable" fails it.
     */
    private Healthcheck storeHealthcheck(Worker worker) {
        return worker.needsBroker() ? healthcheck(exec(app.reaches(BROKER_SERVICE, AppPlan.BROKER_PORT)), "30s")
                : healthcheck(exec(app.reaches(DATABASE_SERVICE, AppPlan.DATABASE_PORT)), "30s");
    }

    private static String store(Worker worker) {
        return worker.needsBroker() ? "its broker" : "the database";
    }

    private static Healthcheck healthcheck(Safe test, String startPeriod) {
        return new Healthcheck(test, YAML.q("30s"), YAML.q("5s"), 3, YAML.q(startPeriod), START_INTERVAL);
    }

    private static Limits limits(int cpuUnits, int memoryMib) {
        String cpus = BigDecimal.valueOf(cpuUnits).divide(BigDecimal.valueOf(1024), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        return new Limits(YAML.q(cpus), YAML.q(memoryMib + "M"));
    }

    private static Pair pair(String key, Safe value) {
        return new Pair(YAML.q(key), value);
    }

    /** An exec-form health check: ["CMD", ...]. */
    private static Safe exec(List<String> command) {
        List<String> test = new ArrayList<>(List.of("CMD"));
        test.addAll(command);
        return flow(test);
    }

    /** A YAML flow sequence of Compose strings. */
    static Safe flow(List<String> items) {
        return flowOf(items.stream().map(YAML::composeQ).toList());
    }

    private static Safe flowOf(List<Safe> items) {
        return new Safe(items.stream().map(Safe::text).collect(Collectors.joining(", ", "[", "]")));
    }
}
