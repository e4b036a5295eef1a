package dev.specql.deploy.engine.generate.app;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.catalog.Pins;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How each framework really runs in a container: server, dev server, migrations, workers, health check
 * and the variables its settings read. Every framework-specific decision of phase 1 lives here.
 */
public final class AppRuntime {

    /** The fixed non-root user and group of the runtime image. */
    public static final int UID = 10001;

    private final DeploymentSpec spec;
    private final Framework framework;

    private AppRuntime(DeploymentSpec spec) {
        this.spec = spec;
        this.framework = spec.framework();
    }

    public static AppRuntime of(DeploymentSpec spec) {
        return new AppRuntime(spec);
    }

    public boolean python() {
        return framework != Framework.RAILS;
    }

    public String baseImage() {
        String version = spec.application().runtimeVersion();
        return python() ? Pins.PYTHON_IMAGES.get(version) : Pins.RUBY_IMAGES.get(version);
    }

    /** Where the app lives in the image; Rails' own Dockerfile uses /rails. */
    public String appDirectory() {
        return python() ? "/app" : "/rails";
    }

    public int port() {
        return spec.application().port();
    }

    /** The Python module of a Django project, or the ASGI app of a FraiseQL one. */
    private String module() {
        return spec.application().module().orElseThrow();
    }

    public List<String> serverCommand() {
        String bind = "0.0.0.0:" + port();
        return switch (framework) {
            case FRAISEQL -> List.of("gunicorn", module(), "--worker-class", "uvicorn.workers.UvicornWorker", "--bind", bind,
                    "--worker-tmp-dir", "/dev/shm", "--forwarded-allow-ips", "*", "--access-logfile", "-", "--graceful-timeout", "30");
            case DJANGO -> List.of("gunicorn", module() + ".wsgi:application", "--bind", bind,
                    "--worker-tmp-dir", "/dev/shm", "--forwarded-allow-ips", "*", "--access-logfile", "-", "--graceful-timeout", "30");
            case RAILS -> List.of("bundle", "exec", "puma", "--config", "config/puma.rb", "--port", String.valueOf(port()));
        };
    }

    /** The development server, with reload, bound to all interfaces of the container. */
    public List<String> devCommand() {
        return switch (framework) {
            case FRAISEQL -> List.of("uvicorn", module(), "--reload", "--host", "0.0.0.0", "--port", String.valueOf(port()));
            case DJANGO -> List.of("python", "manage.py", "runserver", "0.0.0.0:" + port());
            case RAILS -> List.of("bin/rails", "server", "--binding", "0.0.0.0", "--port", String.valueOf(port()));
        };
    }

    /** The one-off migration command; empty when the spec says migrations are applied some other way. */
    public Optional<List<String>> migrateCommand() {
        MigrationTool tool = spec.database().migrationTool();
        return switch (tool) {
            // Confiture 1.x does not expand ${...} in its environment files, and refuses a bare DATABASE_URL unless
            // told to ignore them: --no-config makes the URL from the environment the only source.
            case CONFITURE -> Optional.of(List.of("confiture", "migrate", "up", "--no-config", "--migrations-dir",
                    spec.specql().map(DeploymentSpec.Specql::migrationsDir).orElse("db/migrations")));
            case DJANGO -> Optional.of(List.of("python", "manage.py", "migrate", "--noinput"));
            case RAILS -> Optional.of(List.of("bin/rails", "db:migrate"));
            case NONE -> Optional.empty();
        };
    }

    /** The container health check, with what the runtime image has (slim images have no curl). */
    public List<String> healthcheck() {
        String url = "http://127.0.0.1:" + port() + spec.application().healthPath();
        if (python()) {
            return List.of("python", "-c", "import sys, urllib.request; "
                    + "sys.exit(0 if urllib.request.urlopen('" + url + "', timeout=4).status == 200 else 1)");
        }
        return List.of("ruby", "-rnet/http", "-e", "exit(Net::HTTP.get_response(URI('" + url + "')).is_a?(Net::HTTPSuccess) ? 0 : 1)");
    }

    /**
     * FraiseQL 1.9 and Confiture publish Linux wheels for x86_64 only, so their images are built and run as
     * linux/amd64 (emulated on arm64 machines) until they ship arm64 wheels.
     */
    public Optional<String> platform() {
        return framework == Framework.FRAISEQL ? Optional.of("linux/amd64") : Optional.empty();
    }

    public boolean hasWorker() {
        return spec.application().worker().enabled();
    }

    /** "celery" or "sidekiq". */
    public String workerKind() {
        return framework == Framework.DJANGO ? "celery" : "sidekiq";
    }

    public List<String> workerCommand() {
        String concurrency = String.valueOf(spec.application().worker().concurrency());
        return framework == Framework.DJANGO
                ? List.of("celery", "--app", module(), "worker", "--loglevel", "INFO", "--concurrency", concurrency)
                : List.of("bundle", "exec", "sidekiq", "--concurrency", concurrency);
    }

    public boolean hasScheduler() {
        return hasWorker() && spec.application().worker().scheduler();
    }

    public List<String> schedulerCommand() {
        return List.of("celery", "--app", module(), "beat", "--loglevel", "INFO", "--schedule", "/tmp/celerybeat-schedule");
    }

    /** Celery answers a ping through the broker; Sidekiq has no probe that works without extra tooling. */
    public Optional<List<String>> workerHealthcheck() {
        return framework == Framework.DJANGO
                ? Optional.of(List.of("celery", "--app", module(), "inspect", "ping", "--timeout", "10"))
                : Optional.empty();
    }

    /** Paths the app writes at runtime; tmpfs mounts under a read-only root filesystem. */
    public List<String> writablePaths() {
        return python() ? List.of("/tmp") : List.of("/tmp", "/rails/tmp");
    }

    /** The database URL as the app sees it inside the compose network. */
    public String databaseUrl(String passwordExpression) {
        String credentials = spec.database().user() + (passwordExpression.isEmpty() ? "" : ":" + passwordExpression);
        return "postgresql://" + credentials + "@db:5432/" + spec.database().name();
    }

    /**
     * The variables the framework's settings read, with the generated values. Literal user values from
     * {@code environment.<env>} are appended by the caller.
     *
     * @param production false for the local development stack
     * @param password   the Compose expression of the database password, empty for the password-less dev database
     */
    public List<EnvVar> environment(boolean production, String password, java.util.function.Function<String, String> required) {
        List<EnvVar> vars = new ArrayList<>();
        String databaseUrl = databaseUrl(password);
        vars.add(password.isEmpty() ? EnvVar.literal("DATABASE_URL", databaseUrl) : EnvVar.interpolated("DATABASE_URL", databaseUrl));
        String domain = spec.platform().domain().orElse("localhost");
        switch (framework) {
            case FRAISEQL -> {
                // FraiseQLConfig reads FRAISEQL_-prefixed settings; Confiture reads CONFITURE_DATABASE_URL.
                for (String name : List.of("FRAISEQL_DATABASE_URL", "CONFITURE_DATABASE_URL")) {
                    vars.add(password.isEmpty() ? EnvVar.literal(name, databaseUrl) : EnvVar.interpolated(name, databaseUrl));
                }
                vars.add(EnvVar.literal("FRAISEQL_ENVIRONMENT", production ? "production" : "development"));
                vars.add(EnvVar.literal("FRAISEQL_PRODUCTION", String.valueOf(production)));
                vars.add(EnvVar.literal("FRAISEQL_ENABLE_PLAYGROUND", String.valueOf(!production)));
                vars.add(EnvVar.literal("FRAISEQL_DATABASE_POOL_SIZE", String.valueOf(spec.database().poolSize())));
            }
            case DJANGO -> {
                vars.add(EnvVar.literal("DJANGO_SETTINGS_MODULE", module() + ".settings"));
                vars.add(EnvVar.literal("DJANGO_DEBUG", String.valueOf(!production)));
                vars.add(production ? EnvVar.interpolated("DJANGO_SECRET_KEY", required.apply("DJANGO_SECRET_KEY"))
                        : EnvVar.literal("DJANGO_SECRET_KEY", "django-insecure-local-development-only"));
                vars.add(EnvVar.literal("DJANGO_ALLOWED_HOSTS", production ? domain + ",localhost,127.0.0.1" : "localhost,127.0.0.1"));
                vars.add(EnvVar.literal("DJANGO_CSRF_TRUSTED_ORIGINS", production ? "https://" + domain : "http://localhost:" + port()));
            }
            case RAILS -> {
                vars.add(EnvVar.literal("RAILS_ENV", production ? "production" : "development"));
                vars.add(EnvVar.literal("RAILS_MAX_THREADS", "3"));
                vars.add(EnvVar.literal("RAILS_LOG_TO_STDOUT", "1"));
                if (production) {
                    vars.add(EnvVar.interpolated("SECRET_KEY_BASE", required.apply("SECRET_KEY_BASE")));
                }
            }
        }
        if (hasWorker()) {
            vars.add(EnvVar.literal("REDIS_URL", "redis://redis:6379/0"));
            if (framework == Framework.DJANGO) {
                vars.add(EnvVar.literal("CELERY_BROKER_URL", "redis://redis:6379/0"));
            }
        }
        vars.add(EnvVar.literal("WEB_CONCURRENCY", String.valueOf(spec.application().workers())));
        return vars;
    }

    /** Secrets of the production stack: the database password, the framework's key, the app's own. */
    public List<SecretVar> secrets() {
        List<SecretVar> secrets = new ArrayList<>();
        secrets.add(new SecretVar("POSTGRES_PASSWORD", "Password of the database user " + spec.database().user()
                + "; also used in DATABASE_URL, so keep to letters and digits", "openssl rand -hex 32"));
        switch (framework) {
            case DJANGO -> secrets.add(new SecretVar("DJANGO_SECRET_KEY", "Django's SECRET_KEY (sessions, CSRF, signing)",
                    "python -c 'import secrets; print(secrets.token_urlsafe(50))'"));
            case RAILS -> secrets.add(new SecretVar("SECRET_KEY_BASE", "Rails' secret_key_base (sessions, signed cookies)",
                    "bin/rails secret"));
            case FRAISEQL -> {
                // FraiseQL keeps no signing secret of its own; apps that add auth list theirs in application.secrets.
            }
        }
        for (String name : spec.application().secrets()) {
            secrets.add(new SecretVar(name, "Declared in application.secrets of the spec", "from the service that issues it"));
        }
        return secrets;
    }
}
