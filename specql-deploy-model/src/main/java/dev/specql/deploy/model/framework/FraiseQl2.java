package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.KeyValues;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.EnvVar.Service;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FraiseQL 2: the app authors its schema in Python and exports schema.json, the image compiles it with the
 * fraiseql-cli of the server's own release, and the Rust fraiseql-server serves it. Facts and their sources are in
 * docs/fraiseql-v2.md.
 */
final class FraiseQl2 extends FraiseQlFramework {

    private static final String METRICS_ENABLED = "FRAISEQL_METRICS_ENABLED";
    private static final String METRICS_TOKEN = "FRAISEQL_METRICS_TOKEN";

    /** Where the image keeps the server's files; outside /app, which development mounts the source over. */
    static final String DIRECTORY = "/opt/fraiseql";
    private static final String CONFIG = DIRECTORY + "/server.toml";
    /** The generated folder with server.toml and the launcher, beside the deployment README. */
    private static final String FOLDER = "fraiseql";
    private static final String LAUNCHER = DIRECTORY + "/launch.py";
    private static final String COMPILED_SCHEMA = DIRECTORY + "/schema.compiled.json";
    private static final String CONFITURE_DATABASE_URL = "CONFITURE_DATABASE_URL";
    /** [server] port = 8080 in fraiseql.toml, which `fraiseql run` serves on. */
    private static final Pattern TOML_PORT = Pattern.compile("^\\s*port\\s*=\\s*(\\d{4,5})\\s*(?:#.*)?$");

    private static final Map<String, Object> DEFAULTS = KeyValues.table(
            "deployment.framework_major", 2,
            "application.port", 8080,
            "application.health_path", "/health",
            "application.module", "schema",
            "application.server", "fraiseql-server",
            "application.workers", 1,
            "application.runtime_version", "3.14",
            "application.package_manager", "uv",
            "application.requirements_file", "requirements.txt",
            "application.worker.enabled", false,
            "database.version", "18",
            "database.pool_size", 20,
            "database.migration_tool", "confiture");


    @Override
    public Optional<Integer> major() {
        return Optional.of(2);
    }


    @Override
    public String summary() {
        return "a FraiseQL 2 app (a Rust GraphQL server over PostgreSQL, its schema compiled at build)";
    }

    @Override
    public Map<String, Object> defaults() {
        return DEFAULTS;
    }

    /** fraiseql.toml is FraiseQL 2's project file; 1.x has none. */
    @Override
    public Optional<Detected> recognize(ProjectFiles files) {
        return files.read("fraiseql.toml").map(text -> new Detected("deployment.framework_major", 2L, Location.startOf("fraiseql.toml")));
    }

    /** Confiture 1.30 and later need Python 3.14; the schema authoring package runs on it too. */
    @Override
    public Set<String> runtimeVersions() {
        return Set.of("3.14");
    }


    @Override
    public Optional<Complaint> checkModule(String module, boolean userSet) {
        return module.contains(":")
                ? Optional.of(new Complaint("FraiseQL 2 needs the module that exports schema.json, run with python -m",
                        "e.g. " + module.substring(0, module.indexOf(':'))))
                : Optional.empty();
    }



    @Override
    public List<AppServer> servers() {
        return List.of(AppServer.FRAISEQL_SERVER);
    }


    @Override
    public Optional<String> architectureLimit() {
        return Optional.of("Confiture, which applies the migrations, publishes Linux wheels for x86_64 only");
    }



    @Override
    public boolean buildsRustExtensions() {
        return false;
    }

    @Override
    public boolean hasWorkerProcesses() {
        return false;
    }

    /** FraiseQL 2.16 and later check the server version at boot and refuse anything older. */
    @Override
    public int minimumPostgres() {
        return 18;
    }

    @Override
    public Set<String> reservedVariables() {
        return Set.of(CONFITURE_DATABASE_URL, "FRAISEQL_ENV", "FRAISEQL_CONFIG", "FRAISEQL_BIND_ADDR", "FRAISEQL_SCHEMA_PATH",
                "FRAISEQL_LOG_FORMAT", "RUST_LOG");
    }

    /** The server, built from its crate, and its compiler from the same release; the configuration the server reads. */
    @Override
    public Optional<ServerImage> serverImage(DeploymentSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bind_addr", "0.0.0.0:" + spec.application().port());
        config.put("schema_path", COMPILED_SCHEMA);
        config.put("health_path", spec.application().healthPath());
        // In production the server refuses CORS without origins; a browser app on another origin lists its own.
        config.put("cors_enabled", false);
        config.put("playground_enabled", false);
        config.put("pool_min_size", Math.min(5, spec.database().poolSize()));
        config.put("pool_max_size", spec.database().poolSize());
        String version = Pins.FRAISEQL_SERVER_VERSION;
        return Optional.of(new ServerImage(List.of("fraiseql-server@" + version, "fraiseql-cli@" + version), List.of("fraiseql-server"),
                DIRECTORY, FOLDER, config));
    }

    /** The launcher completes DATABASE_URL with PGPASSWORD where the platform injects the password apart (ECS). */
    @Override
    public List<String> serverCommand(DeploymentSpec spec) {
        return List.of("python", LAUNCHER, "--config", CONFIG);
    }

    /** Development recompiles the mounted schema at every start: restart the container after changing it. */
    @Override
    public List<String> devCommand(DeploymentSpec spec) {
        return List.of("python", LAUNCHER, "--compile", module(spec), "--config", CONFIG);
    }

    /** The schema exported by the app's module, then compiled where the server reads it. */
    @Override
    public ImageSteps imageSteps(DeploymentSpec spec) {
        return new ImageSteps(List.of(), List.of(), List.of(Snippet.words("mkdir -p " + DIRECTORY),
                Snippet.words("python -m ").thenCode(module(spec)),
                Snippet.words("fraiseql-cli compile schema.json -o " + COMPILED_SCHEMA)));
    }

    /**
     * The Rust server reads no PGPASSWORD, so the launcher must start it where the platform injects the password
     * apart (ECS): no web: line replaces it.
     */
    @Override
    boolean servesProduction(Procfile.Command web) {
        return false;
    }

    @Override
    List<Detected> detectOwn(ProjectFiles files, Optional<Map<String, Location>> packages, Procfile procfile) {
        List<Detected> values = new ArrayList<>();
        Found.first(files, "fraiseql.toml", TOML_PORT)
                .ifPresent(port -> values.add(new Detected("application.port", Long.parseLong(port.value()), port.origin())));
        return values;
    }

    /** The schema pipeline needs the authoring package. */
    @Override
    void surveyOwn(ProjectFiles files, DeploymentSpec spec, SpecPlaces places, Map<String, Location> packages, List<String> read,
                   List<ProjectFacts.Fact> facts, List<Problem> errors, List<Problem> warnings) {
        if (!packages.containsKey("fraiseql")) {
            errors.add(Problem.of(places.of("application.module"), "application.module", "the image exports the schema with the fraiseql "
                    + "package, which " + String.join(", ", read) + (read.size() == 1 ? " does" : " do") + " not list",
                    "add fraiseql>=2 to " + read.get(0)));
        }
        if (spec.database().migrationTool() == dev.specql.deploy.model.MigrationTool.CONFITURE && !packages.containsKey("fraiseql-confiture")) {
            errors.add(Problem.of(places.of("database.migration_tool"), "database.migration_tool", "Confiture applies the migrations, and "
                    + "fraiseql-confiture is not in " + String.join(", ", read), "add fraiseql-confiture to " + read.get(0)
                    + ", or set database.migration_tool: none"));
        }
    }

    /** The server reads DATABASE_URL; Confiture reads its own variable. The rest is the server's configuration file. */
    @Override
    public List<EnvVar> settings(DeploymentSpec spec, Wiring wiring) {
        List<EnvVar> vars = new ArrayList<>(List.of(
                EnvVar.endpoint(CONFITURE_DATABASE_URL, Service.DATABASE),
                EnvVar.literal("FRAISEQL_ENV", wiring.production() ? "production" : "development"),
                EnvVar.literal("FRAISEQL_LOG_FORMAT", wiring.production() ? "json" : "pretty"),
                // fraiseql-server 2.19 logs DATABASE_URL, password included, at INFO on boot: its own logs stay at WARN.
                EnvVar.literal("RUST_LOG", "info,fraiseql_server=warn")));
        if (wiring.production() && spec.monitoring().prometheus()) {
            // Mounted only with a token (METRICS_TOKEN, a secret of its own): Prometheus sends it as a bearer token.
            vars.add(EnvVar.literal(METRICS_ENABLED, "true"));
        }
        return vars;
    }

    /** With Prometheus on, the token fraiseql-server's /metrics requires. */
    @Override
    public List<SecretVar> secrets(DeploymentSpec spec) {
        return spec.monitoring().prometheus()
                ? List.of(new SecretVar(METRICS_TOKEN, "the bearer token Prometheus sends to fraiseql-server's /metrics (16 characters or more)",
                        "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"))
                : List.of();
    }




    /** The production stack sets FRAISEQL_LOG_FORMAT=json: tracing-subscriber's lines, with the level at "level". */
    @Override
    public Optional<String> jsonLogLevelKey() {
        return Optional.of("level");
    }

    @Override
    public AppMetrics metrics(DeploymentSpec spec) {
        return new AppMetrics("fraiseql-server's metrics endpoint", true,
                Snippet.words("fraiseql-server serves ").thenCode("/metrics").then(" once ").thenCode(METRICS_ENABLED)
                        .then(" is true, to requests bearing ").thenCode(METRICS_TOKEN).then(" (at least 16 characters) as a bearer token: "
                                + "the production stack sets both, the token from ").thenCode(".env").then("."),
                "fraiseql_http_requests_total", "fraiseql_http_responses_5xx", "fraiseql_http_requests_total", "fraiseql_http_responses_5xx",
                Optional.of("fraiseql_http_request_duration_seconds_bucket"), Optional.of(METRICS_TOKEN), List.of(
                        AppMetrics.graph("GraphQL queries", "Queries executed a second, by outcome (fraiseql-server's counters).", "ops",
                                new AppMetrics.Line("succeeded", AppMetrics.sumRate("fraiseql_graphql_queries_success")),
                                new AppMetrics.Line("failed", AppMetrics.sumRate("fraiseql_graphql_queries_error"))),
                        AppMetrics.graph("Responses by status class", "HTTP responses a second.", "reqps",
                                new AppMetrics.Line("2xx", AppMetrics.sumRate("fraiseql_http_responses_2xx")),
                                new AppMetrics.Line("4xx", AppMetrics.sumRate("fraiseql_http_responses_4xx")),
                                new AppMetrics.Line("5xx", AppMetrics.sumRate("fraiseql_http_responses_5xx"))),
                        AppMetrics.graph("Database pool", "Connections of the server's pool, and requests waiting for one.", "short",
                                new AppMetrics.Line("active", "sum(fraiseql_db_pool_connections_active)"),
                                new AppMetrics.Line("idle", "sum(fraiseql_db_pool_connections_idle)"),
                                new AppMetrics.Line("waiting", "sum(fraiseql_db_pool_requests_waiting)")),
                        // fraiseql-server 2.19 has no database query time gauge (its source's later metrics do).
                        AppMetrics.graph("Average GraphQL query time", "The server's mean GraphQL query time since it started.", "ms",
                                new AppMetrics.Line("mean", "max(fraiseql_graphql_query_duration_ms)"))));
    }

    @Override
    public List<Snippet> requirements(DeploymentSpec spec) {
        List<Snippet> lines = new ArrayList<>(super.requirements(spec));
        lines.add(Snippet.words("The schema authored with the ").thenCode("fraiseql").then(" package (2.x), and a module ")
                .thenCode(module(spec)).then(" that writes it when run: ").thenCode("python -m " + module(spec))
                .then(" must call ").thenCode("fraiseql.export_schema(\"schema.json\")").then("."));
        lines.add(Snippet.words("The image builds ").thenCode("fraiseql-server").then(" and ").thenCode("fraiseql-cli")
                .then(" " + Pins.FRAISEQL_SERVER_VERSION + " from crates.io, and compiles ").thenCode("schema.json")
                .then(" with that release: the server refuses a schema another release compiled."));
        lines.add(Snippet.words("The server's configuration is ").thenCode("fraiseql/server.toml").then(" beside this README: CORS "
                + "is off; a browser app on another origin sets ").thenCode("cors_enabled = true").then(" and its ")
                .thenCode("cors_origins").then(" there (never ").thenCode("\"*\"").then(")."));
        lines.add(Snippet.words("PostgreSQL 18 or later: FraiseQL 2.16 and later refuse older servers at boot."));
        lines.add(Snippet.code(spec.application().healthPath()).then(" is served by ").thenCode("fraiseql-server")
                .then(" itself (its ").thenCode("health_path").then("); it answers 503 while the database is unreachable."));
        return lines;
    }

}
