package dev.specql.deploy.maven;

import dev.specql.deploy.engine.Phase;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Phase 1: Dockerfile, compose files for development and one production server, Caddyfile,
 * .env.example, .dockerignore, backup scripts and DEPLOYMENT_README.md. Runs without a pom too.
 */
@Mojo(name = "docker", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class DockerMojo extends AbstractGenerateMojo {

    /** Skips this goal. */
    @Parameter(property = "specql.deploy.docker.skip", defaultValue = "false")
    private boolean dockerSkip;

    @Override
    protected String goal() {
        return "docker";
    }

    @Override
    protected boolean goalSkipped() {
        return dockerSkip;
    }

    @Override
    protected List<Phase> phases() {
        return List.of(Phase.DOCKER);
    }
}
