package dev.specql.deploy.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlueGreenPlanTest {

    private static Optional<BlueGreenPlan> plan(String strategy, int initial, int increment, String interval, boolean rollback) {
        return BlueGreenPlan.of(new DeploymentSpec.BlueGreen(true, strategy, initial, increment, interval, rollback));
    }

    @Test
    void offMeansRollingUpdates() {
        assertThat(BlueGreenPlan.of(new DeploymentSpec.BlueGreen(false, "gradual", 10, 10, "1m", true))).isEmpty();
    }

    @Test
    void instantIsAllAtOnceWithTheIntervalAsBakeTime() {
        BlueGreenPlan plan = plan("instant", 10, 10, "5m", false).orElseThrow();
        assertThat(plan.strategy()).isEqualTo("BLUE_GREEN");
        assertThat(plan.stepPercent()).isEmpty();
        assertThat(plan.stepMinutes()).isEmpty();
        assertThat(plan.bakeMinutes()).isEqualTo(5);
        assertThat(plan.rollbackOnError()).isFalse();
        assertThat(plan.shiftMinutes()).isEqualTo(5);
    }

    @Test
    void equalStepsAreLinearAndWaitAfterEachStepButTheLast() {
        BlueGreenPlan plan = plan("gradual", 10, 10, "1m", true).orElseThrow();
        assertThat(plan.strategy()).isEqualTo("LINEAR");
        assertThat(plan.stepPercent()).contains(10);
        assertThat(plan.stepMinutes()).contains(1);
        // 10 steps, 9 waits between them, then the bake.
        assertThat(plan.shiftMinutes()).isEqualTo(9 + 1);
        assertThat(plan.overlapMinutes()).isEqualTo(BlueGreenPlan.START_MINUTES + 10);
        assertThat(plan.timeoutMinutes()).isEqualTo(10 + BlueGreenPlan.FOLLOW_MARGIN_MINUTES);
    }

    @Test
    void aLinearStepThatDoesNotDivideAHundredEndsWithAShorterStep() {
        // 30, 60, 90, 100: three waits.
        assertThat(plan("gradual", 30, 30, "2m", true).orElseThrow().shiftMinutes()).isEqualTo(3 * 2 + 2);
    }

    @Test
    void aFirstStepAndTheRestIsACanaryOfTheFirstStep() {
        BlueGreenPlan plan = plan("gradual", 20, 80, "1h", true).orElseThrow();
        assertThat(plan.strategy()).isEqualTo("CANARY");
        assertThat(plan.stepPercent()).contains(20);
        assertThat(plan.stepMinutes()).contains(60);
        assertThat(plan.shiftMinutes()).isEqualTo(60 + 60);
    }
}
