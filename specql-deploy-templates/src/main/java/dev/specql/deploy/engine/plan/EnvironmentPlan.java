package dev.specql.deploy.engine.plan;

/**
 * One environment of the promotion order (cicd.environments), sized and protected. The last one is the
 * production tier.
 *
 * @param prefix           resource name prefix, at most {@link Planner#MAX_PREFIX} characters, so that "-alb" and friends
 *                         fit AWS's 32
 * @param domain           the environment's public hostname
 * @param logRetentionDays how long CloudWatch keeps the environment's logs
 */
public record EnvironmentPlan(String name, boolean productionTier, String prefix, String domain, int logRetentionDays,
                              NetworkPlan network, Hosting hosting) {

    /** The ECS sizing, for patterns that run on ECS. */
    public EcsHosting ecs() {
        if (hosting instanceof EcsHosting ecs) {
            return ecs;
        }
        throw new IllegalStateException(name + " does not run on ECS");
    }

    /** The server, for the hobby-project pattern. */
    public ServerHosting server() {
        if (hosting instanceof ServerHosting server) {
            return server;
        }
        throw new IllegalStateException(name + " does not run on a server");
    }
}
