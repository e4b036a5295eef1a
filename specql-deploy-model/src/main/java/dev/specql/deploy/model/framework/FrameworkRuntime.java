package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.text.Snippet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything specql-deploy knows about one web framework, in one class per framework: its defaults and what
 * it accepts in the spec, how its image is built, how it serves, migrates and runs jobs, the variables its
 * settings read, and what its users must know. Nothing outside the implementations branches on
 * {@link Framework}: adding a framework is one implementation, one line in {@link Frameworks} and the
 * templates of its image recipe.
 */
public interface FrameworkRuntime {

    /**
     * Idle keep-alive of the app's server, above the load balancer's (ALB: 60 s): a server that closes first races
     * the balancer reusing the connection, and the client gets a 502.
     */
    String KEEP_ALIVE_SECONDS = "75";

    Framework framework();

    /** The major version this runtime deploys, for frameworks whose majors deploy differently; empty otherwise. */
    default Optional<Integer> major() {
        return Optional.empty();
    }

    /** How the reference names this runtime: "fraiseql" for the current major, "fraiseql 1" for an older one. */
    default String label() {
        return framework().id();
    }

    /** The project's files showing it uses this runtime's major version, as a value of deployment.framework_major. */
    default Optional<Detected> recognize(ProjectFiles files) {
        return Optional.empty();
    }

    /** The framework's own spelling, for messages: "FraiseQL", "Django". */
    String displayName();

    /** How the deployment README introduces the app: "a Django app". */
    String summary();

    // ---------------------------------------------------------------------------------------------- the spec

    /** Default values of spec keys for this framework, by key path, in the order the reference prints them. */
    Map<String, Object> defaults();

    /** The language, for messages: "Python". */
    String language();

    /** The runtime versions (application.runtime_version) the framework runs on. */
    Set<String> runtimeVersions();

    /** Package managers that install the app's dependencies, in the order suggestions list them. */
    List<PackageManager> packageManagers();

    /** The migration tool that belongs to this framework and its command, when it has one; Confiture and none work for all. */
    Optional<OwnMigrations> migrations();

    /** Refuses an application.module the framework cannot use. */
    Optional<Complaint> checkModule(String module, boolean userSet);

    /** Whether application.module defaults to deployment.name in snake case (a Django project package). */
    boolean moduleFromName();

    /** The settings module a project package has when nothing names another (Django's "mysite.settings"). */
    Optional<String> settingsModuleOf(String module);

    /** The production servers the framework runs under (application.server); the default is in {@link #defaults()}. */
    List<AppServer> servers();

    /** Architectures the app's dependencies ship builds for. */
    Set<CpuArchitecture> architectures();

    /** Why only some architectures work, in one sentence, when that is so. */
    Optional<String> architectureLimit();

    /** The job systems a worker may run, the default first in {@link #defaults()}; empty when the framework has none to generate. */
    List<JobSystem> jobSystems();

    /** The periodic-job process ("celery beat"), when the framework has one to generate. */
    Optional<String> scheduler();

    /** Whether the image can build the app's own Rust extension (maturin). */
    boolean buildsRustExtensions();

    /** Variables this framework's stack wires itself; a spec value would fight the generated one. */
    Set<String> reservedVariables();

    /**
     * What the user's repository says that the spec could say too (the language version, ...), each value with
     * the file and line it came from. A value the spec sets wins over a detected one; a detected one wins over
     * every default.
     */
    Detection detect(ProjectFiles files);

    /**
     * What the repository says once the spec is settled (facts generators honour, such as the files a requirements
     * file includes) and whether the generated stack can work with the app as it is. Judges only on evidence: a
     * repository without the app's files yields no errors, as the spec may be generated before the app exists.
     */
    Survey survey(ProjectFiles files, DeploymentSpec spec, SpecPlaces places);

    // ------------------------------------------------------------------------------------ image and processes

    /** The image recipe: the phases' build templates are named after it ("python" for Dockerfile-python.vm). */
    String imageRecipe();

    /** The exact runtime image for a runtime version this framework accepts. */
    String baseImage(String runtimeVersion);

    /**
     * The files the image's dependency layer installs from, relative to the project: bind-mounted before the code
     * is copied, so code changes do not reinstall dependencies. A requirements file comes with every file it includes.
     */
    List<String> dependencyFiles(DeploymentSpec spec);

    /**
     * A server the image builds from source and configures with a file, when the framework's server is not one of
     * the app's packages (FraiseQL 2's Rust server).
     */
    default Optional<ServerImage> serverImage(DeploymentSpec spec) {
        return Optional.empty();
    }

    /**
     * Whether database.pool_size sizes a connection pool in each server process; if not (Django keeps one
     * persistent connection per process), each process holds one connection.
     */
    default boolean poolsConnections() {
        return true;
    }

    /**
     * The variable the app's settings read the Host names it accepts from, when it refuses others; on ECS the task's
     * own address joins them at start, because the load balancer's health checks send it as the Host.
     */
    default Optional<String> acceptedHostsVariable() {
        return Optional.empty();
    }

    /** Whether the server runs worker processes that application.workers counts. */
    default boolean hasWorkerProcesses() {
        return true;
    }

    /** The oldest PostgreSQL major version the framework's server accepts. */
    default int minimumPostgres() {
        return 14;
    }

    /** Debian packages the runtime image installs: the spec's, and what the app's dependencies need. */
    default List<String> systemPackages(DeploymentSpec spec) {
        return spec.application().systemPackages();
    }

    /** Where the app lives in the image. */
    String appDirectory();

    List<String> serverCommand(DeploymentSpec spec);

    /** The development server, with reload, bound to all interfaces of the container. */
    List<String> devCommand(DeploymentSpec spec);

    /**
     * What a pipeline's test job installs, checks and tests, from the tools the app's dependency files name (facts of
     * the survey) before the framework's own commands.
     */
    CiChecks ciChecks(DeploymentSpec spec);

    /** A health probe of {@code url} with what the slim runtime image has (no curl). */
    List<String> healthcheck(String url);

    /**
     * A probe that this container opens a TCP connection to {@code host}:{@code port}, with what the slim runtime image
     * has: the health check of a process that serves nothing (a worker without a probe, a scheduler), which is healthy
     * while it can reach the store its jobs go through.
     */
    List<String> reaches(String host, int port);

    /** What the image build runs besides installing dependencies: compiling assets, collecting static files. */
    ImageSteps imageSteps(DeploymentSpec spec);

    /** Whether the framework's database libraries take a postgis:// URL and pick a PostGIS backend from it. */
    default boolean readsPostgisUrls() {
        return false;
    }

    /** Paths the app writes at runtime: tmpfs mounts under a read-only root filesystem. */
    List<String> writablePaths();

    /** A directory of uploaded files that must outlive containers, when the framework has one. */
    Optional<String> storageDirectory(DeploymentSpec spec);

    /** Build-context patterns to ignore besides the common ones. */
    List<String> dockerignorePatterns();

    /** How this spec's background jobs run; empty when workers are off. */
    Optional<Worker> worker(DeploymentSpec spec);

    /**
     * The variables the framework's settings read, with generated values; the stack adds DATABASE_URL before
     * them and the job and server variables after. Secrets are not among them.
     */
    List<EnvVar> settings(DeploymentSpec spec, Wiring wiring);

    /** What the job system reads besides REDIS_URL; asked only when workers run. */
    List<EnvVar> brokerSettings(DeploymentSpec spec, Wiring wiring);

    /**
     * The framework's own secrets (its signing key, the key to encrypted credentials when the app has them): values
     * the operator provides in production.
     */
    List<SecretVar> secrets(DeploymentSpec spec);

    // -------------------------------------------------------------------------------------------------- docs

    /** The metrics the app's endpoint serves once the framework's metrics library is set up, for alert rules and dashboards. */
    AppMetrics metrics(DeploymentSpec spec);

    /**
     * The JSON key holding each line's level where the production app logs JSON lines (the log collector parses them
     * and labels each line with its level); empty where it logs text.
     */
    default Optional<String> jsonLogLevelKey() {
        return Optional.empty();
    }

    /** What the app itself must contain for the generated files to work, one line each. */
    List<Snippet> requirements(DeploymentSpec spec);

    /** How to rotate the framework's secret without surprises. */
    Snippet secretRotation();

    /** The architecture the image is built for: arm64 where the dependencies allow it, as it costs less. */
    default CpuArchitecture preferredArchitecture() {
        return architectures().contains(CpuArchitecture.ARM64) ? CpuArchitecture.ARM64 : CpuArchitecture.X86_64;
    }

    /** The one platform images must be built for, when the framework cannot build for every one. */
    default Optional<CpuArchitecture> requiredArchitecture() {
        return architectures().size() == 1 ? architectures().stream().findFirst() : Optional.empty();
    }
}
