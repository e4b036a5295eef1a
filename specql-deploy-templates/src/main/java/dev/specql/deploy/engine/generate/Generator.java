package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.plan.DeploymentPlan;
import java.util.List;
import java.util.Set;

/**
 * One phase: declares the files it writes for a plan, as data. It renders nothing itself and does no I/O; the
 * engine renders every declaration with {@link FileRenderer}, so the templates a run reads are known before
 * it renders. Declarations come out in a stable order.
 */
public interface Generator {

    /** The phase name, also the goal that runs it alone: "docker", "opentofu", ... */
    String phase();

    /** The files this phase writes for the plan; empty when the pattern has nothing for it. */
    List<FileDeclaration> files(DeploymentPlan plan);

    /**
     * Phases whose files this phase's output reads at deploy time for this plan. When a goal runs this phase
     * alone, the engine generates those too, so the output is never half of a configuration.
     */
    default Set<String> requires(DeploymentPlan plan) {
        return Set.of();
    }
}
