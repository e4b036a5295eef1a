package dev.specql.deploy.maven;

import dev.specql.deploy.engine.Phase;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Phase 4: observability. Prometheus (scrape configuration, alert rules with their promtool unit tests) and Alertmanager
 * (routes to the spec's channels) in generated/observability, with its README, where the spec turns Prometheus on. Says on
 * the console what it leaves out. Runs without a pom too.
 */
@Mojo(name = "observability", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class ObservabilityMojo extends AbstractGenerateMojo {

    /** Skips this goal. */
    @Parameter(property = "specql.deploy.observability.skip", defaultValue = "false")
    private boolean observabilitySkip;

    @Override
    protected String goal() {
        return "observability";
    }

    @Override
    protected boolean goalSkipped() {
        return observabilitySkip;
    }

    @Override
    protected List<Phase> phases() {
        return List.of(Phase.OBSERVABILITY);
    }
}
