package dev.specql.deploy.engine.generate.helm;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * values.yaml of the chart: the app's facts as the generator decided them, every string already escaped (command
 * words and env values for the kubelet's expansion too).
 */
public record ValuesView(Safe header, Safe chartName, Safe imageRepository, int replicas, boolean autoscaling, int minReplicas,
                         int maxReplicas, int targetCpu, Safe framework, List<Safe> command, int port, Safe healthPath,
                         Safe metricsPath, int uid, int startupFailureThreshold, Safe gracefulReason, int gracefulSeconds, Safe acceptedHostsVariable,
                         List<Variable> env, List<DatabaseUrl> databaseUrls, List<Safe> databaseHosts, List<Safe> databaseUsers,
                         List<Safe> databasePasswords, List<BrokerUrl> brokerUrls, List<Safe> secretKeys, List<WritablePath> writablePaths,
                         Safe cpu, Safe cpuLimit, Safe memory, Safe ephemeralRequest, Safe ephemeralLimit, Safe workerComment, boolean workerEnabled, List<Safe> workerCommand, List<Safe> workerProbe,
                         int workerProbeTimeout,
                         List<Safe> scheduler, List<Variable> workerEnv, Safe migrationsComment, boolean migrationsEnabled,
                         List<Safe> migrationCommand, Safe ingressClass, Safe host, boolean tls, Safe clusterIssuer, Safe postgresMajor,
                         Safe postgresImage, int instances, Safe urlScheme, Safe databaseName, Safe databaseOwner, List<Safe> extraDatabases,
                         Safe storageSize, Safe retention, Safe brokerReason, boolean valkey, Safe valkeyImage, Safe bearerTokenKey,
                         boolean serviceMonitor, List<Safe> testCommand, Monitoring monitoring) {

    /**
     * The release's own monitoring: its Prometheus, rules, Alertmanager and dashboards.
     *
     * @param ruleSummary the rule groups beside the app's and PostgreSQL's, as a YAML comment's continuation
     */
    public record Monitoring(boolean prometheus, Safe prometheusImage, Safe prometheusVersion, Safe retention, Safe scrapeInterval,
                             Safe ruleSummary, Safe alertmanagerImage, List<SecretFile> secretFiles, boolean dashboards, Safe datasourceUid) {
    }

    /** A key of the app's Secret, mounted as a file under /run/secrets. */
    public record SecretFile(Safe key, Safe file) {
    }

    /** A plain variable. */
    public record Variable(Safe name, Safe value) {
    }

    /** A variable holding the URL of one of the cluster's databases, without password. */
    public record DatabaseUrl(Safe name, Safe database, Safe suffix) {
    }

    /** A variable holding the broker's URL. */
    public record BrokerUrl(Safe name, Safe suffix) {
    }

    /** A directory the app writes, as an emptyDir. */
    public record WritablePath(Safe name, Safe path, Safe sizeLimit) {
    }
}
