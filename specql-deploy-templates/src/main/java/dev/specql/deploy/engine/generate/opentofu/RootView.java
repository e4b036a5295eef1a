package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.render.Safe;
import java.util.List;

/** What an environment root's templates print; every string already escaped for HCL. */
public final class RootView {

    private RootView() {
    }

    /**
     * @param stateKey  the state object's key in the bucket
     * @param domain    the environment's public hostname
     * @param label     the environment's name for comments (a validated name, printed bare)
     */
    public record Environment(Safe name, Safe prefix, Safe region, Safe stateKey, Safe stateKeyAlias, boolean productionTier,
                              Safe domain, Safe hostedZone, int logRetentionDays, Safe application, Safe pattern,
                              Safe label, Safe applicationLabel) {
    }

    public record Network(int availabilityZones, Safe zoneNames, Safe natMode) {
    }

    public record Database(Safe engineVersion, Safe instanceClass, int storage, int maxStorage, boolean multiAz,
                           int backupRetentionDays, Safe backupWindow, boolean deletionProtection, Safe databaseName,
                           Safe username) {
    }

    /** A key and an HCL expression (a quoted string or a reference). */
    public record Entry(Safe key, Safe value) {
    }

    public record App(Safe architecture, int cpu, int memory, int port, Safe healthPath, Safe migrationCommand,
                      boolean migrates, int desiredCount, int minCount, int maxCount, int targetCpu, List<Entry> environment,
                      Safe secretNames, boolean hasSecrets, boolean hasWorker, Safe workerCommand, Safe databaseUrl,
                      int requestsPerTarget, int workerCount) {
        public App {
            environment = List.copyOf(environment);
        }
    }

    public record Edge(boolean waf, int accessLogRetentionDays) {
    }

    public record Alarms(Safe emails, List<Entry> thresholds) {
        public Alarms {
            thresholds = List.copyOf(thresholds);
        }
    }

    public record Server(Safe instanceType, Safe architecture, int rootVolumeGib, int snapshotRetentionDays, Safe composePluginUrl,
                         Safe composePluginSha256, Safe composeFiles) {
    }
}
