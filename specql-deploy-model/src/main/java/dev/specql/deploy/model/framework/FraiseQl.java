package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.KeyValues;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.framework.EnvVar.Service;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** FraiseQL 1.x: a Python ASGI app (GraphQL on PostgreSQL views) served by gunicorn with uvicorn workers. */
final class FraiseQl extends PythonFramework {

    private static final String DATABASE_URL = "FRAISEQL_DATABASE_URL";
    /** Confiture reads its own variable. */
    private static final String CONFITURE_DATABASE_URL = "CONFITURE_DATABASE_URL";
    private static final String PRODUCTION = "FRAISEQL_PRODUCTION";
    private static final String POOL_SIZE = "FRAISEQL_DATABASE_POOL_SIZE";

    private static final Map<String, Object> DEFAULTS = KeyValues.table(
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
    public Framework framework() {
        return Framework.FRAISEQL;
    }

    @Override
    public String displayName() {
        return "FraiseQL";
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
    public Optional<OwnMigrations> migrations() {
        return Optional.empty();
    }

    @Override
    public Optional<Complaint> checkModule(String module, boolean userSet) {
        return module.contains(":") ? Optional.empty()
                : Optional.of(new Complaint("FraiseQL needs the ASGI app as module:attribute", "e.g. " + module + ":app"));
    }

    @Override
    public boolean moduleFromName() {
        return false;
    }

    @Override
    public Set<CpuArchitecture> architectures() {
        return Set.of(CpuArchitecture.X86_64);
    }

    @Override
    public Optional<String> architectureLimit() {
        return Optional.of("FraiseQL 1.9 and Confiture publish Linux wheels for x86_64 only");
    }

    @Override
    public List<JobSystem> jobSystems() {
        return List.of();
    }

    @Override
    public Optional<String> scheduler() {
        return Optional.empty();
    }

    @Override
    public Set<String> reservedVariables() {
        return Set.of(DATABASE_URL, CONFITURE_DATABASE_URL, PRODUCTION, POOL_SIZE);
    }

    @Override
    public Optional<String> settingsModuleOf(String module) {
        return Optional.empty();
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
                   List<Problem> errors) {
    }

    @Override
    public List<String> devCommand(DeploymentSpec spec) {
        return List.of("uvicorn", module(spec), "--reload", "--host", "0.0.0.0", "--port", String.valueOf(spec.application().port()));
    }

    @Override
    public Optional<Worker> worker(DeploymentSpec spec) {
        return Optional.empty();
    }

    /** FraiseQLConfig reads FRAISEQL_-prefixed settings; Confiture reads CONFITURE_DATABASE_URL. */
    @Override
    public List<EnvVar> settings(DeploymentSpec spec, Wiring wiring) {
        boolean production = wiring.production();
        return List.of(
                EnvVar.endpoint(DATABASE_URL, Service.DATABASE),
                EnvVar.endpoint(CONFITURE_DATABASE_URL, Service.DATABASE),
                EnvVar.literal("FRAISEQL_ENVIRONMENT", production ? "production" : "development"),
                EnvVar.literal(PRODUCTION, String.valueOf(production)),
                EnvVar.literal("FRAISEQL_ENABLE_PLAYGROUND", String.valueOf(!production)),
                EnvVar.literal(POOL_SIZE, String.valueOf(spec.database().poolSize())));
    }

    @Override
    public List<EnvVar> brokerSettings(Wiring wiring) {
        return List.of();
    }

    /** FraiseQL keeps no signing secret of its own; apps that add auth list theirs in application.secrets. */
    @Override
    public List<SecretVar> secrets(DeploymentSpec spec) {
        return List.of();
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

    @Override
    public Snippet secretRotation() {
        return Snippet.words("FraiseQL itself keeps no signing key; rotate your own secrets the same way.");
    }
}
