package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.catalog.CpuArchitecture;

/**
 * hobby-project: one EC2 instance running the production Compose stack, database included.
 *
 * @param rootVolumeGib         the disk, which holds the database
 * @param snapshotRetentionDays how long daily snapshots of the disk are kept
 */
public record ServerHosting(String instanceType, CpuArchitecture architecture, int rootVolumeGib, int snapshotRetentionDays)
        implements Hosting {
}
