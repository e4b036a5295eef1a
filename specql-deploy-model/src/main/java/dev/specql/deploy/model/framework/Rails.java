package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.KeyValues;
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
    /** Unlocks encrypted credentials; operators set it, the stack must not. */
    private static final String MASTER_KEY = "RAILS_MASTER_KEY";

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
            "application.worker.enabled", true,
            "database.pool_size", 5,
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
    public Optional<OwnMigrations> migrations() {
        return Optional.of(new OwnMigrations(MigrationTool.RAILS, List.of("bin/rails", "db:migrate")));
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
    public Set<CpuArchitecture> architectures() {
        return Set.of(CpuArchitecture.ARM64, CpuArchitecture.X86_64);
    }

    @Override
    public Optional<String> architectureLimit() {
        return Optional.empty();
    }

    @Override
    public Optional<String> jobSystem() {
        return Optional.of("sidekiq");
    }

    /**
     * The Ruby version: the Gemfile's exact ruby requirement first (Bundler refuses any other), then the version
     * files of rbenv, asdf and the lock file; a Gemfile requirement that is a range decides only when nothing pins.
     */
    @Override
    public Detection detect(ProjectFiles files) {
        List<RuntimeVersions.Reading> pins = new ArrayList<>();
        Optional<RuntimeVersions.Range> range = Optional.empty();
        Optional<RuntimeVersions.Reading> gemfile = files.read("Gemfile")
                .flatMap(text -> RuntimeVersions.firstMatch("Gemfile", text, GEMFILE_RUBY));
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
        return RuntimeVersions.detect(language(), pins, range, runtimeVersions());
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
        return Pins.RUBY_IMAGES.get(runtimeVersion);
    }

    @Override
    public String appDirectory() {
        return "/rails";
    }

    @Override
    public List<String> serverCommand(DeploymentSpec spec) {
        return List.of("bundle", "exec", "puma", "--config", "config/puma.rb", "--port", String.valueOf(spec.application().port()));
    }

    @Override
    public List<String> devCommand(DeploymentSpec spec) {
        return List.of("bin/rails", "server", "--binding", "0.0.0.0", "--port", String.valueOf(spec.application().port()));
    }

    @Override
    public List<String> healthcheck(String url) {
        return List.of("ruby", "-rnet/http", "-e", "exit(Net::HTTP.get_response(URI('" + url + "')).is_a?(Net::HTTPSuccess) ? 0 : 1)");
    }

    /** Assets are precompiled by the image recipe itself, with SECRET_KEY_BASE_DUMMY. */
    @Override
    public Optional<Snippet> buildStep(DeploymentSpec spec) {
        return Optional.empty();
    }

    @Override
    public List<String> writablePaths() {
        return List.of("/tmp", "/rails/tmp");
    }

    /** Active Storage's local files. */
    @Override
    public Optional<String> storageDirectory() {
        return Optional.of("/rails/storage");
    }

    @Override
    public List<String> dockerignorePatterns() {
        return List.of();
    }

    @Override
    public Optional<Worker> worker(DeploymentSpec spec) {
        if (!spec.application().worker().enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Worker(jobSystem().orElseThrow(),
                List.of("bundle", "exec", "sidekiq", "--concurrency", String.valueOf(spec.application().worker().concurrency())),
                new Worker.Probe.None("Sidekiq has no health probe without extra gems"), Optional.empty()));
    }

    @Override
    public List<EnvVar> settings(DeploymentSpec spec, Wiring wiring) {
        return List.of(
                EnvVar.literal("RAILS_ENV", wiring.production() ? "production" : "development"),
                EnvVar.literal("RAILS_MAX_THREADS", "3"),
                EnvVar.literal("RAILS_LOG_TO_STDOUT", "1"));
    }

    /** Sidekiq reads REDIS_URL, which the stack sets. */
    @Override
    public List<EnvVar> brokerSettings(Wiring wiring) {
        return List.of();
    }

    @Override
    public List<SecretVar> secrets() {
        return List.of(new SecretVar(SECRET_KEY_BASE, "Rails' secret_key_base (sessions, signed cookies)", "bin/rails secret"));
    }

    @Override
    public List<Snippet> requirements(DeploymentSpec spec) {
        List<Snippet> lines = new ArrayList<>();
        lines.add(Snippet.words("A committed ").thenCode("Gemfile.lock").then(" and ").thenCode("config/puma.rb")
                .then(" (Rails generates both)."));
        lines.add(Snippet.code(spec.application().healthPath()).then(" is Rails' built-in health check (7.1 and later); "
                + "it is exempt from ").thenCode("force_ssl").then(" redirects. If you set ").thenCode("config.hosts")
                .then(", exempt it too."));
        lines.add(Snippet.code("config/database.yml").then(" reading ").thenCode(StackVariables.DATABASE_URL)
                .then(" in production (the default)."));
        if (spec.application().worker().enabled()) {
            lines.add(Snippet.words("The ").thenCode("sidekiq").then(" gem; it reads ").thenCode(StackVariables.REDIS_URL).then("."));
        }
        return lines;
    }

    @Override
    public Snippet secretRotation() {
        return Snippet.words("Changing ").thenCode(SECRET_KEY_BASE).then(" signs everyone out and invalidates signed and encrypted "
                + "cookies; plan it.");
    }
}
