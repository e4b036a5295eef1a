package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.List;

/**
 * Everything a run decides before any file is written, computed once by {@link Planner} and handed to every
 * generator: the spec with defaults applied, where each phase writes, how the app runs, the environments and
 * their sizing. What the user's repository says travels in the spec ({@link DeploymentSpec#project()}). Generators read
 * it; none recomputes it or calls another.
 *
 * @param spec         the effective spec
 * @param layout       where each phase writes
 * @param app          how the app runs
 * @param environments the promotion order; the last is the production tier
 */
public record DeploymentPlan(DeploymentSpec spec, Layout layout, AppPlan app, List<EnvironmentPlan> environments) {

    public DeploymentPlan {
        environments = List.copyOf(environments);
    }

    public EnvironmentPlan production() {
        return environments.get(environments.size() - 1);
    }
}
