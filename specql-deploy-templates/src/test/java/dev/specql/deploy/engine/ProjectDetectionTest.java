package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.engine.write.WriteOptions;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.Origin;
import dev.specql.deploy.model.config.Setting;
import dev.specql.deploy.model.catalog.Pins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project fixtures (src/test/resources/projects, see its README) through the engine: what is read, what follows. */
class ProjectDetectionTest {

    static final Path PROJECTS = Path.of("src/test/resources/projects");

    private static EngineResult generate(String fixture, Path workspace) throws Exception {
        copy(PROJECTS.resolve(fixture), workspace);
        return run(workspace);
    }

    /** Every phase of the project's deployment.yaml, into generated/. */
    static EngineResult run(Path project) throws Exception {
        return new DeployEngine().run(new EngineRequest(project, Path.of("deployment.yaml"), Path.of("generated"),
                Optional.empty(), Phase.all(), WriteOptions.defaults(), "test"));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
    }

    @Test
    void aDjangoAppPinnedToPython312GetsThePython312Image(@TempDir Path project) throws Exception {
        EngineResult result = generate("django-runtime-txt", project);
        Setting version = result.config().setting("application.runtime_version").orElseThrow();
        assertThat(version.value()).isEqualTo("3.12");
        assertThat(version.origin()).isEqualTo(Origin.DETECTED);
        assertThat(version.provenance()).isEqualTo("detected .python-version:1");
        assertThat(result.config().warnings()).isEmpty();
        assertThat(Files.readString(project.resolve("generated/deployment/Dockerfile")))
                .contains("FROM " + Pins.PYTHON_IMAGES.get("3.12") + " AS base");
    }

    @Test
    void aRailsAppWhoseGemfileRequiresRuby339GetsExactlyThatRuby(@TempDir Path project) throws Exception {
        EngineResult result = generate("rails-gemfile-ruby", project);
        assertThat(result.config().setting("application.runtime_version").orElseThrow().provenance()).isEqualTo("detected Gemfile:3");
        assertThat(Files.readString(project.resolve("generated/deployment/Dockerfile"))).contains("FROM ruby:3.3.9-slim AS base");
    }

    /** Every generated file, by path relative to the project, with its text. */
    private static Map<String, String> output(Path project) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(project.resolve("generated"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(project.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    @Test
    void aDjangoAppWithRequirementIncludesAndASettingsPackageGetsBothEverywhere(@TempDir Path project) throws Exception {
        EngineResult result = generate("django-settings-package", project);
        assertThat(result.config().setting("application.settings_module").orElseThrow().provenance())
                .isEqualTo("detected shop/settings/production.py:1");
        String dockerfile = Files.readString(project.resolve("generated/deployment/Dockerfile"));
        for (String file : List.of("requirements.txt", "requirements/production.txt", "requirements/base.txt", "requirements/constraints.txt")) {
            assertThat(dockerfile).contains("--mount=type=bind,source=" + file + ",target=" + file + " \\");
        }
        assertThat(dockerfile).contains("pip install --requirement requirements.txt")
                .contains("DJANGO_SETTINGS_MODULE='shop.settings.production' DJANGO_SECRET_KEY=collectstatic-only");
        Map<String, String> output = output(project);
        Pattern named = Pattern.compile("shop\\.settings[A-Za-z0-9_.]*");
        List<String> settingsNamed = output.values().stream().flatMap(text -> named.matcher(text).results().map(m -> m.group()))
                .distinct().toList();
        assertThat(settingsNamed).containsExactly("shop.settings.production");
        assertThat(output.entrySet()).filteredOn(e -> e.getValue().contains("DJANGO_SETTINGS_MODULE")).extracting(Map.Entry::getKey)
                .contains("generated/deployment/Dockerfile", "generated/deployment/compose.yaml",
                        "generated/deployment/compose.production.yaml");
        assertThat(output.get("generated/deployment/compose.production.yaml")).contains("celery").contains("\"storage:/app/media\"");
        assertThat(dockerfile).contains("RUN mkdir -p /app/media \\\n    && chown 10001:10001 /app/media");
    }

    @Test
    void aProcfileThatServesWithUwsgiAndAnAppWithoutCeleryGetExactlyThat(@TempDir Path project) throws Exception {
        EngineResult result = generate("django-uwsgi-procfile", project);
        assertThat(result.config().setting("application.server").orElseThrow().provenance()).isEqualTo("detected Procfile:1");
        assertThat(result.config().setting("application.worker.enabled").orElseThrow().value()).isEqualTo(false);
        String dockerfile = Files.readString(project.resolve("generated/deployment/Dockerfile"));
        assertThat(result.config().setting("application.command").orElseThrow().provenance()).isEqualTo("detected Procfile:1");
        assertThat(result.config().setting("application.release_command").orElseThrow().provenance()).isEqualTo("detected Procfile:2");
        assertThat(dockerfile).contains("FROM python:3.13.9-slim AS base")
                .contains("CMD [\"sh\", \"-c\", \"exec uwsgi --http-socket :$PORT --module blog.wsgi\"]");
        assertThat(Files.readString(project.resolve("generated/deployment/compose.production.yaml")))
                .contains("[\"sh\", \"-c\", \"exec python manage.py migrate --noinput\"]").contains("\"PORT\": \"8000\"");
        assertThat(output(project).values()).noneMatch(text -> text.contains("celery") || text.contains("gunicorn"));
    }

    @Test
    void aRailsProcfileGivesTheServerWorkerAndReleaseCommandsAndUploadsStayOnTheDefaultDisk(@TempDir Path project) throws Exception {
        EngineResult result = generate("rails-gemfile-ruby", project);
        assertThat(result.config().setting("application.worker.command").orElseThrow().provenance()).isEqualTo("detected Procfile:2");
        Map<String, String> output = output(project);
        String compose = output.get("generated/deployment/compose.production.yaml");
        assertThat(compose).contains("[\"sh\", \"-c\", \"exec bundle exec sidekiq --queue default --queue mailers\"]")
                .contains("[\"sh\", \"-c\", \"exec bin/rails db:migrate\"]").contains("\"storage:/rails/storage\"");
        assertThat(output.get("generated/deployment/Dockerfile"))
                .contains("CMD [\"sh\", \"-c\", \"exec bundle exec puma -C config/puma.rb\"]")
                .contains("RUN mkdir -p /rails/storage /rails/tmp \\\n    && chown -R 10001:10001 /rails/storage /rails/tmp");
    }

    @Test
    void railsUploadsInS3NeedNoVolumeAndEveryTaskGetsRailsTmpWritable(@TempDir Path project) throws Exception {
        EngineResult result = generate("rails-solid-queue-multi-db", project);
        assertThat(result.config().setting("application.storage_path").orElseThrow().provenance())
                .isEqualTo("detected config/environments/production.rb:8");
        Map<String, String> output = output(project);
        assertThat(output.get("generated/deployment/compose.production.yaml")).doesNotContain("storage:");
        assertThat(productionRoot(output))
                .contains("writable_paths        = [\"/tmp\", \"/rails/tmp\"]");
        assertThat(result.config().warnings()).noneMatch(w -> w.path().equals("application.storage_path"));
    }

    @Test
    void theSpecsPathsWinAndUploadsOnEcsAreAWarningAndAScratchVolume(@TempDir Path project) throws Exception {
        copy(PROJECTS.resolve("django-settings-package"), project);
        Files.writeString(project.resolve("deployment.yaml"), Files.readString(project.resolve("deployment.yaml"))
                .replace("hobby-project", "small-saas") + "application:\n  writable_paths: [/app/cache]\n");
        EngineResult result = run(project);
        assertThat(result.config().warnings()).anyMatch(w -> w.path().equals("application.storage_path")
                && w.message().contains("/app/media") && w.message().contains("lost when the task stops"));
        Map<String, String> output = output(project);
        assertThat(productionRoot(output))
                .contains("writable_paths        = [\"/tmp\", \"/app/cache\", \"/app/media\"]");
        assertThat(output.get("generated/deployment/Dockerfile")).contains("RUN mkdir -p /app/cache /app/media \\\n");
        assertThat(output.get("generated/deployment/compose.production.yaml")).contains("\"/app/cache\"");

        Files.writeString(project.resolve("deployment.yaml"), Files.readString(project.resolve("deployment.yaml"))
                + "  storage_path: none\n");
        result = run(project);
        assertThat(result.config().warnings()).noneMatch(w -> w.path().equals("application.storage_path"));
        assertThat(productionRoot(output(project)))
                .contains("writable_paths        = [\"/tmp\", \"/app/cache\"]");
    }

    @Test
    void aRails8AppOnSolidQueueWithFourDatabasesAndCredentialsGetsAllOfThemAndNoBroker(@TempDir Path project) throws Exception {
        EngineResult result = generate("rails-solid-queue-multi-db", project);
        assertThat(result.config().setting("application.worker.system").orElseThrow().provenance())
                .isEqualTo("detected config/environments/production.rb:10");
        assertThat(Files.readString(project.resolve("generated/deployment/Dockerfile"))).contains("FROM ruby:3.4.6-slim AS base");
        Map<String, String> output = output(project);
        // The stack's own files: shared module code and the README's upgrade notes name Valkey in general terms.
        assertThat(output.entrySet()).filteredOn(e -> e.getKey().matches(".*/(compose[.a-z]*\\.yaml|\\.env\\.example|Dockerfile|environments/.*)"))
                .hasSizeGreaterThan(8)
                .filteredOn(e -> e.getValue().toLowerCase(java.util.Locale.ROOT).matches("(?s).*(valkey|redis|sidekiq).*"))
                .extracting(Map.Entry::getKey).isEmpty();
        String compose = output.get("generated/deployment/compose.production.yaml");
        assertThat(compose).contains("command: [\"bin/jobs\"]").contains("bin/rails\", \"db:prepare")
                .contains("\"QUEUE_DATABASE_URL\": \"postgresql://app:${POSTGRES_PASSWORD:?")
                .contains("@db:5432/ledger_production_queue\"").contains("\"DB_HOST\": \"db\"").contains("\"DATABASE_USERNAME\": \"app\"")
                .contains("\"DATABASE_PASSWORD\": \"${POSTGRES_PASSWORD:?").contains("\"RAILS_MASTER_KEY\": \"${RAILS_MASTER_KEY:?");
        String ecs = productionRoot(output);
        assertThat(ecs).contains("CABLE_DATABASE_URL").contains("\"ledger_production_cable\")").contains("DB_HOST")
                .contains("DATABASE_PASSWORD = \"${module.database.master_user_secret_arn}:password::\"")
                .doesNotContain("module \"cache\"");
        assertThat(output.get("generated/deployment/.env.example")).contains("RAILS_MASTER_KEY=");
    }

    @Test
    void aFraiseql2StarterGetsTheRustServerWithItsSchemaCompiledInTheImage(@TempDir Path project) throws Exception {
        EngineResult result = generate("fraiseql2-starter", project);
        assertThat(result.config().setting("deployment.framework_major").orElseThrow().provenance()).isEqualTo("detected fraiseql.toml:1");
        assertThat(result.config().setting("application.port").orElseThrow().provenance()).isEqualTo("detected fraiseql.toml:9");
        Map<String, String> output = output(project);
        String dockerfile = output.get("generated/deployment/Dockerfile");
        assertThat(dockerfile).contains("cargo install --locked --root /opt/server fraiseql-server@2.18.0 fraiseql-cli@2.18.0")
                .contains("&& python -m 'schema' \\\n    && fraiseql-cli compile schema.json -o /opt/fraiseql/schema.compiled.json")
                .contains("COPY --from=server /opt/server/bin/fraiseql-server /usr/local/bin/")
                .contains("COPY generated/deployment/fraiseql/ /opt/fraiseql/")
                .contains("CMD [\"python\", \"/opt/fraiseql/launch.py\", \"--config\", \"/opt/fraiseql/server.toml\"]")
                .contains("FROM python:3.14.8-slim-trixie AS base").doesNotContain("gunicorn").doesNotContain("WEB_CONCURRENCY");
        assertThat(output.get("generated/deployment/fraiseql/server.toml")).contains("bind_addr = \"0.0.0.0:8080\"")
                .contains("cors_enabled = false").contains("schema_path = \"/opt/fraiseql/schema.compiled.json\"");
        assertThat(output.get("generated/deployment/fraiseql/launch.py")).contains("os.execvp(\"fraiseql-server\"");
        assertThat(Files.readString(project.resolve(".dockerignore"))).contains("generated\n!generated/deployment/fraiseql\n");
        assertThat(output.get("generated/deployment/compose.production.yaml")).contains("postgres:18").contains("\"FRAISEQL_ENV\": \"production\"")
                .contains("confiture");
        String ecs = productionRoot(output);
        assertThat(ecs).contains("engine_version             = \"18\"").contains("container_port        = 8080")
                .contains("PGPASSWORD = \"${module.database.master_user_secret_arn}:password::\"");
    }

    @Test
    void aSpecqlProjectGetsItsMigrationsFolderAndTheDevelopmentDatabaseItsInitScripts(@TempDir Path project) throws Exception {
        EngineResult result = generate("fraiseql2-specql", project);
        assertThat(result.config().setting("specql.migrations_dir").orElseThrow().provenance())
                .isEqualTo("detected migrations/000_app_foundation.up.sql:1");
        Map<String, String> output = output(project);
        for (String compose : List.of("compose.yaml", "compose.production.yaml")) {
            assertThat(output.get("generated/deployment/" + compose))
                    .contains("[\"confiture\", \"migrate\", \"up\", \"--no-config\", \"--migrations-dir\", \"migrations\"]");
        }
        assertThat(output.get("generated/deployment/compose.yaml")).contains("\"../../db/init:/docker-entrypoint-initdb.d:ro\"");
        assertThat(output.get("generated/deployment/compose.production.yaml")).doesNotContain("docker-entrypoint-initdb.d");
        assertThat(output.get("generated/deployment/DEPLOYMENT_README.md")).contains("2 SpecQL entities")
                .contains("`specql generate entities/*.yaml`").contains("production databases start empty");
    }

    @Test
    void aGeoDjangoAppGetsPostgisUrlsTheirDatabaseImageAndGdal(@TempDir Path project) throws Exception {
        copy(PROJECTS.resolve("django-settings-package"), project);
        Path base = project.resolve("shop/settings/base.py");
        Files.writeString(base, Files.readString(base) + "INSTALLED_APPS += [\"django.contrib.gis\"]\n");
        Files.writeString(project.resolve("deployment.yaml"), Files.readString(project.resolve("deployment.yaml"))
                .replace("hobby-project", "small-saas"));
        run(project);
        Map<String, String> output = output(project);
        assertThat(output.get("generated/deployment/compose.yaml")).contains("postgis/postgis:17-3.5")
                .contains("\"DATABASE_URL\": \"postgis://app@db:5432/shop\"");
        assertThat(output.get("generated/deployment/Dockerfile")).contains("binutils gdal-bin");
        assertThat(productionRoot(output)).contains("format(\"postgis://%s@%s:%d/%s");
    }

    @Test
    void aFraiseqlAppPinnedBelowTwoKeepsThePythonServer(@TempDir Path project) throws Exception {
        EngineResult result = generate("fraiseql1-pinned", project);
        assertThat(result.config().setting("deployment.framework_major").orElseThrow().provenance()).isEqualTo("detected requirements.txt:1");
        String dockerfile = Files.readString(project.resolve("generated/deployment/Dockerfile"));
        assertThat(dockerfile).contains("FROM python:3.13.9-slim AS base").contains("pip install --requirement requirements.txt")
                .contains("\"gunicorn\", \"src.main:app\"").doesNotContain("fraiseql-server");
        assertThat(output(project)).doesNotContainKey("generated/deployment/fraiseql/server.toml");
    }

    @Test
    void editingAVersionFileRegeneratesAndAWrongOneWritesNothing(@TempDir Path project) throws Exception {
        generate("django-runtime-txt", project);
        Files.writeString(project.resolve(".python-version"), "3.14\n");
        Files.delete(project.resolve("runtime.txt"));
        EngineResult rerun = run(project);
        assertThat(rerun.upToDate()).isFalse();
        assertThat(Files.readString(project.resolve("generated/deployment/Dockerfile"))).contains(Pins.PYTHON_IMAGES.get("3.14"));

        Files.writeString(project.resolve(".python-version"), "3.9\n");
        var before = EngineFixture.snapshot(project);
        assertThatThrownBy(() -> run(project))
                .isInstanceOf(SpecException.class).hasMessageContaining(".python-version:1:1: application.runtime_version: django does not "
                        + "run on Python 3.9");
        assertThat(EngineFixture.snapshot(project)).isEqualTo(before);
    }

    /** The production root's configuration: main.tf (network, database, load balancer) and app.tf (the containers). */
    private static String productionRoot(Map<String, String> output) {
        String root = "generated/infrastructure/opentofu/environments/production/";
        return output.get(root + "main.tf") + output.get(root + "app.tf");
    }
}
