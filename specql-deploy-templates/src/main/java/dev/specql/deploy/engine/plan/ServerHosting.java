package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.catalog.CpuArchitecture;

/**
 * hobby-project: one EC2 instance running the production Compose stack, database included.
 *
 * @param rootVolumeGib         the disk, which holds the database
 * @param snapshotRetentionDays how long snapshots of the disk are kept
 * @param snapshotIntervalHours 24, or 1 when the spec asks for hourly backups
 * @param snapshotTime          the UTC time of day the snapshots start: the backup window's start
 */
public record ServerHosting(String instanceType, CpuArchitecture architecture, int rootVolumeGib, int snapshotRetentionDays,
                            int snapshotIntervalHours, String snapshotTime) implements Hosting {

    /** "daily" or "hourly", as the cost table says it. */
    public String snapshotCadence() {
        return snapshotIntervalHours == 24 ? "daily" : "hourly";
    }
}
