package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Alarms;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Entry;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Environment;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Network;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Site;
import java.util.List;
import java.util.Optional;

/** The view of an ECS environment's main.tf: the modules it calls and how it sizes them. */
public record EcsRootView(Safe header, Environment environment, Site site, Network network, Database database, Task task,
                          Edge edge, Optional<Jobs> jobs, Alarms alarms, Optional<MonitoringTaskView> monitoring) {

    public record Database(Safe engineVersion, Safe instanceClass, Storage storage, boolean multiAz, boolean deletionProtection,
                           Backup backup, Access access) {
    }

    /** GiB allocated, and the ceiling storage autoscaling may grow to. */
    public record Storage(int allocated, int max) {
    }

    public record Backup(int retentionDays, Safe window) {
    }

    /** The database created in the instance, its master user, and the app's own login. */
    public record Access(Safe databaseName, Safe adminUsername, Safe username) {
    }

    /**
     * @param migration       the one-off migration task, when the app migrates
     * @param environment     the container's plain variables, keys aligned as tofu fmt aligns them
     * @param secretNames     the app's secrets (module secrets), when it has any
     * @param databaseUrl     an HCL expression of the URL the app connects with, as its own login
     * @param databaseSecrets an HCL map of the variables read from the app login's password secret
     * @param launch          how the app container starts, when not as the image says
     * @param access          the task that makes and grants the app's login
     */
    public record Task(Container container, int desiredCount, Scaling scaling, Optional<Migration> migration, List<Entry> environment,
                       Optional<Safe> secretNames, Safe databaseUrl, Safe databaseSecrets, Optional<Launch> launch, DatabaseAccess access,
                       Placement placement) {
        public Task {
            environment = List.copyOf(environment);
        }
    }

    /**
     * The migration task, which connects as the master user.
     *
     * @param command          its command, as an HCL list
     * @param adminDatabaseUrl the master user's URL of the app's database, when a variable carries it
     * @param environment      the variables that differ from the app's (URLs and user names), keys aligned
     * @param secrets          an HCL map of the password variables, read from the master user's secret
     */
    public record Migration(Safe command, Optional<Safe> adminDatabaseUrl, List<Entry> environment, Safe secrets) {
        public Migration {
            environment = List.copyOf(environment);
        }
    }

    /**
     * Where and on what the app's tasks run.
     *
     * @param subnets           the networking module's output of the subnets the tasks are placed in, public or private
     * @param publicIp          whether each task gets a public IP (public subnets, no NAT)
     * @param capacityProvider  FARGATE or FARGATE_SPOT, quoted
     * @param containerInsights whether the cluster records Container Insights metrics
     */
    public record Placement(Safe subnets, boolean publicIp, Safe capacityProvider, boolean containerInsights) {
    }

    /** @param image a psql image of the server's major version; @param databases the app's databases, as an HCL list */
    public record DatabaseAccess(Safe image, Safe databases) {
    }

    /** The app container's entry point and command, as HCL lists. */
    public record Launch(Safe entryPoint, Safe command) {
    }

    /** @param writablePaths an HCL list of the scratch directories, each a volume of the task's ephemeral storage */
    public record Container(Safe architecture, int cpu, int memory, int port, Safe healthPath, Safe writablePaths) {
    }

    /** @param requestsPerTarget requests a minute per task above which the service scales out, beside the CPU target */
    public record Scaling(int minCount, int maxCount, int targetCpu, int requestsPerTarget) {
    }

    /**
     * @param privatePaths the paths the load balancer answers with 404, as an HCL list: the metrics endpoint
     * @param blueGreen    ECS's blue/green deployments, when the spec turns them on
     * @param dnsFailover  the Route 53 failover role of the domain's records, quoted, when a disaster recovery standby
     *                     shares them
     */
    public record Edge(boolean waf, int accessLogRetentionDays, Safe privatePaths, Optional<BlueGreen> blueGreen,
                       Optional<Safe> dnsFailover) {
    }

    /**
     * How ECS deploys (bluegreen): the strategy, quoted; the percent of each step (LINEAR) or of the canary, and the
     * minutes after each; the bake time; whether the deployment alarm rolls back; the test route's header, quoted.
     */
    public record BlueGreen(Safe strategy, Optional<Integer> stepPercent, Optional<Integer> stepMinutes, int bakeMinutes,
                            boolean rollbackOnError, Safe testHeader) {
    }

    /**
     * The worker tasks.
     *
     * @param cacheReplicas Valkey replicas beside the primary node, when the job system queues through a broker
     */
    /** The worker service: its command, task count, broker replicas, and the variables it sets unlike the app. */
    public record Jobs(Safe command, int count, Optional<Integer> cacheReplicas, List<RootParts.Entry> environment, Safe capacityProvider) {
    }
}
