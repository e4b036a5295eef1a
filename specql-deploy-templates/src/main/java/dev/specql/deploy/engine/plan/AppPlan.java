package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.framework.EnvVar;
import dev.specql.deploy.model.framework.EnvVar.Service;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import dev.specql.deploy.model.framework.ImageSteps;
import dev.specql.deploy.model.framework.Migrations;
import dev.specql.deploy.model.framework.ShellCommand;
import dev.specql.deploy.model.framework.SecretVar;
import dev.specql.deploy.model.framework.ServerImage;
import dev.specql.deploy.model.framework.StackVariables;
import dev.specql.deploy.model.framework.Uploads;
import dev.specql.deploy.model.framework.Wiring;
import dev.specql.deploy.model.framework.Worker;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the app runs, decided once per run from the spec and its framework: image, processes, health check,
 * jobs, variables, secrets and what the app must provide. Every phase reads these; no phase asks the framework.
 */
public final class AppPlan {

    /** The fixed non-root user and group of the runtime image. */
    public static final int UID = 10001;
    /** Where PostgreSQL and the job broker listen, wherever they run. */
    public static final int DATABASE_PORT = 5432;
    public static final int BROKER_PORT = 6379;

    private final DeploymentSpec spec;
    private final FrameworkRuntime runtime;
    private final String baseImage;
    private final List<String> serverCommand;
    private final List<String> devCommand;
    private final Optional<List<String>> migrateCommand;
    private final List<String> healthcheck;
    private final Optional<Worker> worker;
    private final List<SecretVar> secrets;
    private final List<Snippet> requirements;

    AppPlan(DeploymentSpec spec, FrameworkRuntime runtime) {
        this.spec = spec;
        this.runtime = runtime;
        this.baseImage = runtime.baseImage(spec.application().runtimeVersion());
        // The app's own command runs by sh, so that it may read $PORT as a Procfile line does.
        this.serverCommand = spec.application().command().map(ShellCommand::of).orElseGet(() -> List.copyOf(runtime.serverCommand(spec)));
        this.devCommand = List.copyOf(runtime.devCommand(spec));
        this.migrateCommand = Migrations.command(spec).map(List::copyOf);
        this.healthcheck = List.copyOf(runtime.healthcheck("http://127.0.0.1:" + port() + spec.application().healthPath()));
        this.worker = runtime.worker(spec).map(worker -> spec.application().worker().command()
                .map(command -> new Worker(worker.system(), ShellCommand.of(command), new Worker.Probe.None("the app's own worker command has no probe"),
                        worker.scheduler(), worker.settings()))
                .orElse(worker));
        List<SecretVar> all = new ArrayList<>(runtime.secrets(spec));
        spec.application().secrets().forEach(name ->
                all.add(new SecretVar(name, "Declared in application.secrets of the spec", "from the service that issues it")));
        this.secrets = List.copyOf(all);
        List<Snippet> lines = new ArrayList<>(runtime.requirements(spec));
        lines.addAll(Migrations.requirements(spec));
        this.requirements = List.copyOf(lines);
    }

    /**
     * A variable's value where the database and broker run beside the app without a password (the development stack,
     * a CI test job): the services at the given host names, the database trusting every connection.
     */
    public String localValue(EnvVar.Value value, String databaseHost, String brokerHost) {
        String base = spec.database().urlScheme() + "://" + spec.database().user() + "@" + databaseHost + ":" + DATABASE_PORT + "/";
        if (value instanceof EnvVar.Literal literal) {
            return literal.text();
        }
        if (value instanceof EnvVar.Endpoint endpoint) {
            return endpoint.service() == Service.DATABASE ? base + spec.database().name() + endpoint.suffix()
                    : "redis://" + brokerHost + ":" + BROKER_PORT + "/0" + endpoint.suffix();
        }
        if (value instanceof EnvVar.OtherDatabase other) {
            return base + other.database();
        }
        if (value instanceof EnvVar.DatabaseHost) {
            return databaseHost;
        }
        if (value instanceof EnvVar.DatabaseUser) {
            return spec.database().user();
        }
        return "";
    }

    /** What a pipeline's test job installs, checks and tests, from the app's own tools first. */
    public dev.specql.deploy.model.framework.CiChecks ciChecks() {
        return runtime.ciChecks(spec);
    }

    /** How the deployment README introduces the app: "a Django app". */
    /** The framework's own spelling: "FraiseQL", "Django". */
    public String displayName() {
        return runtime.displayName();
    }

    /** How the reference names the runtime: "django", "fraiseql", "fraiseql 1". */
    public String label() {
        return runtime.label();
    }

    public String summary() {
        return runtime.summary();
    }

    /** The image recipe, which names the phases' build templates ("python" for Dockerfile-python.vm). */
    public String imageRecipe() {
        return runtime.imageRecipe();
    }

    public String baseImage() {
        return baseImage;
    }

    public String appDirectory() {
        return runtime.appDirectory();
    }

    public int port() {
        return spec.application().port();
    }

    /** See {@link FrameworkRuntime#acceptedHostsVariable}. */
    public Optional<String> acceptedHostsVariable() {
        return runtime.acceptedHostsVariable();
    }

    public List<String> serverCommand() {
        return serverCommand;
    }

    public List<String> devCommand() {
        return devCommand;
    }

    /** The one-off migration command; empty when the spec says migrations are applied some other way. */
    public Optional<List<String>> migrateCommand() {
        return migrateCommand;
    }

    /** The container health check, with what the runtime image has. */
    public List<String> healthcheck() {
        return healthcheck;
    }

    /** The health check of phase 1's image, of another URL: a check from another pod, through a Service. */
    public List<String> healthcheckOf(String url) {
        return List.copyOf(runtime.healthcheck(url));
    }

    /** See {@link FrameworkRuntime#metrics}. */
    public dev.specql.deploy.model.framework.AppMetrics metrics() {
        return runtime.metrics(spec);
    }

    /** See {@link FrameworkRuntime#jsonLogLevelKey}. */
    public Optional<String> jsonLogLevelKey() {
        return runtime.jsonLogLevelKey();
    }

    /** See {@link FrameworkRuntime#reaches}. */
    public List<String> reaches(String host, int port) {
        return runtime.reaches(host, port);
    }

    /** A shell line run at the end of the image build (collecting static files, ...). */
    /** The files the image's dependency layer installs from. */
    public List<String> dependencyFiles() {
        return runtime.dependencyFiles(spec);
    }

    /** A server the image builds from its crates, when the framework's server is not one of the app's packages. */
    public Optional<ServerImage> serverImage() {
        return runtime.serverImage(spec);
    }

    /** Server worker processes (WEB_CONCURRENCY), when the server runs several. */
    public Optional<Integer> workers() {
        return runtime.hasWorkerProcesses() ? Optional.of(spec.application().workers()) : Optional.empty();
    }

    /** Debian packages the runtime image installs. */
    public List<String> systemPackages() {
        return runtime.systemPackages(spec);
    }

    /** What the image build runs besides installing dependencies. */
    public ImageSteps imageSteps() {
        return runtime.imageSteps(spec);
    }

    /** Build-context patterns to ignore besides the common ones. */
    public List<String> ignorePatterns() {
        return runtime.dockerignorePatterns();
    }

    /** The one architecture images must be built for, when the app's dependencies allow no other. */
    public Optional<CpuArchitecture> requiredArchitecture() {
        return runtime.requiredArchitecture();
    }

    /** Why images are built for one architecture only, when they are. */
    public Optional<String> architectureLimit() {
        return runtime.architectureLimit();
    }

    /** Background jobs; empty when workers are off. */
    public Optional<Worker> worker() {
        return worker;
    }

    /** Whether the stack runs a Redis-compatible broker: for workers whose job system queues through one. */
    public boolean broker() {
        return worker.filter(Worker::needsBroker).isPresent();
    }

    /** Paths the app writes at runtime, the framework's then the spec's; tmpfs mounts under a read-only root filesystem. */
    public List<String> writablePaths() {
        List<String> paths = new ArrayList<>(runtime.writablePaths());
        spec.application().writablePaths().stream().filter(path -> !paths.contains(path)).forEach(paths::add);
        return List.copyOf(paths);
    }

    /** Uploaded files that must outlive containers: the spec's (or detected) directory, else the framework's. */
    public Optional<String> storageDirectory() {
        return Uploads.directory(spec);
    }

    /** Every directory the app writes: the scratch ones, then the uploads directory when there is one. */
    public List<String> writableWithUploads() {
        List<String> paths = new ArrayList<>(writablePaths());
        storageDirectory().filter(directory -> !paths.contains(directory)).ifPresent(paths::add);
        return List.copyOf(paths);
    }

    /** Directories the app's user must own in the image: all it writes but the world-writable /tmp, sorted. */
    public List<String> ownedDirectories() {
        java.util.TreeSet<String> owned = new java.util.TreeSet<>(writableWithUploads());
        owned.remove("/tmp");
        return List.copyOf(owned);
    }

    /** The framework's signing key, then the spec's declared secrets: values the operator provides in production. */
    public List<SecretVar> secrets() {
        return secrets;
    }

    /** What the app itself must contain for the generated files to work: the framework's lines, then the migration tool's. */
    public List<Snippet> requirements() {
        return requirements;
    }

    /** How to rotate the framework's secret without surprises. */
    public Snippet secretRotation() {
        return runtime.secretRotation();
    }

    /**
     * The plain variables of the app on one target: the database, the framework's settings, the broker when
     * there is one, the server's concurrency. Secrets are not among them: each target injects {@link #secrets()}
     * its own way, and adds the spec's environment values after these.
     */
    public List<EnvVar> environment(Wiring wiring) {
        List<EnvVar> vars = new ArrayList<>();
        vars.add(EnvVar.endpoint(StackVariables.DATABASE_URL, Service.DATABASE));
        vars.addAll(runtime.settings(spec, wiring));
        if (broker()) {
            vars.add(EnvVar.endpoint(StackVariables.REDIS_URL, Service.BROKER));
            vars.addAll(runtime.brokerSettings(spec, wiring));
        }
        spec.application().command().ifPresent(command -> vars.add(EnvVar.literal(StackVariables.PORT, String.valueOf(port()))));
        if (runtime.hasWorkerProcesses()) {
            vars.add(EnvVar.literal(StackVariables.WEB_CONCURRENCY, String.valueOf(spec.application().workers())));
        }
        return vars;
    }
}
