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

    /**
     * How the app reaches its database and broker on one target.
     *
     * @param databaseUrl the URL the app connects with, e.g. postgresql://app@db:5432/app; on Compose it may embed
     *                    the password as an interpolation, on ECS it has none (libpq reads PGPASSWORD)
     * @param interpolated whether {@code databaseUrl} holds a Compose interpolation
     * @param redisUrl     the broker URL, when workers run
     * @param publicUrl    the app's public origin, e.g. https://app.example.com
     * @param publicHost   the hostname clients use
     */
    public record Wiring(String databaseUrl, boolean interpolated, String redisUrl, String publicUrl, String publicHost) {
    }

    /**
     * The plain variables the framework's settings read, with the generated values. Secrets are not among
     * them: each target injects {@link #secrets()} its own way. The spec's environment values are added by
     * the caller.
     *
     * @param production false for the local development stack
     */
    public List<EnvVar> environment(boolean production, Wiring wiring) {
        List<EnvVar> vars = new ArrayList<>();
        java.util.function.Function<String, EnvVar> url = name -> wiring.interpolated()
                ? EnvVar.interpolated(name, wiring.databaseUrl()) : EnvVar.literal(name, wiring.databaseUrl());
        vars.add(url.apply("DATABASE_URL"));
        switch (framework) {
            case FRAISEQL -> {
                // FraiseQLConfig reads FRAISEQL_-prefixed settings; Confiture reads CONFITURE_DATABASE_URL.
                vars.add(url.apply("FRAISEQL_DATABASE_URL"));
                vars.add(url.apply("CONFITURE_DATABASE_URL"));
                vars.add(EnvVar.literal("FRAISEQL_ENVIRONMENT", production ? "production" : "development"));
                vars.add(EnvVar.literal("FRAISEQL_PRODUCTION", String.valueOf(production)));
                vars.add(EnvVar.literal("FRAISEQL_ENABLE_PLAYGROUND", String.valueOf(!production)));
                vars.add(EnvVar.literal("FRAISEQL_DATABASE_POOL_SIZE", String.valueOf(spec.database().poolSize())));
            }
            case DJANGO -> {
                vars.add(EnvVar.literal("DJANGO_SETTINGS_MODULE", module() + ".settings"));
                vars.add(EnvVar.literal("DJANGO_DEBUG", String.valueOf(!production)));
                if (!production) {
                    vars.add(EnvVar.literal("DJANGO_SECRET_KEY", "django-insecure-local-development-only"));
                }
                // The health check reaches the app on 127.0.0.1, so Django must accept that host too.
                vars.add(EnvVar.literal("DJANGO_ALLOWED_HOSTS",
                        String.join(",", new java.util.LinkedHashSet<>(List.of(wiring.publicHost(), "localhost", "127.0.0.1")))));
                vars.add(EnvVar.literal("DJANGO_CSRF_TRUSTED_ORIGINS", wiring.publicUrl()));
            }
            case RAILS -> {
                vars.add(EnvVar.literal("RAILS_ENV", production ? "production" : "development"));
                vars.add(EnvVar.literal("RAILS_MAX_THREADS", "3"));
                vars.add(EnvVar.literal("RAILS_LOG_TO_STDOUT", "1"));
            }
        }
        if (hasWorker()) {
            vars.add(EnvVar.literal("REDIS_URL", wiring.redisUrl()));
            if (framework == Framework.DJANGO) {
                vars.add(EnvVar.literal("CELERY_BROKER_URL", wiring.redisUrl()));
            }
        }
        vars.add(EnvVar.literal("WEB_CONCURRENCY", String.valueOf(spec.application().workers())));
        return vars;
    }

    /** The framework's signing key and the app's declared secrets: values the operator provides in production. */
    public List<SecretVar> secrets() {
        List<SecretVar> secrets = new ArrayList<>();
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
