package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.KeyValues;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.framework.EnvVar.Service;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** FraiseQL 1.x: a Python ASGI app (GraphQL on PostgreSQL views) served by gunicorn with uvicorn workers. */
final class FraiseQl extends FraiseQlFramework {

    private static final String DATABASE_URL = "FRAISEQL_DATABASE_URL";
    /** Confiture reads its own variable. */
    private static final String CONFITURE_DATABASE_URL = "CONFITURE_DATABASE_URL";
    private static final String POOL_SIZE = "FRAISEQL_DATABASE_POOL_SIZE";

    /** A requirement that keeps FraiseQL below 2: "fraiseql<2", "fraiseql==1.9.16", "fraiseql~=1.9". */
    private static final Pattern VERSION_ONE = Pattern.compile(
            "^\\s*[\"']?(fraiseql\\s*(?:\\[[^]]*])?\\s*(?:<\\s*2(?:\\.0)*(?![.\\d])|(?:==|~=|<=|===)\\s*1\\.|>=\\s*1\\.[^,]*,\\s*<\\s*2\\b))");
    /** uv.lock's version line right after name = "fraiseql". */
    private static final Pattern LOCKED_ONE = Pattern.compile("^version\\s*=\\s*\"(1\\.[^\"]+)\"");

    private static final Map<String, Object> DEFAULTS = KeyValues.table(
            "deployment.framework_major", 1,
            "application.port", 8000,
            "application.health_path", "/health",
            "application.module", "src.main:app",
            "application.workers", 2,
            "application.runtime_version", "3.13",
            "application.package_manager", "uv",
            "application.server", "gunicorn",
            "application.requirements_file", "requirements.txt",
            "application.worker.enabled", false,
            "database.pool_size", 20,
            "database.migration_tool", "confiture");


    @Override
    public Optional<Integer> major() {
        return Optional.of(1);
    }

    @Override
    public String label() {
        return "fraiseql 1";
    }

    /** A dependency pinned below 2 (pip installs 2.x otherwise), or a uv.lock that resolved a 1.x release. */
    @Override
    public Optional<Detected> recognize(ProjectFiles files) {
        List<String> sources = new ArrayList<>(PythonDependencies.REQUIREMENTS_FILES);
        sources.add("pyproject.toml");
        for (String file : sources) {
            Optional<Found> pin = Found.first(files, file, VERSION_ONE);
            if (pin.isPresent()) {
                return Optional.of(new Detected("deployment.framework_major", 1L, pin.get().origin()));
            }
        }
        return files.read("uv.lock").flatMap(lock -> {
            List<String> lines = lock.lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).strip().equals("name = \"fraiseql\"") && LOCKED_ONE.matcher(lines.get(i + 1).strip()).find()) {
                    return Optional.of(new Detected("deployment.framework_major", 1L, new Location("uv.lock", i + 2, 1)));
                }
            }
            return Optional.empty();
        });
    }


    @Override
    public String summary() {
        return "a FraiseQL (GraphQL on PostgreSQL) app";
    }

    @Override
    public Map<String, Object> defaults() {
        return DEFAULTS;
    }

    /** FraiseQL 1.x wheels require Python >=3.13,<3.14. */
    @Override
    public Set<String> runtimeVersions() {
        return Set.of("3.13");
    }


    @Override
    public Optional<Complaint> checkModule(String module, boolean userSet) {
        return module.contains(":") ? Optional.empty()
                : Optional.of(new Complaint("FraiseQL needs the ASGI app as module:attribute", "e.g. " + module + ":app"));
    }



    @Override
    public Optional<String> architectureLimit() {
        return Optional.of("FraiseQL 1.9 and Confiture publish Linux wheels for x86_64 only");
    }



    @Override
    public Set<String> reservedVariables() {
        return Set.of(DATABASE_URL, CONFITURE_DATABASE_URL, POOL_SIZE);
    }


    @Override
    public List<AppServer> servers() {
        return List.of(AppServer.GUNICORN, AppServer.UVICORN, AppServer.GRANIAN);
    }

    /** gunicorn runs the ASGI app through uvicorn's worker class. */
    @Override
    List<String> serverPackages(AppServer server) {
        return server == AppServer.GUNICORN ? List.of("gunicorn", "uvicorn") : super.serverPackages(server);
    }

    @Override
    public List<String> serverCommand(DeploymentSpec spec) {
        AppServer server = spec.application().server();
        return server == AppServer.GUNICORN
                ? gunicorn(module(spec), List.of("--worker-class", "uvicorn.workers.UvicornWorker"), "0.0.0.0:" + spec.application().port())
                : asgi(server, module(spec), spec);
    }

    @Override
    List<Detected> detectOwn(ProjectFiles files, Optional<Map<String, Location>> packages, Procfile procfile) {
        return List.of();
    }

    @Override
    void surveyOwn(ProjectFiles files, DeploymentSpec spec, SpecPlaces places, Map<String, Location> packages, List<String> read,
                   List<ProjectFacts.Fact> facts, List<Problem> errors, List<Problem> warnings) {
    }

    @Override
    public List<String> devCommand(DeploymentSpec spec) {
        return List.of("uvicorn", module(spec), "--reload", "--host", "0.0.0.0", "--port", String.valueOf(spec.application().port()));
    }


    /** FraiseQLConfig reads FRAISEQL_-prefixed settings; Confiture reads CONFITURE_DATABASE_URL. */
    @Override
    public List<EnvVar> settings(DeploymentSpec spec, Wiring wiring) {
        boolean production = wiring.production();
        return List.of(
                EnvVar.endpoint(DATABASE_URL, Service.DATABASE),
                EnvVar.endpoint(CONFITURE_DATABASE_URL, Service.DATABASE),
                EnvVar.literal("FRAISEQL_ENVIRONMENT", production ? "production" : "development"),
                EnvVar.literal("FRAISEQL_ENABLE_PLAYGROUND", String.valueOf(!production)),
                EnvVar.literal(POOL_SIZE, String.valueOf(spec.database().poolSize())));
    }



    @Override
    public AppMetrics metrics(DeploymentSpec spec) {
        return new AppMetrics("prometheus-client, with FraiseQL's setup_metrics", spec.project().values(PACKAGE_FACT).contains("prometheus-client"),
                Snippet.words("Call ").thenCode("fraiseql.monitoring.metrics.setup_metrics(app)").then(" and depend on ")
                        .thenCode("prometheus-client").then(" so that ").thenCode(spec.application().metricsPath()).then(" serves FraiseQL's metrics."),
                "fraiseql_http_requests_total", "fraiseql_http_requests_total{status=~\"5..\"}",
                "fraiseql_http_requests_total{method=\"POST\",endpoint=\"/graphql\",status=\"200\"}",
                "fraiseql_http_requests_total{method=\"POST\",endpoint=\"/graphql\",status=\"500\"}",
                Optional.of("fraiseql_http_request_duration_seconds_bucket"), Optional.empty(), List.of(
                        AppMetrics.graph("GraphQL operations", "Queries and mutations executed a second.", "ops",
                                new AppMetrics.Line("queries", AppMetrics.sumRate("fraiseql_graphql_queries_total")),
                                new AppMetrics.Line("mutations", AppMetrics.sumRate("fraiseql_graphql_mutations_total"))),
                        AppMetrics.graph("GraphQL query latency", "The 95th percentile of GraphQL query execution.", "s",
                                new AppMetrics.Line("p95", "histogram_quantile(0.95, sum by (le) ("
                                        + AppMetrics.rate("fraiseql_graphql_query_duration_seconds_bucket") + "))")),
                        AppMetrics.graph("Database pool", "Connections of FraiseQL's pool.", "short",
                                new AppMetrics.Line("active", "sum(fraiseql_db_connections_active)"),
                                new AppMetrics.Line("idle", "sum(fraiseql_db_connections_idle)"))));
    }

    @Override
    public List<Snippet> requirements(DeploymentSpec spec) {
        List<Snippet> lines = new ArrayList<>(super.requirements(spec));
        lines.add(Snippet.words("The ASGI app at ").thenCode(module(spec)).then(". Build it from the environment: ")
                .thenCode("create_fraiseql_app(config=FraiseQLConfig(), ...)").then(" reads ").thenCode(DATABASE_URL)
                .then(" and the other ").thenCode("FRAISEQL_").then(" settings; explicit arguments such as ").thenCode("database_url=")
                .then(" override them."));
        lines.add(Snippet.words("Metrics: call ").thenCode("fraiseql.monitoring.metrics.setup_metrics(app)").then(" and depend on ")
                .thenCode("prometheus-client").then(" so that ").thenCode(spec.application().metricsPath()).then(" serves real metrics."));
        lines.add(Snippet.code(spec.application().healthPath()).then(" is built into FraiseQL."));
        return lines;
    }

}
