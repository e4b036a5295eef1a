package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.config.Origin;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import dev.specql.deploy.model.framework.Frameworks;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** application and database.migration_tool: what the framework's runtime class accepts. */
final class FrameworkRules implements SectionRules {

    /** ", in runtime.txt:1, or set the key in the spec" when the value was read from the app: say how to settle it either way. */
    private static String detectedIn(EffectiveConfig config, String key) {
        return config.setting(key).filter(s -> s.origin() == Origin.DETECTED)
                .map(s -> " in " + s.source() + ", or set " + key + " in the spec").orElse("");
    }

    @Override
    public void check(RuleContext context) {
        EffectiveConfig config = context.config();
        FrameworkRuntime runtime = context.runtime();
        String id = runtime.framework().id();
        String version = config.text("application.runtime_version");
        if (!runtime.runtimeVersions().contains(Pins.minor(version))) {
            // A detected version is reported at the file it was read from; say how to settle it either way.
            context.error("application.runtime_version", id + " does not run on " + runtime.language() + " " + version,
                    "use one of " + String.join(", ", new TreeSet<>(runtime.runtimeVersions())) + detectedIn(config, "application.runtime_version"));
        }
        PackageManager packageManager = Keyword.parse(PackageManager.class, config.text("application.package_manager"));
        if (!runtime.packageManagers().contains(packageManager)) {
            context.error("application.package_manager", packageManager.id() + " does not install " + runtime.language() + " packages",
                    "use " + String.join(" or ", runtime.packageManagers().stream().map(PackageManager::id).toList()));
        }
        int postgres = Integer.parseInt(config.text("database.version"));
        if (postgres < runtime.minimumPostgres()) {
            context.error("database.version", runtime.displayName() + runtime.major().map(m -> " " + m).orElse("")
                    + " needs PostgreSQL " + runtime.minimumPostgres() + " or later", "use database.version: \"" + runtime.minimumPostgres() + "\"");
        }
        if (config.has("deployment.framework_major")) {
            int major = config.integer("deployment.framework_major");
            List<Integer> majors = Frameworks.majors(runtime.framework());
            if (!majors.contains(major)) {
                context.error("deployment.framework_major", majors.isEmpty()
                        ? runtime.displayName() + " versions deploy alike; there is no major version to choose"
                        : runtime.displayName() + " " + major + " is not supported", majors.isEmpty() ? "remove it"
                        : "use " + String.join(" or ", majors.stream().map(String::valueOf).toList()) + detectedIn(config, "deployment.framework_major"));
            }
        }
        if (config.isUserSet("application.worker.command") && !config.bool("application.worker.enabled")) {
            context.error("application.worker.command", "a worker command with workers off runs nothing",
                    "set application.worker.enabled: true, or remove the command");
        }
        if (config.isUserSet("application.worker.system") && !config.bool("application.worker.enabled")) {
            context.error("application.worker.system", "a job system with workers off runs nothing",
                    "set application.worker.enabled: true, or remove the system");
        }
        // A key that changes nothing is refused: the app's own worker command, and Solid Queue's config/queue.yml, set concurrency.
        if (config.isUserSet("application.worker.concurrency") && (config.isUserSet("application.worker.command")
                || config.optionalText("application.worker.system").map(system -> Keyword.parse(JobSystem.class, system))
                .filter(system -> !system.takesConcurrency()).isPresent())) {
            context.error("application.worker.concurrency", "the worker's concurrency comes from " + (config.isUserSet(
                    "application.worker.command") ? "application.worker.command" : "the job system's own configuration"),
                    "remove it, and set the concurrency there");
        }
        if (!runtime.poolsConnections() && config.isUserSet("database.pool_size")) {
            context.error("database.pool_size", runtime.displayName() + " keeps one connection per process and thread, with no pool "
                    + "for the spec to size", "remove it; a pool, where the app has one (Django 5.1's OPTIONS[\"pool\"] with psycopg 3), "
                    + "is sized in the app's settings");
        }
        if (!runtime.hasWorkerProcesses() && config.isUserSet("application.workers")) {
            context.error("application.workers", runtime.displayName() + "'s server is one process with a thread per core; there "
                    + "are no worker processes to count", "remove it; scale with application.instances and application.cpu");
        }
        AppServer server = Keyword.parse(AppServer.class, config.text("application.server"));
        if (!runtime.servers().contains(server)) {
            context.error("application.server", runtime.displayName() + " does not run under " + server.id(), "use "
                    + String.join(" or ", runtime.servers().stream().map(AppServer::id).toList()) + detectedIn(config, "application.server"));
        }
        if (config.isUserSet("application.requirements_file") && packageManager != PackageManager.PIP) {
            context.error("application.requirements_file", "only pip installs from a requirements file; " + packageManager.id()
                    + " reads its own files", "remove application.requirements_file, or set application.package_manager: pip");
        }
        if (config.isUserSet("application.settings_module") && config.optionalText("application.module")
                .flatMap(runtime::settingsModuleOf).isEmpty()) {
            context.error("application.settings_module", runtime.displayName() + " has no settings module to name",
                    "remove application.settings_module");
        }
        if (config.text("database.url_scheme").equals(DeploymentSpec.Database.POSTGIS) && !runtime.readsPostgisUrls()) {
            context.error("database.url_scheme", runtime.displayName() + " connects with postgresql:// URLs and has no PostGIS "
                    + "backend to select", "use postgresql, and create the extension in a migration (CREATE EXTENSION postgis; RDS "
                    + "ships it)");
        }
        MigrationTool tool = Keyword.parse(MigrationTool.class, config.text("database.migration_tool"));
        Frameworks.owning(tool).filter(owner -> owner != runtime).ifPresent(owner -> context.error("database.migration_tool",
                tool.id() + " migrations need the " + owner.framework().id() + " framework", "use " + String.join(" or ",
                        Arrays.stream(MigrationTool.values()).filter(t -> Frameworks.owning(t).isEmpty()).map(MigrationTool::id).toList())));
        config.optionalText("application.module").flatMap(module -> runtime.checkModule(module, config.isUserSet("application.module")))
                .ifPresent(complaint -> context.error("application.module", complaint.message(), complaint.suggestion()));
        if (runtime.jobSystems().isEmpty() && config.bool("application.worker.enabled")) {
            context.error("application.worker.enabled", runtime.displayName() + " has no background worker integration to generate",
                    "run workers as a separate service, or set enabled: false");
        }
        config.optionalText("application.worker.system").map(system -> Keyword.parse(JobSystem.class, system))
                .filter(system -> !runtime.jobSystems().contains(system)).ifPresent(system -> context.error("application.worker.system",
                        runtime.displayName() + " does not run " + system.displayName() + " workers", runtime.jobSystems().isEmpty()
                                ? "remove it" : "use " + String.join(" or ", runtime.jobSystems().stream().map(JobSystem::id).toList())
                                + detectedIn(config, "application.worker.system")));
        if (config.bool("application.worker.scheduler") && config.optionalText("application.worker.system")
                .filter(system -> !system.equals(JobSystem.CELERY.id())).isPresent() && runtime.scheduler().isPresent()) {
            context.error("application.worker.scheduler", "the scheduler (" + runtime.scheduler().orElseThrow() + ") runs with Celery only",
                    "schedule periodic jobs with " + config.text("application.worker.system") + "'s own scheduler, or remove it");
        }
        if (runtime.scheduler().isEmpty() && config.bool("application.worker.scheduler")) {
            List<FrameworkRuntime> scheduling = Frameworks.all().stream().filter(r -> r.scheduler().isPresent()).toList();
            context.error("application.worker.scheduler", "a scheduler (" + String.join(", ", scheduling.stream()
                    .map(r -> r.scheduler().orElseThrow()).toList()) + ") is generated for " + String.join(", ", scheduling.stream()
                    .map(r -> r.framework().id()).toList()) + " only", "remove it");
        }
        config.optionalText("platform.instance_type").filter(type -> config.isUserSet("platform.instance_type")).ifPresent(type -> {
            CpuArchitecture architecture = CpuArchitecture.ofInstanceType(type);
            if (!runtime.architectures().contains(architecture)) {
                context.error("platform.instance_type", type + " is an " + architecture.ec2() + " instance type, and " + id
                        + " runs on " + String.join(" or ", runtime.architectures().stream().map(CpuArchitecture::ec2).sorted().toList())
                        + " only" + runtime.architectureLimit().map(reason -> " (" + reason + ")").orElse(""),
                        "use an " + runtime.preferredArchitecture().ec2() + " type such as " + runtime.preferredArchitecture().smallestInstance());
            }
        });
        if (!runtime.buildsRustExtensions() && config.bool("application.rust_extension")) {
            context.error("application.rust_extension", "a Rust extension build is for Python apps (maturin)", "remove it");
        }
        Set<String> reserved = Frameworks.reservedVariables();
        List<Object> secrets = config.list("application.secrets");
        for (int i = 0; i < secrets.size(); i++) {
            String name = (String) secrets.get(i);
            if (reserved.contains(name)) {
                context.error("application.secrets[" + i + "]", name + " is managed by the generated stack", "remove it from the list");
            }
        }
    }
}
