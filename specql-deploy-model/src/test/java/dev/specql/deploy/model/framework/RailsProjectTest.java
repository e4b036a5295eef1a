package dev.specql.deploy.model.framework;

import static dev.specql.deploy.model.framework.DetectionTest.files;
import static dev.specql.deploy.model.framework.DetectionTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.load.SpecLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a Rails app's Gemfile, configuration and database.yml say, and the preflight that judges them. */
class RailsProjectTest {

    static final String RAILS = "deployment: {name: shop, framework: rails}\nplatform: {domain: shop.example.com}\n";

    /** The database.yml `rails new --database=postgresql` writes in Rails 8, with variables for the connection parts. */
    static final String DATABASE_YML = """
            default: &default
              adapter: postgresql
              encoding: unicode
              pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
              host: <%= ENV["DB_HOST"] %>

            development:
              <<: *default
              database: shop_development
              username: <%= ENV["DEV_ONLY_USER"] %>

            production:
              primary: &primary_production
                <<: *default
                database: shop_production
                username: <%= ENV.fetch("DATABASE_USERNAME") %>
                password: <%= ENV["DATABASE_PASSWORD"] %>
                statement_limit: <%= ENV["STATEMENT_LIMIT"] %>
              cache:
                <<: *primary_production
                database: shop_production_cache
                migrations_paths: db/cache_migrate
              queue:
                <<: *primary_production
                database: <%= ENV.fetch("QUEUE_DB_NAME") { "shop_queue" } %>
                migrations_paths: db/queue_migrate
              cable:
                <<: *primary_production
                database: <%= ENV["CABLE_DB_NAME"] %>
                migrations_paths: db/cable_migrate
            """;

    static Map<String, String> rails8() {
        Map<String, String> files = new HashMap<>();
        files.put("Gemfile", "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 8.0.3\"\ngem \"pg\"\ngem \"puma\", \">= 5.0\"\n"
                + "gem \"solid_queue\"\ngem \"sidekiq\"\n");
        files.put("Gemfile.lock", "GEM\n  specs:\n    puma (6.6.1)\n      nio4r (~> 2.0)\n    sidekiq (8.0.7)\n    solid_queue (1.2.1)\n");
        files.put("config/environments/production.rb", "Rails.application.configure do\n  # config.active_job.queue_adapter = :sidekiq\n"
                + "  config.active_job.queue_adapter = :solid_queue\nend\n");
        files.put("config/database.yml", DATABASE_YML);
        files.put("config/credentials.yml.enc", "c2VjcmV0--bm9uY2U=--dGFn\n");
        files.put("config/puma.rb", "port ENV.fetch(\"PORT\", 3000)\n");
        files.put("config/routes.rb", "Rails.application.routes.draw do\n  get \"healthz\" => \"rails/health#show\", as: :rails_health_check\nend\n");
        return files;
    }

    @Test
    void databaseYmlYieldsItsProductionDatabasesAndTheVariablesOfEachPart() {
        RailsDatabases.Production production = RailsDatabases.parse(DATABASE_YML);
        assertThat(production.databases()).extracting(RailsDatabases.Database::name).containsExactly("primary", "cache", "queue", "cable");
        assertThat(production.databases()).extracting(d -> d.database().orElse("-"))
                .containsExactly("shop_production", "shop_production_cache", "shop_queue", "-");
        assertThat(production.databases().get(1).origin()).isEqualTo(new Location("config/database.yml", 19, 1));
        assertThat(production.reads()).extracting(r -> r.variable() + " " + r.key() + " " + r.config()).containsExactly(
                "RAILS_MAX_THREADS pool primary", "DB_HOST host primary", "DATABASE_USERNAME username primary",
                "DATABASE_PASSWORD password primary", "STATEMENT_LIMIT statement_limit primary", "QUEUE_DB_NAME database queue",
                "CABLE_DB_NAME database cable");
        assertThat(RailsDatabases.parse("production:\n  <<: *default\n  url: <%= ENV['MY_DB_URL'] %>\n").databases())
                .singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("primary"));
    }

    @Test
    void aRails8AppGetsItsJobSystemCredentialsAndEveryDatabaseVariable() throws Exception {
        SpecLoader.LoadedSpec loaded = load(RAILS, rails8());
        DeploymentSpec spec = loaded.spec();
        assertThat(spec.application().worker().system()).contains(JobSystem.SOLID_QUEUE);
        assertThat(loaded.config().setting("application.worker.system").orElseThrow().provenance())
                .isEqualTo("detected config/environments/production.rb:3");
        FrameworkRuntime rails = Frameworks.of(Framework.RAILS);
        Worker worker = rails.worker(spec).orElseThrow();
        assertThat(worker.command()).containsExactly("bin/jobs");
        assertThat(worker.needsBroker()).isFalse();
        assertThat(rails.secrets(spec)).extracting(SecretVar::name).containsExactly("SECRET_KEY_BASE", "RAILS_MASTER_KEY");
        assertThat(rails.migrations().orElseThrow().command()).containsExactly("bin/rails", "db:prepare");

        List<EnvVar> settings = rails.settings(spec, new Wiring(true, "https://shop.example.com", "shop.example.com", false));
        assertThat(settings).extracting(EnvVar::name).containsExactly("RAILS_ENV", "RAILS_MAX_THREADS", "RAILS_LOG_TO_STDOUT",
                "CACHE_DATABASE_URL", "QUEUE_DATABASE_URL", "CABLE_DATABASE_URL", "DB_HOST", "DATABASE_USERNAME", "DATABASE_PASSWORD",
                "QUEUE_DB_NAME", "CABLE_DB_NAME");
        Map<String, EnvVar.Value> byName = new HashMap<>();
        settings.forEach(v -> byName.put(v.name(), v.value()));
        assertThat(byName.get("CACHE_DATABASE_URL")).isEqualTo(new EnvVar.OtherDatabase("shop_production_cache"));
        assertThat(byName.get("QUEUE_DATABASE_URL")).isEqualTo(new EnvVar.OtherDatabase("shop_queue"));
        assertThat(byName.get("CABLE_DATABASE_URL")).isEqualTo(new EnvVar.OtherDatabase("shop_cable"));
        assertThat(byName.get("DB_HOST")).isEqualTo(new EnvVar.DatabaseHost());
        assertThat(byName.get("DATABASE_USERNAME")).isEqualTo(new EnvVar.DatabaseUser());
        assertThat(byName.get("DATABASE_PASSWORD")).isEqualTo(new EnvVar.DatabasePassword());
        assertThat(byName.get("CABLE_DB_NAME")).isEqualTo(new EnvVar.Literal("shop_cable"));
        assertThat(loaded.config().warnings()).extracting(Problem::toString).containsExactly("config/database.yml:18:1: environment: "
                + "config/database.yml reads STATEMENT_LIMIT for statement_limit, which the generated stack does not set (give it a "
                + "default in the file, or set it under environment: in the spec)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gem 'good_job'\\ngem 'solid_queue'                     |                                              | good_job",
            "gem \"sidekiq\", \"~> 8.0\"\\ngem \"solid_queue\"        |                                              | sidekiq",
            "gem 'solid_queue'                                       |                                              | solid_queue",
            "gem 'sidekiq'                                           | config.active_job.queue_adapter = :good_job | good_job"})
    void theAdapterProductionConfiguresDecidesThenTheJobGems(String gemfile, String application, String system) throws Exception {
        Map<String, String> project = new HashMap<>(Map.of("Gemfile", gemfile.replace("\\n", "\n"), "Gemfile.lock",
                "GEM\n  specs:\n    puma (6.6.1)\n    good_job (4.1)\n    sidekiq (8.0)\n    solid_queue (1.2)\n", "config/puma.rb", ""));
        if (application != null) {
            project.put("config/application.rb", "module Shop\n  class Application < Rails::Application\n    " + application + "\n  end\nend\n");
        }
        assertThat(load(RAILS, project).spec().application().worker().system().map(JobSystem::id)).contains(system);
    }

    @Test
    void anAdapterThatIsNoWorkerOrNoJobGemMeansNoWorker() throws Exception {
        Map<String, String> inline = new HashMap<>(Map.of("Gemfile", "gem 'puma'\n", "Gemfile.lock", "    puma (6.6.1)\n",
                "config/application.rb", "config.active_job.queue_adapter = :async\n", "config/puma.rb", ""));
        assertThat(load(RAILS, inline).spec().application().worker().enabled()).isFalse();
        inline.remove("config/application.rb");
        SpecLoader.LoadedSpec none = load(RAILS, inline);
        assertThat(none.spec().application().worker().enabled()).isFalse();
        assertThat(none.config().setting("application.worker.enabled").orElseThrow().provenance()).isEqualTo("detected Gemfile:1");
    }

    @Test
    void goodJobRunsWithItsProbeServer() throws Exception {
        DeploymentSpec spec = load(RAILS + "application: {worker: {system: good_job, concurrency: 4}}\n", Map.of()).spec();
        Worker worker = Frameworks.of(Framework.RAILS).worker(spec).orElseThrow();
        assertThat(worker.command()).containsExactly("bundle", "exec", "good_job", "start", "--max-threads", "4", "--probe-port", "7001");
        assertThat(worker.probe()).isInstanceOf(Worker.Probe.Command.class);
        assertThat(Frameworks.of(Framework.RAILS).requirements(spec)).extracting(Object::toString).anyMatch(l -> l.contains("good_job"));
    }

    @Test
    void theCredentialsKeyOfAPerEnvironmentFileIsItsOwn() throws Exception {
        Map<String, String> project = new HashMap<>(Map.of("Gemfile", "gem 'puma'\n", "Gemfile.lock", "    puma (6.6.1)\n",
                "config/credentials/production.yml.enc", "x", "config/puma.rb", ""));
        DeploymentSpec spec = load(RAILS, project).spec();
        assertThat(Frameworks.of(Framework.RAILS).secrets(spec)).filteredOn(s -> s.name().equals("RAILS_MASTER_KEY")).singleElement()
                .satisfies(s -> assertThat(s.howToCreate()).contains("config/credentials/production.key"));
    }

    @Test
    void keysThatWouldChangeNothingAreRefused() {
        assertThatThrownBy(() -> load(RAILS + "application: {worker: {enabled: false, system: good_job}}\n", Map.of()))
                .hasMessageContaining("application.worker.system: a job system with workers off runs nothing (set "
                        + "application.worker.enabled: true, or remove the system)");
        assertThatThrownBy(() -> load(RAILS + "application: {worker: {system: solid_queue, concurrency: 5}}\n", Map.of()))
                .hasMessageContaining("application.worker.concurrency: the worker's concurrency comes from the job system's own "
                        + "configuration (remove it, and set the concurrency there)");
    }

    @Test
    void aJobSystemOfAnotherFrameworkIsRefused() {
        assertThatThrownBy(() -> load(RAILS + "application: {worker: {system: celery}}\n", Map.of()))
                .hasMessageContaining("application.worker.system: Rails does not run Celery workers (use sidekiq or solid_queue or good_job)");
        assertThatThrownBy(() -> load("deployment: {name: api, framework: fraiseql}\nplatform: {domain: api.example.com}\n"
                + "application: {worker: {system: celery}}\n", Map.of()))
                .hasMessageContaining("application.worker.system: FraiseQL does not run Celery workers (remove it)");
    }

    @Test
    void preflightNeedsTheLockFileAndTheGemsTheStackRuns() {
        assertThatThrownBy(() -> load(RAILS, Map.of("Gemfile", "gem 'rails'\n")))
                .hasMessageContaining("Gemfile:1:1: application.package_manager: Gemfile.lock does not exist, and the image installs "
                        + "exactly the locked gems (run bundle install and commit Gemfile.lock)")
                .hasMessageContaining("application.server: the puma gem is not in the Gemfile (add gem \"puma\" to the Gemfile)");
        assertThatThrownBy(() -> load(RAILS + "application: {worker: {enabled: true, system: sidekiq}}\n",
                Map.of("Gemfile", "gem 'puma'\n", "Gemfile.lock", "    puma (6.6.1)\n", "config/puma.rb", "")))
                .hasMessageContaining("deployment.yaml:3:47: application.worker.system: the sidekiq gem is not in the Gemfile (add gem "
                        + "\"sidekiq\" to the Gemfile, or set application.worker.enabled: false)");
    }

    @Test
    void theImageBuildFollowsTheGems() throws Exception {
        FrameworkRuntime rails = Frameworks.of(Framework.RAILS);
        ImageSteps withoutGemfile = rails.imageSteps(load(RAILS, Map.of()).spec());
        assertThat(withoutGemfile.afterCode()).extracting(FrameworksTest::plain).containsExactly("SECRET_KEY_BASE_DUMMY=1 bin/rails assets:precompile");
        Map<String, String> api = new HashMap<>(Map.of("Gemfile", "gem 'puma'\ngem 'bootsnap', require: false\n",
                "Gemfile.lock", "    puma (6.6.1)\n    bootsnap (1.18)\n", "config/puma.rb", ""));
        ImageSteps apiOnly = rails.imageSteps(load(RAILS, api).spec());
        assertThat(apiOnly.afterDependencies()).extracting(FrameworksTest::plain).containsExactly("bundle exec bootsnap precompile --gemfile");
        assertThat(apiOnly.afterCode()).extracting(FrameworksTest::plain).containsExactly("bundle exec bootsnap precompile app/ lib/");
        api.put("Gemfile", "gem 'puma'\ngem 'propshaft'\ngem 'jsbundling-rails'\n");
        api.put("package-lock.json", "{}");
        ImageSteps bundling = rails.imageSteps(load(RAILS, api).spec());
        assertThat(bundling.buildPackages()).containsExactly("nodejs", "npm");
        // bootsnap is still in the lock file: a gem the lock resolves is in the bundle.
        assertThat(bundling.afterCode()).extracting(FrameworksTest::plain).containsExactly("npm ci",
                "bundle exec bootsnap precompile app/ lib/", "SECRET_KEY_BASE_DUMMY=1 bin/rails assets:precompile");
        api.remove("package-lock.json");
        api.put("yarn.lock", "");
        assertThatThrownBy(() -> load(RAILS, api)).hasMessageContaining("Gemfile:3:1: application.package_manager: jsbundling-rails "
                + "builds assets with Node, and the image installs JavaScript packages with npm ci from package-lock.json, which does "
                + "not exist (commit package-lock.json (npm install); yarn, pnpm and bun lock files are not installed by the generated image)");
    }

    @Test
    void forceSslWithoutAnExemptHealthCheckFailsBehindALoadBalancerOnly() throws Exception {
        Map<String, String> project = new HashMap<>(Map.of("Gemfile", "gem 'puma'\n", "Gemfile.lock", "    puma (6.6.1)\n",
                "config/puma.rb", "", "config/environments/production.rb", "Rails.application.configure do\n  # config.assume_ssl = true\n"
                        + "  config.force_ssl = true\nend\n"));
        String ecs = "deployment: {name: shop, framework: rails, pattern: small-saas}\nplatform: {domain: shop.example.com}\n";
        assertThatThrownBy(() -> load(ecs, project)).hasMessageContaining("config/environments/production.rb:3:1: application.health_path: "
                + "force_ssl redirects plain HTTP, and the load balancer checks /up over plain HTTP inside the VPC: every task would "
                + "fail its health check (add config.assume_ssl = true (the load balancer ends TLS), or exclude the path: "
                + "config.ssl_options = { redirect: { exclude: ->(request) { request.path == \"/up\" } } })");
        assertThat(load(RAILS, project).spec().pattern().runsOnEcs()).isFalse();
        project.put("config/environments/production.rb", "config.assume_ssl = true\nconfig.force_ssl = true\n");
        assertThat(load(ecs, project).spec().pattern().runsOnEcs()).isTrue();
        assertThat(Frameworks.of(Framework.RAILS).healthcheck("http://127.0.0.1:3000/up").get(3))
                .contains("request['X-Forwarded-Proto'] = 'https'");
    }

    @Test
    void theHealthRouteIsReadAndItsAbsenceIsWarnedAbout() throws Exception {
        SpecLoader.LoadedSpec loaded = load(RAILS, rails8());
        assertThat(loaded.spec().application().healthPath()).isEqualTo("/healthz");
        assertThat(loaded.config().setting("application.health_path").orElseThrow().provenance()).isEqualTo("detected config/routes.rb:2");
        Map<String, String> project = rails8();
        project.put("config/routes.rb", "Rails.application.routes.draw do\n  root \"home#index\"\nend\n");
        assertThat(load(RAILS, project).config().warnings()).extracting(Problem::toString).contains("config/routes.rb:1:1: "
                + "application.health_path: config/routes.rb names no /up route, and every health check asks it (add get \"up\" => "
                + "\"rails/health#show\" (Rails 7.1 and later), or set application.health_path to the app's health route)");
    }

    @Test
    void systemPackagesAreTheSpecsAndWhatTheGemsLoad() throws Exception {
        Map<String, String> project = new HashMap<>(Map.of("Gemfile", "gem 'puma'\ngem 'image_processing', '~> 1.2'\n",
                "Gemfile.lock", "    puma (6.6.1)\n    image_processing (1.14.0)\n", "config/puma.rb", ""));
        DeploymentSpec spec = load(RAILS + "application: {system_packages: [libmagic1]}\n", project).spec();
        assertThat(Frameworks.of(Framework.RAILS).systemPackages(spec)).containsExactly("libmagic1", "libvips42");
        assertThat(Frameworks.of(Framework.RAILS).systemPackages(load(RAILS, Map.of()).spec())).isEmpty();
    }

    @Test
    void aSpecWithoutAGemfileHasNothingToJudge() throws Exception {
        assertThat(load(RAILS, Map.of()).spec().project().facts()).isEmpty();
        assertThat(RailsProject.queueAdapter(files(Map.of()))).isEqualTo(Optional.empty());
    }
}
