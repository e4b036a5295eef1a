package dev.specql.deploy.maven;

import dev.specql.deploy.engine.Phase;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Phase 2: OpenTofu on AWS for the hobby-project, small-saas and production-saas patterns: a bootstrap,
 * one root per environment, local modules with tests, deploy.sh and a README with a cost estimate.
 * Runs without a pom too. The hobby-project server runs the phase-1 Compose files, so on that pattern the
 * engine writes phase 1 as well and says so.
 */
@Mojo(name = "opentofu", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class OpenTofuMojo extends AbstractGenerateMojo {

    /** Skips this goal. */
    @Parameter(property = "specql.deploy.opentofu.skip", defaultValue = "false")
    private boolean opentofuSkip;

    @Override
    protected String goal() {
        return "opentofu";
    }

    @Override
    protected boolean goalSkipped() {
        return opentofuSkip;
    }

    @Override
    protected List<Phase> phases() {
        return List.of(Phase.OPENTOFU);
    }
}
