package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.Optional;

/**
 * How ECS deploys the app service when the spec's bluegreen section is on, read by the OpenTofu phase (the service's
 * deployment configuration) and the CI/CD phase (the deploy script follows the deployment and smoke-tests it).
 *
 * @param strategy        ECS's strategy: BLUE_GREEN (all at once), LINEAR or CANARY
 * @param stepPercent     the percent of each step (LINEAR) or of the canary (CANARY); empty for BLUE_GREEN
 * @param stepMinutes     the minutes after each step or the canary; empty for BLUE_GREEN
 * @param bakeMinutes     the minutes the old revision keeps running after all traffic moved
 * @param rollbackOnError whether the deployment alarm rolls the deployment back
 * @param shiftMinutes    minutes from the first production traffic to the old revision stopping: the steps, then the bake
 */
public record BlueGreenPlan(String strategy, Optional<Integer> stepPercent, Optional<Integer> stepMinutes, int bakeMinutes,
                            boolean rollbackOnError, int shiftMinutes) {

    /** The request header that routes a request to the revision being deployed (the edge module's test listener rule). */
    public static final String TEST_HEADER = "X-Deployment-Test";
    /** Minutes the deploy script allows beyond the shift and bake: new tasks starting, registering, passing health checks. */
    static final int FOLLOW_MARGIN_MINUTES = 20;

    /** The plan of the spec's bluegreen section; empty when it is off. The model's rules refused what ECS cannot do. */
    public static Optional<BlueGreenPlan> of(DeploymentSpec.BlueGreen blueGreen) {
        if (!blueGreen.enabled()) {
            return Optional.empty();
        }
        int minutes = blueGreen.intervalMinutes().orElseThrow();
        DeploymentSpec.BlueGreen.Shift shift = blueGreen.shift().orElseThrow();
        Optional<Integer> step = switch (shift) {
            case ALL_AT_ONCE -> Optional.empty();
            case LINEAR -> Optional.of(blueGreen.incrementPercent());
            case CANARY -> Optional.of(blueGreen.initialPercent());
        };
        String strategy = switch (shift) {
            case ALL_AT_ONCE -> "BLUE_GREEN";
            case LINEAR -> "LINEAR";
            case CANARY -> "CANARY";
        };
        return Optional.of(new BlueGreenPlan(strategy, step, step.map(percent -> minutes), minutes, blueGreen.rollbackOnError(),
                blueGreen.shiftMinutes()));
    }

    /** Minutes a deployment's new tasks take to start, register and pass their health checks, about. */
    static final int START_MINUTES = 5;

    /** Minutes the new revision runs beside the old one in a deployment, about: it starts, is tested, takes traffic, bakes. */
    public int overlapMinutes() {
        return START_MINUTES + shiftMinutes;
    }

    /** How long the deploy script follows a deployment before it gives up. */
    public int timeoutMinutes() {
        return shiftMinutes + FOLLOW_MARGIN_MINUTES;
    }
}
