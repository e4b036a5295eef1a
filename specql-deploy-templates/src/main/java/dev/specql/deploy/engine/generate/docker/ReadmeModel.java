package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.generate.app.AppRuntime;
import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.generate.GenerationContext;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.render.Safe;
import dev.specql.deploy.model.DeploymentSpec;

import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.PackageManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The view of DEPLOYMENT_README.md: framework-specific guidance is decided here, the template lays it out. */
final class ReadmeModel {

    private static final MarkdownEscaper MD = new MarkdownEscaper();

    private ReadmeModel() {
    }

    static Map<String, Object> of(DeploymentSpec spec, AppRuntime runtime, GenerationContext context, String dockerfile) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("header", Header.html(spec.specFile()));
        model.put("title", MD.text("Deploying " + spec.name()));
        model.put("titleRule", new Safe("=".repeat(("Deploying " + spec.name()).length())));
        model.put("summary", MD.text(summary(spec)));
        model.put("description", spec.deployment().description().map(MD::text).orElse(null));
        model.put("hasDescription", spec.deployment().description().isPresent());
        model.put("directory", MD.inFence(context.output(DockerGenerator.DIRECTORY)));
        model.put("dockerfile", MD.code(dockerfile));
        model.put("port", runtime.port());
        model.put("domain", MD.inFence(spec.platform().domain().orElse("localhost")));
        model.put("domainText", MD.code(spec.platform().domain().orElse("localhost")));
        model.put("healthPath", MD.inFence(spec.application().healthPath()));
        model.put("dbUser", MD.inFence(spec.database().user()));
        model.put("dbName", MD.inFence(spec.database().name()));
        model.put("dbVersion", MD.inFence(spec.database().version()));
        model.put("requirements", requirements(spec, runtime));
        model.put("secrets", ComposePlan.secrets(spec, runtime).stream().map(s -> new Safe(MD.code(s.name()) + ": " + MD.text(s.description()).text()
                + ". How to get one: " + MD.text(s.howToCreate()).text())).toList());
        model.put("hasWorker", runtime.hasWorker());
        model.put("workerKind", MD.text(runtime.workerKind()));
        model.put("migrates", runtime.migrateCommand().isPresent());
        model.put("migrateCommand", runtime.migrateCommand().map(c -> MD.code(String.join(" ", c))).orElse(new Safe("")));
        model.put("secretRotation", secretRotation(spec));
        model.put("amd64Only", runtime.platform().isPresent());
        return model;
    }

    private static String summary(DeploymentSpec spec) {
        String framework = switch (spec.framework()) {
            case FRAISEQL -> "a FraiseQL (GraphQL on PostgreSQL) app";
            case DJANGO -> "a Django app";
            case RAILS -> "a Rails app";
        };
        return "Docker files for " + framework + " with PostgreSQL " + spec.database().version()
                + ": a local development stack and a single-server production stack behind Caddy.";
    }

    /** What the app itself must contain for these files to work; each line is escaped Markdown. */
    private static List<Safe> requirements(DeploymentSpec spec, AppRuntime runtime) {
        List<String> lines = new ArrayList<>();
        String health = MD.code(spec.application().healthPath()).text();
        String module = spec.application().module().map(m -> MD.code(m).text()).orElse("");
        boolean uv = spec.application().packageManager() == PackageManager.UV;
        if (runtime.python()) {
            lines.add(uv ? "Dependencies in " + MD.code("pyproject.toml") + " with a committed " + MD.code("uv.lock")
                    + " (" + MD.code("uv lock") + ")." : "Dependencies in " + MD.code("requirements.txt") + ", with exact versions.");
            lines.add("A dependency on " + MD.code("gunicorn") + ", the production server.");
        }
        switch (spec.framework()) {
            case FRAISEQL -> {
                lines.add("The ASGI app at " + module + ". Build it from the environment: "
                        + MD.code("create_fraiseql_app(config=FraiseQLConfig(), ...)") + " reads " + MD.code("FRAISEQL_DATABASE_URL")
                        + " and the other " + MD.code("FRAISEQL_") + " settings; explicit arguments such as "
                        + MD.code("database_url=") + " override them.");
                lines.add("Metrics: call " + MD.code("fraiseql.monitoring.metrics.setup_metrics(app)") + " and depend on "
                        + MD.code("prometheus-client") + " so that " + MD.code(spec.application().metricsPath()).text()
                        + " serves real metrics.");
                lines.add(health + " is built into FraiseQL.");
            }
            case DJANGO -> {
                lines.add("The project package " + module + " with " + MD.code("settings.py") + " and " + MD.code("wsgi.py") + ".");
                lines.add("Settings that read the environment: " + MD.code("SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]") + ", "
                        + MD.code("DEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"true\"") + ", " + MD.code("ALLOWED_HOSTS")
                        + " and " + MD.code("CSRF_TRUSTED_ORIGINS") + " split from the comma-separated " + MD.code("DJANGO_ALLOWED_HOSTS")
                        + " and " + MD.code("DJANGO_CSRF_TRUSTED_ORIGINS") + ", and " + MD.code("DATABASES") + " from "
                        + MD.code("DATABASE_URL") + " (for example with " + MD.code("dj-database-url") + ").");
                lines.add(MD.code("STATIC_ROOT") + " set, and static files served by the app, e.g. with " + MD.code("whitenoise")
                        + "; " + MD.code("collectstatic") + " runs at image build.");
                lines.add("A view at " + health + " that answers 200 without touching the session or CSRF. Behind Caddy, set "
                        + MD.code("SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\")") + ".");
                if (runtime.hasWorker()) {
                    lines.add("Celery configured from " + MD.code("CELERY_BROKER_URL") + " in " + module + MD.code("/celery.py").text() + ".");
                }
            }
            case RAILS -> {
                lines.add("A committed " + MD.code("Gemfile.lock") + " and " + MD.code("config/puma.rb") + " (Rails generates both).");
                lines.add(health + " is Rails' built-in health check (7.1 and later); it is exempt from " + MD.code("force_ssl")
                        + " redirects. If you set " + MD.code("config.hosts") + ", exempt it too.");
                lines.add(MD.code("config/database.yml") + " reading " + MD.code("DATABASE_URL") + " in production (the default).");
                if (runtime.hasWorker()) {
                    lines.add("The " + MD.code("sidekiq") + " gem; it reads " + MD.code("REDIS_URL") + ".");
                }
            }
        }
        if (spec.database().migrationTool() == MigrationTool.CONFITURE) {
            lines.add("Confiture migrations in " + MD.code(spec.specql().map(DeploymentSpec.Specql::migrationsDir).orElse("db/migrations"))
                    + " and the " + MD.code("fraiseql-confiture") + " package (FraiseQL depends on it).");
        }
        return lines.stream().map(Safe::new).toList();
    }

    private static Safe secretRotation(DeploymentSpec spec) {
        return switch (spec.framework()) {
            case DJANGO -> new Safe("Rotate " + MD.code("DJANGO_SECRET_KEY").text() + " without logging everyone out: "
                    + "move the old value to " + MD.code("SECRET_KEY_FALLBACKS").text() + " in your settings for a while, "
                    + "then drop it.");
            case RAILS -> new Safe("Changing " + MD.code("SECRET_KEY_BASE").text() + " signs everyone out and invalidates "
                    + "signed and encrypted cookies; plan it.");
            case FRAISEQL -> new Safe("FraiseQL itself keeps no signing key; rotate your own secrets the same way.");
        };
    }
}
