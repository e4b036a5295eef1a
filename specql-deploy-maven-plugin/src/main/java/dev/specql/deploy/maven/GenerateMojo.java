package dev.specql.deploy.maven;

import dev.specql.deploy.engine.Phase;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Generates every phase that exists from the deployment spec. Runs without a pom too. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class GenerateMojo extends AbstractGenerateMojo {

    /** Skips this goal. */
    @Parameter(property = "specql.deploy.generate.skip", defaultValue = "false")
    private boolean generateSkip;

    @Override
    protected String goal() {
        return "generate";
    }

    @Override
    protected boolean goalSkipped() {
        return generateSkip;
    }

    @Override
    protected List<Phase> phases() {
        return Phase.all();
    }
}
