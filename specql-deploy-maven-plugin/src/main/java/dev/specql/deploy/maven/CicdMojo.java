package dev.specql.deploy.maven;

import dev.specql.deploy.engine.Phase;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Phase 3: CI/CD. The CI pipeline (lint and test against PostgreSQL, build and scan the image) for GitHub Actions or
 * GitLab CI, at the project root where the service reads it, and CICD_README.md. Says on the console what is
 * not generated yet. Runs without a pom too.
 */
@Mojo(name = "cicd", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class CicdMojo extends AbstractGenerateMojo {

    /** Skips this goal. */
    @Parameter(property = "specql.deploy.cicd.skip", defaultValue = "false")
    private boolean cicdSkip;

    @Override
    protected String goal() {
        return "cicd";
    }

    @Override
    protected boolean goalSkipped() {
        return cicdSkip;
    }

    @Override
    protected List<Phase> phases() {
        return List.of(Phase.CICD);
    }
}
