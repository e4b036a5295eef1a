package dev.specql.deploy.engine.plan;

/**
 * RDS PostgreSQL in one environment.
 *
 * @param deletionProtection on everywhere: removing a database should take two deliberate steps in any environment
 */
public record DatabasePlan(String instanceClass, int storageGib, int maxStorageGib, boolean multiAz, int backupRetentionDays,
                           boolean deletionProtection) {
}
