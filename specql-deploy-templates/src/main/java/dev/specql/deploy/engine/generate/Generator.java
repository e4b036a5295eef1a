package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.plan.DeploymentPlan;
import java.util.List;

/**
 * One phase: declares the files it writes for a plan, as data. It renders nothing itself and does no I/O; the
 * engine renders every declaration with {@link FileRenderer}, so the templates a run reads are known before
 * it renders. Declarations come out in a stable order.
 */
public interface Generator {

    /** The phase name, also the goal that runs it alone: "docker", "opentofu", ... */
    String phase();

    /**
     * The files this phase writes for the plan; empty when the pattern has nothing for it.
     *
     * @param sources shipped files as this run will write them, for facts derived from them
     */
    List<FileDeclaration> files(DeploymentPlan plan, Sources sources);

    /**
     * Files of other phases (paths from {@link dev.specql.deploy.engine.plan.Layout}) that this phase's output
     * reads at deploy time. When a goal runs this phase alone, the engine also runs the phase that writes them,
     * so the output is never half of a configuration; a path no phase writes fails the run.
     */
    default List<String> reads(DeploymentPlan plan) {
        return List.of();
    }

    /** What the console should tell the user about this phase's output for the plan: what it leaves out, where files went. */
    default List<String> notes(DeploymentPlan plan) {
        return List.of();
    }
}
