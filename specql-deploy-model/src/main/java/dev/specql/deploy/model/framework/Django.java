package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.KeyValues;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.framework.EnvVar.Service;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Django: a WSGI project package served by gunicorn, Celery for background jobs. */
final class Django extends PythonFramework {

    private static final String SECRET_KEY = "DJANGO_SECRET_KEY";
    private static final String CELERY_BROKER_URL = "CELERY_BROKER_URL";

    private static final Map<String, Object> DEFAULTS = KeyValues.table(
            "application.port", 8000,
            "application.health_path", "/health/",
            "application.workers", 2,
            "application.runtime_version", "3.13",
            "application.package_manager", "pip",
            "application.worker.enabled", true,
            "database.pool_size", 10,
            "database.migration_tool", "django");

    @Override
    public Framework framework() {
        return Framework.DJANGO;
    }

    @Override
    public String displayName() {
        return "Django";
    }

    @Override
    public String summary() {
        return "a Django app";
    }

    @Override
    public Map<String, Object> defaults() {
        return DEFAULTS;
    }

    @Override
    public Optional<OwnMigrations> migrations() {
        return Optional.of(new OwnMigrations(MigrationTool.DJANGO, List.of("python", "manage.py", "migrate", "--noinput")));
    }

    @Override
    public Optional<Complaint> checkModule(String module, boolean userSet) {
        return module.contains(":")
                ? Optional.of(new Complaint("Django needs the project package, not an attribute",
                        "e.g. " + module.substring(0, module.indexOf(':')).replaceAll("\\.wsgi$|\\.asgi$", "")))
                : Optional.empty();
    }

    @Override
    public boolean moduleFromName() {
        return true;
    }

    @Override
    public Set<CpuArchitecture> architectures() {
        return Set.of(CpuArchitecture.ARM64, CpuArchitecture.X86_64);
    }

    @Override
    public Optional<String> architectureLimit() {
        return Optional.empty();
    }

    @Override
    public Optional<String> jobSystem() {
        return Optional.of("celery");
    }

    @Override
    public Optional<String> scheduler() {
        return Optional.of("celery beat");
    }

    @Override
    public Set<String> reservedVariables() {
        return Set.of(SECRET_KEY, CELERY_BROKER_URL);
    }

    @Override
    public List<String> serverCommand(DeploymentSpec spec) {
        return gunicorn(module(spec) + ".wsgi:application", List.of(), "0.0.0.0:" + spec.application().port());
    }

    @Override
    public List<String> devCommand(DeploymentSpec spec) {
        return List.of("python", "manage.py", "runserver", "0.0.0.0:" + spec.application().port());
    }

    /** Static files are collected at build, with a throwaway key: settings refuse to load without one. */
    @Override
    public Optional<Snippet> buildStep(DeploymentSpec spec) {
        return Optional.of(Snippet.words("DJANGO_SETTINGS_MODULE=").thenCode(settingsModule(spec))
                .then(" " + SECRET_KEY + "=collectstatic-only python manage.py collectstatic --noinput"));
    }

    private static String settingsModule(DeploymentSpec spec) {
        return module(spec) + ".settings";
    }

    @Override
    public Optional<Worker> worker(DeploymentSpec spec) {
        if (!spec.application().worker().enabled()) {
            return Optional.empty();
        }
        String app = module(spec);
        String concurrency = String.valueOf(spec.application().worker().concurrency());
        // Celery answers a ping through the broker.
        return Optional.of(new Worker(jobSystem().orElseThrow(),
                List.of("celery", "--app", app, "worker", "--loglevel", "INFO", "--concurrency", concurrency),
                new Worker.Probe.Command(List.of("celery", "--app", app, "inspect", "ping", "--timeout", "10")),
                spec.application().worker().scheduler()
                        ? Optional.of(List.of("celery", "--app", app, "beat", "--loglevel", "INFO", "--schedule", "/tmp/celerybeat-schedule"))
                        : Optional.empty()));
    }

    @Override
    public List<EnvVar> settings(DeploymentSpec spec, Wiring wiring) {
        boolean production = wiring.production();
        List<EnvVar> vars = new ArrayList<>();
        vars.add(EnvVar.literal("DJANGO_SETTINGS_MODULE", settingsModule(spec)));
        vars.add(EnvVar.literal("DJANGO_DEBUG", String.valueOf(!production)));
        if (!production) {
            vars.add(EnvVar.literal(SECRET_KEY, "django-insecure-local-development-only"));
        }
        // The health check reaches the app on 127.0.0.1, so Django must accept that host too.
        vars.add(EnvVar.literal("DJANGO_ALLOWED_HOSTS",
                String.join(",", new LinkedHashSet<>(List.of(wiring.publicHost(), "localhost", "127.0.0.1")))));
        vars.add(EnvVar.literal("DJANGO_CSRF_TRUSTED_ORIGINS", wiring.publicUrl()));
        return vars;
    }

    /** Without ssl_cert_reqs, kombu accepts a TLS broker's certificate unchecked. */
    @Override
    public List<EnvVar> brokerSettings(Wiring wiring) {
        return List.of(EnvVar.endpoint(CELERY_BROKER_URL, Service.BROKER, wiring.brokerTls() ? "?ssl_cert_reqs=CERT_REQUIRED" : ""));
    }

    @Override
    public List<SecretVar> secrets() {
        return List.of(new SecretVar(SECRET_KEY, "Django's SECRET_KEY (sessions, CSRF, signing)",
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'"));
    }

    @Override
    public List<Snippet> requirements(DeploymentSpec spec) {
        List<Snippet> lines = new ArrayList<>(super.requirements(spec));
        String module = module(spec);
        String health = spec.application().healthPath();
        lines.add(Snippet.words("The project package ").thenCode(module).then(" with ").thenCode("settings.py").then(" and ")
                .thenCode("wsgi.py").then("."));
        lines.add(Snippet.words("Settings that read the environment: ").thenCode("SECRET_KEY = os.environ[\"" + SECRET_KEY + "\"]")
                .then(", ").thenCode("DEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"true\"").then(", ").thenCode("ALLOWED_HOSTS")
                .then(" and ").thenCode("CSRF_TRUSTED_ORIGINS").then(" split from the comma-separated ").thenCode("DJANGO_ALLOWED_HOSTS")
                .then(" and ").thenCode("DJANGO_CSRF_TRUSTED_ORIGINS").then(", and ").thenCode("DATABASES").then(" from ")
                .thenCode(StackVariables.DATABASE_URL).then(" (for example with ").thenCode("dj-database-url").then(")."));
        lines.add(Snippet.code("STATIC_ROOT").then(" set, and static files served by the app, e.g. with ").thenCode("whitenoise")
                .then("; ").thenCode("collectstatic").then(" runs at image build."));
        lines.add(Snippet.words("A view at ").thenCode(health).then(" that answers 200 without touching the session or CSRF. "
                + "Behind Caddy, set ").thenCode("SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\")").then("."));
        if (spec.application().worker().enabled()) {
            // One code span: two adjacent spans would render as one malformed span with doubled backticks.
            lines.add(Snippet.words("Celery configured from ").thenCode(CELERY_BROKER_URL).then(" in ")
                    .thenCode(module.replace('.', '/') + "/celery.py").then("."));
        }
        return lines;
    }

    @Override
    public Snippet secretRotation() {
        return Snippet.words("Rotate ").thenCode(SECRET_KEY).then(" without logging everyone out: move the old value to ")
                .thenCode("SECRET_KEY_FALLBACKS").then(" in your settings for a while, then drop it.");
    }
}
