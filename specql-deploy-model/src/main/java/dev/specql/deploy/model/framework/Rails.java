package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.KeyValues;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rails: puma, Sidekiq for background jobs, the layout of Rails' own Dockerfile (/rails). */
final class Rails implements FrameworkRuntime {

    private static final String SECRET_KEY_BASE = "SECRET_KEY_BASE";
    /** Puma's threads per process and, through config/database.yml, the connection pool of each process. */
    private static final String MAX_THREADS = "RAILS_MAX_THREADS";
    /**
     * Puma closes an idle connection after 20 s, the load balancer (ALB: 60 s) and Caddy keep theirs open longer: a
     * request they send on a connection Puma has just closed fails with a 502. This file keeps Puma's open longer.
     */
    private static final String PUMA_KEEP_ALIVE = "/usr/local/etc/puma-keep-alive.rb";
    /** Unlocks encrypted credentials; operators set it, the stack must not. */
    private static final String MASTER_KEY = "RAILS_MASTER_KEY";
    /** A database besides the primary that production connects to: "cache myapp_production_cache". */
    static final String DATABASE_FACT = "rails.database";
    /** A variable config/database.yml reads in production, with the connection part it sets: "DB_HOST host primary". */
    static final String DATABASE_ENV_FACT = "rails.database_env";
    private static final String ROUTES = "config/routes.rb";
    /** get "up" => "rails/health#show" (Rails 7.1 and later generate it), or with to:. */
    private static final Pattern HEALTH_ROUTE = Pattern.compile(
            "^\\s*get\\s*\\(?\\s*[\"']/?([\\w./-]+)[\"']\\s*(?:=>|,\\s*to:)\\s*[\"']rails/health#show[\"']");

    /** The Gemfile was read: the gems below are all the app has. */
    static final String GEMFILE_FACT = "rails.gemfile";
    /** The Rails release Gemfile.lock resolves. */
    static final String VERSION_FACT = "rails.version";
    private static final Pattern LOCKED_RAILS = Pattern.compile("^ {4}rails \\(([0-9][0-9A-Za-z.]*)\\)");
    /** A gem that changes how the image is built or run. */
    static final String GEM_FACT = "rails.gem";
    private static final List<String> NODE_GEMS = List.of("jsbundling-rails", "cssbundling-rails");
    private static final List<String> ASSET_GEMS = List.of("propshaft", "sprockets-rails", "sprockets");
    private static final List<String> NOTABLE_GEMS = List.of("propshaft", "sprockets-rails", "sprockets", "importmap-rails", "ruby-vips",
            "jsbundling-rails", "cssbundling-rails", "tailwindcss-rails", "bootsnap", "thruster", "sidekiq", "solid_queue", "good_job",
            "solid_cache", "solid_cable", "image_processing", "rspec-rails", "rubocop", "brakeman", "yabeda-rails", "yabeda-prometheus");
    private static final String PRODUCTION_RB = "config/environments/production.rb";
    /** The PostGIS adapter, which reads postgis:// database URLs. */
    private static final String POSTGIS_ADAPTER = "activerecord-postgis-adapter";
    /** config.active_storage.service = :local, the storage.yml service production keeps uploads with. */
    private static final Pattern ACTIVE_STORAGE = Pattern.compile("^\\s*config\\.active_storage\\.service\\s*=\\s*:(\\w+)");
    /** Active Storage's disk service writes under the app's storage/ folder. */
    private static final String STORAGE = "/rails/storage";

    /** config.force_ssl = true, config.assume_ssl = true, and an ssl_options redirect exclusion, outside comments. */
    private static final Pattern FORCE_SSL = Pattern.compile("^\\s*config\\.force_ssl\\s*=\\s*(true)");
    private static final Pattern ASSUME_SSL = Pattern.compile("^\\s*config\\.assume_ssl\\s*=\\s*(true)");
    private static final Pattern SSL_EXCLUDE = Pattern.compile("^\\s*config\\.ssl_options\\s*=.*(exclude)");
    /** The encrypted credentials file production reads, when the app has one. */
    static final String CREDENTIALS_FACT = "rails.credentials";
    /** Where Rails looks for production credentials: the per-environment file first. */
    private static final List<String> CREDENTIALS_FILES = List.of("config/credentials/production.yml.enc", "config/credentials.yml.enc");
    private static final String WORKER_ENABLED = "application.worker.enabled";
    private static final String WORKER_SYSTEM = "application.worker.system";
    /** When several job gems are there and no adapter is configured, the one most likely to be the app's choice. */
    private static final List<JobSystem> JOB_PREFERENCE = List.of(JobSystem.SIDEKIQ, JobSystem.GOOD_JOB, JobSystem.SOLID_QUEUE);
    private static final int GOOD_JOB_PROBE_PORT = 7001;
    /** Ruby's start and the probe's 3-second connect and read timeouts, with room for a loaded host. */
    private static final int GOOD_JOB_PROBE_SECONDS = 15;

    private static final String V = RuntimeVersions.VERSION_GROUP;
    /** rbenv, chruby, rvm: "3.4.6" or "ruby-3.4.6". */
    private static final Pattern RUBY_VERSION_FILE = Pattern.compile("^\\s*(?:ruby-)?" + V + "(?![\\d.])");
    /** asdf and mise: "ruby 3.4.6". */
    private static final Pattern TOOL_VERSIONS = Pattern.compile("^\\s*ruby\\s+" + V);
    /** The Gemfile's ruby line with its requirement strings: ruby "3.4.6", ruby "~> 3.4", ">= 3.3". */
    private static final Pattern GEMFILE_RUBY = Pattern.compile("^\\s*ruby\\s*\\(?\\s*((?:[\"'][^\"']+[\"']\\s*,?\\s*)+)");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final Pattern EXACT = Pattern.compile("^=?\\s*" + V + "$");
    private static final Pattern PESSIMISTIC = Pattern.compile("^~>\\s*(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    /** Gemfile.lock's line under "RUBY VERSION": "   ruby 3.4.6p54". */
    private static final Pattern LOCKED_RUBY = Pattern.compile("^\\s+ruby\\s+" + V);

    private static final Map<String, Object> DEFAULTS = KeyValues.table(
            "application.port", 3000,
            "application.health_path", "/up",
            "application.workers", 2,
            "application.runtime_version", "3.4",
            "application.package_manager", "bundler",
            "application.server", "puma",
            "application.worker.enabled", true,
            "application.worker.system", "sidekiq",
            // Rails' own default for RAILS_MAX_THREADS since 7.2: three Puma threads, a pool of three connections.
            "database.pool_size", 3,
            "database.migration_tool", "rails");

    @Override
    public Framework framework() {
        return Framework.RAILS;
    }

    @Override
    public String displayName() {
        return "Rails";
    }

    @Override
    public String summary() {
        return "a Rails app";
    }

    @Override
    public Map<String, Object> defaults() {
        return DEFAULTS;
    }

    @Override
    public String language() {
        return "Ruby";
    }

    @Override
    public Set<String> runtimeVersions() {
        return Pins.rubyVersions();
    }

    @Override
    public List<PackageManager> packageManagers() {
        return List.of(PackageManager.BUNDLER);
    }

    @Override
    public CiChecks ciChecks(DeploymentSpec spec) {
        List<CiChecks.CiCommand> lint = new ArrayList<>();
        gem(spec, "rubocop").ifPresent(at -> lint.add(new CiChecks.CiCommand(List.of("bundle", "exec", "rubocop"), "rubocop in " + at)));
        gem(spec, "brakeman").ifPresent(at -> lint.add(new CiChecks.CiCommand(List.of("bundle", "exec", "brakeman", "--no-pager"),
                "brakeman in " + at)));
        List<CiChecks.CiCommand> test = new ArrayList<>(List.of(new CiChecks.CiCommand(List.of("bin/rails", "db:prepare"),
                "creates the test database")));
        test.add(gem(spec, "rspec-rails").map(at -> new CiChecks.CiCommand(List.of("bundle", "exec", "rspec"), "rspec-rails in " + at))
                .orElse(new CiChecks.CiCommand(List.of("bin/rails", "test"), "Rails' own test runner (no rspec-rails found)")));
        return new CiChecks(List.of(new CiChecks.CiCommand(List.of("bundle", "install"), "Gemfile.lock")), lint, test,
                Map.of("RAILS_ENV", "test"));
    }

    private static Optional<String> gem(DeploymentSpec spec, String name) {
        return spec.project().facts().stream().filter(f -> f.name().equals(GEM_FACT) && f.value().equals(name))
                .map(ProjectFacts.Fact::source).findFirst();
    }

    @Override
    public Optional<OwnMigrations> migrations() {
        // db:prepare creates what is missing (the cache, queue and cable databases of Rails 8) and migrates the rest.
        return Optional.of(new OwnMigrations(MigrationTool.RAILS, List.of("bin/rails", "db:prepare")));
    }

    @Override
    public Optional<Complaint> checkModule(String module, boolean userSet) {
        return userSet ? Optional.of(new Complaint("rails apps have no module to name", "remove application.module")) : Optional.empty();
    }

    @Override
    public boolean moduleFromName() {
        return false;
    }

    @Override
    public Optional<String> settingsModuleOf(String module) {
        return Optional.empty();
    }

    @Override
    public List<AppServer> servers() {
        return List.of(AppServer.PUMA);
    }

    @Override
    public List<String> dependencyFiles(DeploymentSpec spec) {
        return List.of("Gemfile", "Gemfile.lock");
    }

    /**
     * Facts: the encrypted credentials file. Errors: a Gemfile without its lock file (the image installs exactly the
     * locked gems), or without the gems the server and the job system need.
     */
    @Override
    public Survey survey(ProjectFiles files, DeploymentSpec spec, SpecPlaces places) {
        if (files.read("Gemfile").isEmpty()) {
            return Survey.none();
        }
        List<ProjectFacts.Fact> facts = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        RailsDatabases.read(files).ifPresent(production -> databaseFacts(spec, production, facts, warnings));
        CREDENTIALS_FILES.stream().filter(file -> files.read(file).isPresent()).findFirst()
                .ifPresent(file -> facts.add(new ProjectFacts.Fact(CREDENTIALS_FACT, file, Location.startOf(file))));
        facts.add(new ProjectFacts.Fact(GEMFILE_FACT, "Gemfile", Location.startOf("Gemfile")));
        Found.first(files, "Gemfile.lock", LOCKED_RAILS).ifPresent(rails -> facts.add(new ProjectFacts.Fact(VERSION_FACT, rails.value(),
                rails.origin())));
        Map<String, Location> gems = RailsProject.gems(files);
        NOTABLE_GEMS.stream().filter(gems::containsKey).forEach(gem -> facts.add(new ProjectFacts.Fact(GEM_FACT, gem, gems.get(gem))));
        List<Problem> errors = new ArrayList<>();
        preflight(files, spec, gems, errors, warnings);
        Migrations.preflight(files, spec, places, errors);
        if (files.read("Gemfile.lock").isEmpty()) {
            errors.add(Problem.of(Location.startOf("Gemfile"), "application.package_manager", "Gemfile.lock does not exist, and the "
                    + "image installs exactly the locked gems", "run bundle install and commit Gemfile.lock"));
        }
        List<String> needed = new ArrayList<>(List.of(spec.application().server().dependency()));
        spec.application().worker().system().filter(system -> spec.application().worker().enabled())
                .ifPresent(system -> needed.add(system.dependency()));
        for (String gem : needed) {
            if (!gems.containsKey(gem)) {
                String key = gem.equals(spec.application().server().dependency()) ? "application.server" : WORKER_SYSTEM;
                errors.add(Problem.of(places.of(key), key, "the " + gem + " gem is not in the Gemfile", "add gem \"" + gem
                        + "\" to the Gemfile" + (key.equals(WORKER_SYSTEM) ? ", or set application.worker.enabled: false" : "")));
            }
        }
        return new Survey(new ProjectFacts(facts), errors, warnings);
    }

    /**
     * What the generated image and health checks need from the app: config/puma.rb (the server command reads it),
     * an npm lock file for JavaScript bundling, and on a load balancer a health check that force_ssl does not redirect.
     */
    private static void preflight(ProjectFiles files, DeploymentSpec spec, Map<String, Location> gems, List<Problem> errors,
                                  List<Problem> warnings) {
        String health = spec.application().healthPath();
        files.read(ROUTES).filter(routes -> !routes.contains("rails/health#show") && !routes.contains("\"" + health.substring(1) + "\"")
                && !routes.contains("'" + health.substring(1) + "'") && !routes.contains("\"" + health + "\""))
                .ifPresent(routes -> warnings.add(Problem.of(Location.startOf(ROUTES), "application.health_path", ROUTES + " names no "
                        + health + " route, and every health check asks it", "add get \"up\" => \"rails/health#show\" (Rails 7.1 "
                        + "and later), or set application.health_path to the app's health route")));
        // The app's own command says how it starts; the generated one reads config/puma.rb.
        if (files.read("config/puma.rb").isEmpty() && spec.application().command().isEmpty()) {
            errors.add(Problem.of(Location.startOf("Gemfile"), "application.server", "config/puma.rb does not exist, and the server "
                    + "command reads it", "commit the config/puma.rb that rails new generates"));
        }
        NODE_GEMS.stream().filter(gems::containsKey).findFirst().filter(gem -> files.read("package-lock.json").isEmpty())
                .ifPresent(gem -> errors.add(Problem.of(gems.get(gem), "application.package_manager", gem + " builds assets with "
                        + "Node, and the image installs JavaScript packages with npm ci from package-lock.json, which does not exist",
                        "commit package-lock.json (npm install); yarn, pnpm and bun lock files are not installed by the generated image")));
        Optional<Found> forceSsl = Found.first(files, PRODUCTION_RB, FORCE_SSL);
        boolean exempt = Found.first(files, PRODUCTION_RB, ASSUME_SSL).isPresent()
                || Found.first(files, PRODUCTION_RB, SSL_EXCLUDE).isPresent();
        if (spec.pattern().runsOnEcs() && forceSsl.isPresent() && !exempt) {
            errors.add(Problem.of(forceSsl.get().origin(), "application.health_path", "force_ssl redirects plain HTTP, and the load "
                    + "balancer checks " + spec.application().healthPath() + " over plain HTTP inside the VPC: every task would fail "
                    + "its health check", "add config.assume_ssl = true (the load balancer ends TLS), or exclude the path: "
                    + "config.ssl_options = { redirect: { exclude: ->(request) { request.path == \"" + spec.application().healthPath()
                    + "\" } } }"));
        }
    }

    /**
     * The databases besides the primary, each with its name (as the file gives it, else the spec's database name and
     * the configuration's), and the variables the file reads for a connection part; a variable the stack does not
     * set and cannot know is a warning.
     */
    private void databaseFacts(DeploymentSpec spec, RailsDatabases.Production production, List<ProjectFacts.Fact> facts,
                               List<Problem> warnings) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (RailsDatabases.Database database : production.databases()) {
            String name = database.database().orElse(database.name().equals("primary") ? spec.database().name()
                    : spec.database().name() + "_" + database.name());
            names.put(database.name(), name);
            if (!database.name().equals("primary")) {
                facts.add(new ProjectFacts.Fact(DATABASE_FACT, database.name() + " " + name, database.origin()));
            }
        }
        Set<String> stackSets = Set.of(StackVariables.DATABASE_URL, MAX_THREADS, "RAILS_ENV", StackVariables.WEB_CONCURRENCY);
        Set<String> seen = new java.util.HashSet<>();
        for (RailsDatabases.EnvRead read : production.reads()) {
            if (stackSets.contains(read.variable()) || read.variable().endsWith("_DATABASE_URL") && names.containsKey(
                    read.variable().substring(0, read.variable().length() - "_DATABASE_URL".length()).toLowerCase(java.util.Locale.ROOT))
                    || !seen.add(read.variable())) {
                continue;
            }
            if (read.role().isPresent()) {
                facts.add(new ProjectFacts.Fact(DATABASE_ENV_FACT, read.variable() + " " + read.role().get().id() + " "
                        + (names.containsKey(read.config()) ? read.config() : "primary"), read.origin()));
            } else {
                warnings.add(Problem.of(read.origin(), "environment", RailsDatabases.FILE + " reads " + read.variable() + " for "
                        + read.key() + ", which the generated stack does not set", "give it a default in the file, or set it under "
                        + "environment: in the spec"));
            }
        }
    }

    /** The variables config/database.yml reads, set to the stack's database: the other databases' URLs, the parts. */
    private static List<EnvVar> databaseSettings(DeploymentSpec spec) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("primary", spec.database().name());
        List<EnvVar> vars = new ArrayList<>();
        for (String fact : spec.project().values(DATABASE_FACT)) {
            String[] parts = fact.split(" ");
            names.put(parts[0], parts[1]);
            vars.add(new EnvVar(parts[0].toUpperCase(java.util.Locale.ROOT) + "_DATABASE_URL", new EnvVar.OtherDatabase(parts[1])));
        }
        for (String fact : spec.project().values(DATABASE_ENV_FACT)) {
            String[] parts = fact.split(" ");
            vars.add(new EnvVar(parts[0], DatabasePart.ofId(parts[1]).value(spec, names.get(parts[2]), parts[2].equals("primary"))));
        }
        return vars;
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
    public List<JobSystem> jobSystems() {
        return List.of(JobSystem.SIDEKIQ, JobSystem.SOLID_QUEUE, JobSystem.GOOD_JOB);
    }

    /**
     * The Ruby version: the Gemfile's exact ruby requirement first (Bundler refuses any other), then the version
     * files of rbenv, asdf and the lock file; a Gemfile requirement that is a range decides only when nothing pins.
     */
    @Override
    public Detection detect(ProjectFiles files) {
        List<RuntimeVersions.Reading> pins = new ArrayList<>();
        Optional<RuntimeVersions.Range> range = Optional.empty();
        Optional<RuntimeVersions.Reading> gemfile = RuntimeVersions.first(files, "Gemfile", GEMFILE_RUBY);
        if (gemfile.isPresent()) {
            List<String> requirements = QUOTED.matcher(gemfile.get().version()).results().map(m -> m.group(1).strip()).toList();
            Matcher exact = EXACT.matcher(requirements.get(0));
            if (requirements.size() == 1 && exact.matches()) {
                pins.add(new RuntimeVersions.Reading("Gemfile", gemfile.get().line(), exact.group(1)));
            } else {
                range = Optional.of(new RuntimeVersions.Range("Gemfile", gemfile.get().line(), String.join(", ", requirements),
                        requirements.stream().flatMap(r -> rubyGemsClauses(r).stream()).toList()));
            }
        }
        pins.addAll(RuntimeVersions.pins(files, List.of(Map.entry(".ruby-version", RUBY_VERSION_FILE),
                Map.entry(".tool-versions", TOOL_VERSIONS))));
        files.read("Gemfile.lock").flatMap(Rails::lockedRuby).ifPresent(pins::add);
        List<Detected> values = new ArrayList<>(detectJobs(files));
        values.addAll(Procfile.read(files).commands(web -> true, values));
        uploads(files).ifPresent(values::add);
        Optional.ofNullable(RailsProject.declared(files).get(POSTGIS_ADAPTER))
                .ifPresent(at -> values.add(new Detected("database.url_scheme", DeploymentSpec.Database.POSTGIS, at)));
        Found.first(files, ROUTES, HEALTH_ROUTE)
                .ifPresent(route -> values.add(new Detected("application.health_path", "/" + route.value(), route.origin())));
        return RuntimeVersions.detect(language(), pins, range, runtimeVersions()).with(values);
    }

    /**
     * Where production keeps Active Storage's uploads: on the disk (the storage/ volume) when its service is Disk in
     * config/storage.yml, or "local", which Rails generates as Disk; elsewhere (S3, GCS) or without Active Storage, none.
     */
    private static Optional<Detected> uploads(ProjectFiles files) {
        if (files.read(PRODUCTION_RB).isEmpty()) {
            return Optional.empty();
        }
        Optional<Found> service = Found.first(files, PRODUCTION_RB, ACTIVE_STORAGE);
        if (service.isEmpty()) {
            return Optional.of(new Detected(Uploads.KEY, "none", Location.startOf(PRODUCTION_RB)));
        }
        String name = service.get().value();
        boolean disk = files.read("config/storage.yml").map(yml -> onDisk(yml, name)).orElse(name.equals("local"));
        return Optional.of(new Detected(Uploads.KEY, disk ? STORAGE : "none", service.get().origin()));
    }

    /** Whether storage.yml's entry {@code name} has "service: Disk". */
    private static boolean onDisk(String yml, String name) {
        boolean inEntry = false;
        for (String line : yml.lines().toList()) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                inEntry = line.strip().equals(name + ":");
            } else if (inEntry && line.strip().matches("service:\\s*Disk\\s*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The job system: the queue adapter production configures, else the job gem the Gemfile names (Sidekiq before
     * GoodJob before Solid Queue, which Rails 8 adds to every new app); no worker when there is neither.
     */
    private List<Detected> detectJobs(ProjectFiles files) {
        if (files.read("Gemfile").isEmpty()) {
            return List.of();
        }
        Optional<Found> adapter = RailsProject.queueAdapter(files);
        if (adapter.isPresent()) {
            Location at = adapter.get().origin();
            return jobSystems().stream().filter(system -> system.id().equals(adapter.get().value())).findFirst()
                    .map(system -> List.of(new Detected(WORKER_ENABLED, true, at), new Detected(WORKER_SYSTEM, system.id(), at)))
                    .orElse(List.of(new Detected(WORKER_ENABLED, false, at)));
        }
        Map<String, Location> gems = RailsProject.declared(files);
        return JOB_PREFERENCE.stream().filter(system -> gems.containsKey(system.dependency())).findFirst()
                .map(system -> List.of(new Detected(WORKER_ENABLED, true, gems.get(system.dependency())),
                        new Detected(WORKER_SYSTEM, system.id(), gems.get(system.dependency()))))
                .orElse(List.of(new Detected(WORKER_ENABLED, false, Location.startOf("Gemfile"))));
    }

    /** RubyGems requirements as comparison clauses: "~> 3.4" is ">= 3.4, < 4.0"; "~> 3.4.1" is ">= 3.4.1, < 3.5". */
    private static List<String> rubyGemsClauses(String requirement) {
        Matcher pessimistic = PESSIMISTIC.matcher(requirement);
        if (pessimistic.find()) {
            int major = Integer.parseInt(pessimistic.group(1));
            int minor = Integer.parseInt(pessimistic.group(2));
            return pessimistic.group(3) == null
                    ? List.of(">=" + major + "." + minor, "<" + (major + 1) + ".0")
                    : List.of(">=" + major + "." + minor + "." + pessimistic.group(3), "<" + major + "." + (minor + 1));
        }
        return List.of(requirement.replaceFirst("^=\\s*", "==").replace(" ", ""));
    }

    /** Gemfile.lock's "RUBY VERSION" section: "   ruby 3.4.6p54". */
    private static Optional<RuntimeVersions.Reading> lockedRuby(String lock) {
        List<String> lines = lock.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher m = LOCKED_RUBY.matcher(lines.get(i + 1));
            if (lines.get(i).strip().equals("RUBY VERSION") && m.find()) {
                return Optional.of(new RuntimeVersions.Reading("Gemfile.lock", i + 2, m.group(1)));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> scheduler() {
        return Optional.empty();
    }

    @Override
    public boolean buildsRustExtensions() {
        return false;
    }

    @Override
    public Set<String> reservedVariables() {
        return Set.of(SECRET_KEY_BASE, MASTER_KEY);
    }

    @Override
    public String imageRecipe() {
        return "rails";
    }

    @Override
    public String baseImage(String runtimeVersion) {
        return Pins.rubyImage(runtimeVersion);
    }

    /** image_processing (Active Storage variants) loads libvips; the package name is the same on bookworm and trixie. */
    @Override
    public List<String> systemPackages(DeploymentSpec spec) {
        List<String> packages = new ArrayList<>(spec.application().systemPackages());
        List<String> gems = spec.project().values(GEM_FACT);
        if ((gems.contains("image_processing") || gems.contains("ruby-vips")) && !packages.contains("libvips42")) {
            packages.add("libvips42");
        }
        return packages;
    }

    @Override
    public String appDirectory() {
        return "/rails";
    }

    /** activerecord-postgis-adapter registers the postgis:// scheme. */
    @Override
    public boolean readsPostgisUrls() {
        return true;
    }

    /** The app's config/puma.rb, then the keep-alive the image adds (a later config file wins). */
    @Override
    public List<String> serverCommand(DeploymentSpec spec) {
        return List.of("bundle", "exec", "puma", "--config", "config/puma.rb", "--config", PUMA_KEEP_ALIVE, "--port",
                String.valueOf(spec.application().port()));
    }

    @Override
    public List<String> devCommand(DeploymentSpec spec) {
        return List.of("bin/rails", "server", "--binding", "0.0.0.0", "--port", String.valueOf(spec.application().port()));
    }

    /** Says it came over HTTPS, as Caddy does for real requests: force_ssl would redirect the probe otherwise. */
    @Override
    public List<String> healthcheck(String url) {
        return List.of("ruby", "-rnet/http", "-e", "uri = URI('" + url + "'); request = Net::HTTP::Get.new(uri); "
                + "request['X-Forwarded-Proto'] = 'https'; response = Net::HTTP.start(uri.host, uri.port, open_timeout: 3, "
                + "read_timeout: 3) { |http| http.request(request) }; exit(response.is_a?(Net::HTTPSuccess) ? 0 : 1)");
    }

    @Override
    public List<String> reaches(String host, int port) {
        return List.of("ruby", "-rsocket", "-e", "Socket.tcp('" + host + "', " + port + ", connect_timeout: 3).close");
    }

    /**
     * Gems precompiled by bootsnap when the app uses it (as Rails' own Dockerfile does: faster boots), JavaScript
     * installed with npm when a bundling gem needs Node, and assets compiled without the real secret (Rails reads
     * SECRET_KEY_BASE_DUMMY for exactly this) unless the app has no asset pipeline (an API-only app). Without a
     * Gemfile to read, a full-stack app is assumed.
     */
    @Override
    public ImageSteps imageSteps(DeploymentSpec spec) {
        List<String> gems = spec.project().values(GEM_FACT);
        boolean read = spec.project().has(GEMFILE_FACT);
        boolean node = gems.stream().anyMatch(NODE_GEMS::contains);
        boolean bootsnap = gems.contains("bootsnap");
        boolean assets = !read || gems.stream().anyMatch(ASSET_GEMS::contains);
        List<Snippet> afterCode = new ArrayList<>();
        if (node) {
            afterCode.add(Snippet.words("npm ci"));
        }
        if (bootsnap) {
            afterCode.add(Snippet.words("bundle exec bootsnap precompile app/ lib/"));
        }
        if (assets) {
            afterCode.add(Snippet.words("SECRET_KEY_BASE_DUMMY=1 bin/rails assets:precompile"));
        }
        return new ImageSteps(node ? List.of("nodejs", "npm") : List.of(),
                bootsnap ? List.of(Snippet.words("bundle exec bootsnap precompile --gemfile")) : List.of(), afterCode,
                List.of(Snippet.words("echo ").thenCode("persistent_timeout " + KEEP_ALIVE_SECONDS)
                        .then(" > " + PUMA_KEEP_ALIVE)));
    }

    @Override
    public List<String> writablePaths() {
        return List.of("/tmp", "/rails/tmp");
    }

    /** Active Storage's local files. */
    @Override
    public Optional<String> storageDirectory(DeploymentSpec spec) {
        return Optional.of(STORAGE);
    }

    @Override
    public List<String> dockerignorePatterns() {
        // Uploads and compiled assets of a local run; the image makes its own.
        return List.of("storage/*", "public/assets", "*.sqlite3");
    }

    @Override
    public Optional<Worker> worker(DeploymentSpec spec) {
        if (!spec.application().worker().enabled()) {
            return Optional.empty();
        }
        String concurrency = String.valueOf(spec.application().worker().concurrency());
        JobSystem system = spec.application().worker().system().orElseThrow();
        return Optional.of(switch (system) {
            case SOLID_QUEUE -> new Worker(system, List.of("bin/jobs"),
                    new Worker.Probe.None("Solid Queue serves no health endpoint; its supervisor replaces a process that dies"),
                    Optional.empty());
            // GoodJob's probe server answers /status/connected once the worker reaches the database.
            case GOOD_JOB -> new Worker(system, List.of("bundle", "exec", "good_job", "start", "--max-threads", concurrency,
                    "--probe-port", String.valueOf(GOOD_JOB_PROBE_PORT)),
                    new Worker.Probe.Command(healthcheck("http://127.0.0.1:" + GOOD_JOB_PROBE_PORT + "/status/connected"), GOOD_JOB_PROBE_SECONDS),
                    Optional.empty(), Map.of(MAX_THREADS, concurrency));
            // Sidekiq's threads each hold a database connection, from the pool database.yml sizes by RAILS_MAX_THREADS.
            default -> new Worker(system, List.of("bundle", "exec", "sidekiq", "--concurrency", concurrency),
                    new Worker.Probe.None("Sidekiq has no health probe without extra gems"), Optional.empty(),
                    Map.of(MAX_THREADS, concurrency));
        });
    }

    @Override
    public List<EnvVar> settings(DeploymentSpec spec, Wiring wiring) {
        List<EnvVar> vars = new ArrayList<>(List.of(
                EnvVar.literal("RAILS_ENV", wiring.production() ? "production" : "development"),
                EnvVar.literal(MAX_THREADS, String.valueOf(spec.database().poolSize())),
                EnvVar.literal("RAILS_LOG_TO_STDOUT", "1")));
        vars.addAll(databaseSettings(spec));
        return vars;
    }

    /** Sidekiq reads REDIS_URL, which the stack sets. */
    @Override
    public List<EnvVar> brokerSettings(DeploymentSpec spec, Wiring wiring) {
        return List.of();
    }

    @Override
    public List<SecretVar> secrets(DeploymentSpec spec) {
        List<SecretVar> secrets = new ArrayList<>(List.of(
                new SecretVar(SECRET_KEY_BASE, "Rails' secret_key_base (sessions, signed cookies)", "bin/rails secret")));
        spec.project().first(CREDENTIALS_FACT).ifPresent(credentials -> secrets.add(new SecretVar(MASTER_KEY,
                "the key of " + credentials.value() + " (the app's encrypted credentials)",
                "cat " + (credentials.value().endsWith("production.yml.enc") ? "config/credentials/production.key" : "config/master.key"))));
        return secrets;
    }

    @Override
    public AppMetrics metrics(DeploymentSpec spec) {
        List<String> gems = spec.project().values(GEM_FACT);
        return new AppMetrics("yabeda-rails and yabeda-prometheus", gems.contains("yabeda-rails") && gems.contains("yabeda-prometheus"),
                Snippet.words("Add the gems ").thenCode("yabeda-rails").then(" and ").thenCode("yabeda-prometheus").then(", and mount ")
                        .thenCode("Yabeda::Prometheus::Exporter").then(" at ").thenCode(spec.application().metricsPath())
                        .then(" in ").thenCode("config/routes.rb").then(" (or use it as Rack middleware) so that Puma's port serves it."),
                "rails_requests_total", "rails_requests_total{status=~\"5..\"}",
                "rails_requests_total{controller=\"home\",action=\"index\",status=\"200\",format=\"html\",method=\"get\"}",
                "rails_requests_total{controller=\"home\",action=\"index\",status=\"500\",format=\"html\",method=\"get\"}",
                Optional.of("rails_request_duration_seconds_bucket"), Optional.empty(), List.of(
                        AppMetrics.graph("Responses by status", "Responses a second, by HTTP status.", "reqps",
                                new AppMetrics.Line("{{status}}", "sum by (status) (" + AppMetrics.rate("rails_requests_total") + ")")),
                        AppMetrics.graph("Busiest actions", "The ten controller actions answering the most requests a second.", "reqps",
                                new AppMetrics.Line("{{controller}}#{{action}}",
                                        "topk(10, sum by (controller, action) (" + AppMetrics.rate("rails_requests_total") + "))")),
                        AppMetrics.graph("Time in views and the database (p95)",
                                "The 95th percentile of the time a request spends rendering views and in Active Record.", "s",
                                new AppMetrics.Line("views", "histogram_quantile(0.95, sum by (le) ("
                                        + AppMetrics.rate("rails_view_runtime_seconds_bucket") + "))"),
                                new AppMetrics.Line("database", "histogram_quantile(0.95, sum by (le) ("
                                        + AppMetrics.rate("rails_db_runtime_seconds_bucket") + "))"))));
    }

    @Override
    public List<Snippet> requirements(DeploymentSpec spec) {
        List<Snippet> lines = new ArrayList<>();
        lines.add(Snippet.words("A committed ").thenCode("Gemfile.lock").then(" and ").thenCode("config/puma.rb")
                .then(" (Rails generates both)."));
        if (spec.database().postgis()) {
            lines.add(Snippet.words("The ").thenCode("activerecord-postgis-adapter").then(" gem, whose ").thenCode("postgis://")
                    .then(" URLs every database here gets, and a migration that runs ").thenCode("enable_extension \"postgis\"")
                    .then(" (RDS ships it); RGeo uses GEOS when ").thenCode("application.system_packages").then(" installs it."));
        }
        lines.add(Snippet.code(spec.application().healthPath()).then(" is Rails' built-in health check (7.1 and later); "
                + "it is exempt from ").thenCode("force_ssl").then(" redirects. If you set ").thenCode("config.hosts")
                .then(", exempt it too."));
        lines.add(Snippet.code("config/database.yml").then(" reading ").thenCode(StackVariables.DATABASE_URL)
                .then(" in production (the default)."));
        spec.application().worker().system().filter(system -> spec.application().worker().enabled()).ifPresent(system -> lines.add(
                switch (system) {
                    case SOLID_QUEUE -> Snippet.words("The ").thenCode("solid_queue").then(" gem and ").thenCode("bin/jobs")
                            .then(" (").thenCode("bin/rails solid_queue:install").then("); its threads and processes come from ")
                            .thenCode("config/queue.yml").then(".");
                    case GOOD_JOB -> Snippet.words("The ").thenCode("good_job").then(" gem; the worker's probe server listens on "
                            + GOOD_JOB_PROBE_PORT + ".");
                    default -> Snippet.words("The ").thenCode("sidekiq").then(" gem; it reads ").thenCode(StackVariables.REDIS_URL).then(".");
                }));
        return lines;
    }

    @Override
    public Snippet secretRotation() {
        return Snippet.words("Changing ").thenCode(SECRET_KEY_BASE).then(" signs everyone out and invalidates signed and encrypted "
                + "cookies; plan it.");
    }
}
