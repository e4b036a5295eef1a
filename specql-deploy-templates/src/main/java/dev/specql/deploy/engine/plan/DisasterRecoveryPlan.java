package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.List;
import java.util.Optional;

/**
 * The spec's multiregion section: an active-passive standby of the production environment in a second region, kept
 * by its own OpenTofu root. Its database is a cross-region read replica of production's, encrypted with a key of
 * its own region, until a failover promotes it; the registry replicates the app's images there.
 *
 * @param primary       the production environment it stands in for
 * @param primaryRegion where production runs (platform.region)
 * @param region        the standby's region (dr_region)
 * @param name          the standby's environment name: its root's folder and state key
 * @param prefix        its resource name prefix, distinct from every environment's
 * @param network       its VPC: as many zones as production's, chosen by the region, no NAT gateway while it stands by
 */
public record DisasterRecoveryPlan(EnvironmentPlan primary, String primaryRegion, String region, String name, String prefix,
                                   NetworkPlan network) {

    static final String SUFFIX = "-dr";
    /** The replica lag past which the standby's alarm notifies: the recovery point the README promises. */
    public static final int LAG_ALARM_SECONDS = 300;

    /** The standby of the plan's production environment; empty when the spec's multiregion section is off. */
    public static Optional<DisasterRecoveryPlan> of(DeploymentPlan plan) {
        DeploymentSpec.MultiRegion multiRegion = plan.spec().multiregion();
        if (!multiRegion.enabled() || !(plan.production().hosting() instanceof EcsHosting)) {
            return Optional.empty();
        }
        EnvironmentPlan primary = plan.production();
        return Optional.of(new DisasterRecoveryPlan(primary, plan.spec().platform().region(), multiRegion.drRegion().orElseThrow(),
                primary.name() + SUFFIX, prefix(primary.prefix()),
                new NetworkPlan(primary.network().availabilityZones(), List.of(), NetworkPlan.NatMode.NONE)));
    }

    /** Whether a standby protects this environment of the plan: its records are then Route 53's PRIMARY failover ones. */
    public static boolean protects(DeploymentPlan plan, EnvironmentPlan environment) {
        return of(plan).filter(standby -> standby.primary().name().equals(environment.name())).isPresent();
    }

    /** The production prefix with "-dr", shortened first so that the whole fits {@link Planner#MAX_PREFIX}. */
    static String prefix(String primaryPrefix) {
        String base = primaryPrefix.substring(0, Math.min(primaryPrefix.length(), Planner.MAX_PREFIX - SUFFIX.length()));
        while (base.endsWith("-")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + SUFFIX;
    }

    /** The replica's RDS identifier (the database module's rule). */
    public String replicaIdentifier() {
        return prefix + "-postgres";
    }

    /** Production's RDS identifier: the replica's source, and the instance a fail-back restores. */
    public String sourceIdentifier() {
        return primary.prefix() + "-postgres";
    }

    /**
     * The health threshold that pins production's failover records unhealthy: one more than the children of its
     * calculated health check (a target group each, two with blue/green), which Route 53 reads as never healthy.
     */
    public int dnsPinThreshold(boolean blueGreen) {
        return (blueGreen ? 2 : 1) + 1;
    }

    /** The production database's sizing, which the replica keeps so that it can take production's load once promoted. */
    public DatabasePlan database() {
        return primary.ecs().database();
    }
}
