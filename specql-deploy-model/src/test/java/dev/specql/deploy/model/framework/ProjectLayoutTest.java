package dev.specql.deploy.model.framework;

import static dev.specql.deploy.model.framework.DetectionTest.load;
import static dev.specql.deploy.model.framework.DetectionTest.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.load.SpecLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the layout of any app says: Procfile commands, uploads and scratch paths, SpecQL and Confiture files, init scripts. */
class ProjectLayoutTest {

    private static final String DJANGO = PythonProjectTest.DJANGO;
    private static final String RAILS = RailsProjectTest.RAILS;
    private static final String FRAISEQL = FraiseQl2Test.FRAISEQL;

    private static Map<String, String> with(Map<String, String> project, String path, String text) {
        Map<String, String> files = new HashMap<>(project);
        files.put(path, text);
        return files;
    }

    @Test
    void procfileLinesAreTheAppsOwnServerReleaseAndWorkerCommands() throws Exception {
        Map<String, String> project = with(PythonProjectTest.djangoProject(), "Procfile", "# processes\nweb: gunicorn shop.wsgi --log-file -\n"
                + "worker: celery -A shop worker -l info\nrelease: python manage.py migrate --noinput && python manage.py createcachetable\n");
        SpecLoader.LoadedSpec loaded = load(DJANGO, project);
        DeploymentSpec.Application application = loaded.spec().application();
        assertThat(application.command()).contains("gunicorn shop.wsgi --log-file -");
        assertThat(application.worker().command()).contains("celery -A shop worker -l info");
        assertThat(provenance(loaded, "application.command")).isEqualTo("detected Procfile:2");
        assertThat(provenance(loaded, "application.worker.command")).isEqualTo("detected Procfile:3");
        assertThat(provenance(loaded, "application.release_command")).isEqualTo("detected Procfile:4");
        // A list of commands keeps its shell: exec would end it after the first.
        assertThat(Migrations.command(loaded.spec())).contains(List.of("sh", "-c",
                "python manage.py migrate --noinput && python manage.py createcachetable"));
        assertThat(ShellCommand.of("gunicorn shop.wsgi")).containsExactly("sh", "-c", "exec gunicorn shop.wsgi");
    }

    @Test
    void pumasConfigurationIsNeededOnlyByTheGeneratedServerCommand() throws Exception {
        Map<String, String> project = RailsProjectTest.rails8();
        project.remove("config/puma.rb");
        assertThatThrownBy(() -> load(RAILS, project)).isInstanceOf(SpecException.class).hasMessageContaining("Gemfile:1:1: "
                + "application.server: config/puma.rb does not exist, and the server command reads it (commit the config/puma.rb "
                + "that rails new generates)");
        project.put("Procfile", "web: bundle exec puma --port $PORT\n");
        assertThat(load(RAILS, project).spec().application().command()).contains("bundle exec puma --port $PORT");
    }

    @Test
    void aWorkerLineOfAJobSystemTheAppDoesNotUseIsNotAdopted() throws Exception {
        Map<String, String> project = with(PythonProjectTest.djangoProject(), "requirements/base.txt", "Django>=5.2,<6\nwhitenoise\n");
        project.put("Procfile", "web: gunicorn shop.wsgi\nworker: python worker.py\n");
        DeploymentSpec spec = load(DJANGO, project).spec();
        assertThat(spec.application().worker().enabled()).isFalse();
        assertThat(spec.application().worker().command()).isEmpty();
        assertThat(spec.application().command()).contains("gunicorn shop.wsgi");
    }

    @Test
    void theSpecsCommandWinsOverTheProcfileWithAWarningNamingBoth() throws Exception {
        Map<String, String> project = with(PythonProjectTest.djangoProject(), "Procfile", "web: gunicorn shop.wsgi\n");
        SpecLoader.LoadedSpec loaded = load(DJANGO + "application: {command: \"gunicorn shop.wsgi --workers 2\"}\n", project);
        assertThat(loaded.spec().application().command()).contains("gunicorn shop.wsgi --workers 2");
        assertThat(loaded.config().warnings()).extracting(Problem::toString).anyMatch(w -> w.contains("application.command")
                && w.contains("Procfile:1") && w.contains("the spec wins"));
    }

    @Test
    void fraiseqlDevelopmentLaunchersAndAnyWebLineForTheRustServerAreNotAdopted() throws Exception {
        Map<String, String> starter = with(FraiseQl2Test.starter(), "Procfile", "web: fraiseql-server --config fraiseql.toml\n"
                + "release: confiture migrate up --no-config --migrations-dir db/migrations\n");
        SpecLoader.LoadedSpec two = load(FRAISEQL, starter);
        assertThat(two.spec().application().command()).isEmpty();
        assertThat(two.spec().application().releaseCommand()).isPresent();
        assertThat(Frameworks.of(dev.specql.deploy.model.Framework.FRAISEQL, Optional.of(1))).isInstanceOfSatisfying(FraiseQl.class,
                one -> assertThat(one.servesProduction(new Procfile.Command("fraiseql run", dev.specql.deploy.model.Location.startOf("Procfile"))))
                        .isFalse());
    }

    @Test
    void railsUploadsFollowActiveStoragesProductionService() throws Exception {
        Map<String, String> project = RailsProjectTest.rails8();
        String production = project.get("config/environments/production.rb");
        assertThat(load(RAILS, project).spec().application().storagePath()).contains("none");
        Map<String, String> local = with(project, "config/environments/production.rb",
                production.replace("end\n", "  config.active_storage.service = :local\nend\n"));
        SpecLoader.LoadedSpec loaded = load(RAILS, local);
        assertThat(Uploads.directory(loaded.spec())).contains("/rails/storage");
        assertThat(provenance(loaded, "application.storage_path")).isEqualTo("detected config/environments/production.rb:4");
        Map<String, String> s3 = with(project, "config/environments/production.rb",
                production.replace("end\n", "  config.active_storage.service = :local\nend\n"));
        s3.put("config/storage.yml", "local:\n  service: S3\n  bucket: shop\n");
        assertThat(Uploads.directory(load(RAILS, s3).spec())).isEmpty();
        assertThat(Uploads.directory(load(RAILS, Map.of()).spec())).contains("/rails/storage");
    }

    @Test
    void uploadsOnAnEcsTaskAreAWarningAtTheKeyAndNoneOnTheHobbyServer() throws Exception {
        String ecs = RAILS + "application: {storage_path: /rails/storage}\n";
        SpecLoader.LoadedSpec loaded = load(ecs.replace("framework: rails}", "framework: rails, pattern: small-saas}"), Map.of());
        assertThat(loaded.config().warnings()).extracting(Problem::toString).anyMatch(w -> w.startsWith("deployment.yaml:3:")
                && w.contains("application.storage_path: the app keeps uploads in /rails/storage, and an ECS task's disk is lost"));
        assertThat(load(ecs, Map.of()).config().warnings()).extracting(Problem::path).doesNotContain("application.storage_path");
        assertThat(load(RAILS.replace("framework: rails}", "framework: rails, pattern: small-saas}")
                + "application: {storage_path: none}\n", Map.of()).config().warnings()).extracting(Problem::path)
                .doesNotContain("application.storage_path");
    }

    @Test
    void containerPathsStayOutOfTheSystemAndRelativeOnesAreRefused() {
        for (String bad : List.of("/etc/app", "/usr/local/x", "tmp", "/app/../etc", "/proc")) {
            assertThatThrownBy(() -> load(DJANGO + "application: {writable_paths: [\"" + bad + "\"]}\n", Map.of()))
                    .as(bad).isInstanceOf(SpecException.class).hasMessageContaining("application.writable_paths");
        }
        assertThatThrownBy(() -> load(DJANGO + "application: {storage_path: media}\n", Map.of()))
                .isInstanceOf(SpecException.class).hasMessageContaining("an absolute path in the container such as /app/media, or none");
    }

    @Test
    void geoDjangoAndThePostgisAdapterAskForPostgisUrlsAndFraiseqlCannotUseThem() throws Exception {
        Map<String, String> project = with(PythonProjectTest.djangoProject(), "shop/settings/base.py",
                "INSTALLED_APPS = [\n    # \"django.contrib.gis\",\n    \"django.contrib.gis\",\n]\nSTATIC_ROOT = BASE_DIR / \"staticfiles\"\n");
        SpecLoader.LoadedSpec loaded = load(DJANGO, project);
        assertThat(loaded.spec().database().urlScheme()).isEqualTo("postgis");
        assertThat(provenance(loaded, "database.url_scheme")).isEqualTo("detected shop/settings/base.py:3");
        assertThat(Frameworks.of(dev.specql.deploy.model.Framework.DJANGO).systemPackages(loaded.spec())).containsExactly("binutils", "gdal-bin");
        assertThat(load(DJANGO, PythonProjectTest.djangoProject()).spec().database().urlScheme()).isEqualTo("postgresql");

        Map<String, String> rails = with(RailsProjectTest.rails8(), "Gemfile", RailsProjectTest.rails8().get("Gemfile")
                + "gem \"activerecord-postgis-adapter\"\n");
        rails.put("Gemfile.lock", rails.get("Gemfile.lock") + "    rails (8.0.3)\n      actionpack (= 8.0.3)\n");
        SpecLoader.LoadedSpec railsLoaded = load(RAILS, rails);
        assertThat(provenance(railsLoaded, "database.url_scheme")).isEqualTo("detected Gemfile:8");
        assertThat(railsLoaded.spec().project().first(Rails.VERSION_FACT).orElseThrow().source()).isEqualTo("Gemfile.lock:7");
        assertThat(railsLoaded.spec().project().values(Rails.VERSION_FACT)).containsExactly("8.0.3");

        assertThatThrownBy(() -> load(FRAISEQL + "database: {url_scheme: postgis}\n", Map.of())).isInstanceOf(SpecException.class)
                .hasMessageContaining("database.url_scheme: FraiseQL connects with postgresql:// URLs and has no PostGIS backend");
    }

    /** A SpecQL project: entities, a registry, the DDL tree, migrations where `specql generate` writes them, init scripts. */
    static Map<String, String> specqlProject() {
        Map<String, String> files = new HashMap<>(FraiseQl2Test.starter());
        files.remove("db/migrations/001_posts.up.sql");
        files.put("entities/contact.yaml", "entity: Contact\nschema: crm\nfields:\n  email: {type: email}\n");
        files.put("entities/notes.md", "entity: NotAnEntityFile\n");
        files.put("registry/domain_registry.yaml", "schemas:\n  crm:\n    multi_tenant: true\n  catalog:\n    multi_tenant: false\n");
        files.put("db/schema/10_tables/crm.sql", "CREATE TABLE crm.tb_contact ();\n");
        files.put("migrations/000_app_foundation.up.sql", "CREATE SCHEMA crm;\n");
        files.put("db/init/00_extensions.sql", "CREATE EXTENSION pgcrypto;\n");
        return files;
    }

    @Test
    void aSpecqlLayoutAnswersTheSpecqlKeysAndItsFacts() throws Exception {
        SpecLoader.LoadedSpec loaded = load(FRAISEQL, specqlProject());
        DeploymentSpec.Specql specql = loaded.spec().specql().orElseThrow();
        assertThat(specql.migrationsDir()).isEqualTo("migrations");
        assertThat(provenance(loaded, "specql.migrations_dir")).isEqualTo("detected migrations/000_app_foundation.up.sql:1");
        assertThat(provenance(loaded, "specql.entities")).isEqualTo("detected entities/contact.yaml:1");
        assertThat(provenance(loaded, "specql.schema_dir")).isEqualTo("detected db/schema/10_tables/crm.sql:1");
        assertThat(Migrations.command(loaded.spec()).orElseThrow()).containsSubsequence("--migrations-dir", "migrations");
        assertThat(loaded.spec().project().values(SpecqlProject.ENTITY_FACT)).containsExactly("crm.Contact");
        assertThat(loaded.spec().project().values(SpecqlProject.TENANT_FACT)).containsExactly("crm");
        assertThat(InitScripts.directory(loaded.spec())).contains("db/init");
        assertThat(Migrations.requirements(loaded.spec())).extracting(Object::toString)
                .anyMatch(line -> line.contains("db/init") && line.contains("production databases start empty"))
                .anyMatch(line -> line.contains("1 SpecQL entity") && line.contains("specql generate entities/*.yaml"));
    }

    @Test
    void aDjangoAppsOwnMigrationsFolderIsNotConfitures() throws Exception {
        Map<String, String> project = with(PythonProjectTest.djangoProject(), "migrations/0001_initial.py", "# not Confiture's\n");
        assertThat(load(DJANGO, project).spec().specql()).isEmpty();
    }

    @Test
    void confitureWouldSkipAMigrationWithoutUp() throws Exception {
        Map<String, String> project = with(specqlProject(), "migrations/001_crm.sql", "CREATE TABLE crm.tb_contact ();\n");
        project.put("migrations/README.sql", "-- notes\n");
        assertThatThrownBy(() -> load(FRAISEQL, project)).isInstanceOf(SpecException.class)
                .hasMessageContaining("migrations/001_crm.sql:1:1: specql.migrations_dir: Confiture applies only NNN_name.up.sql (and "
                        + ".down.sql, .py) migrations and skips 001_crm.sql without a word (rename it 001_crm.up.sql")
                .hasMessageContaining("migrations/README.sql:1:1: specql.migrations_dir: ")
                .hasMessageContaining("(name it NNN_name.up.sql, starting with its version number)");
    }

    @Test
    void entityFilesOrARegistryTheSpecNamesMustExist() throws Exception {
        String spec = FRAISEQL + "specql:\n  entities: [model/*.yaml]\n  registry: registry/domains.yaml\n";
        assertThatThrownBy(() -> load(spec, specqlProject())).isInstanceOf(SpecException.class)
                .hasMessageContaining("deployment.yaml:4:13: specql.entities: no file matches model/*.yaml")
                .hasMessageContaining("deployment.yaml:5:13: specql.registry: registry/domains.yaml does not exist");
        // Where the app's files are not there (an example spec), nothing is judged.
        assertThat(load(spec, Map.of()).spec().specql()).isPresent();
    }
}
