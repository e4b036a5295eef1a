package dev.specql.deploy.maven;

import dev.specql.deploy.engine.Phase;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Phase 5a: the Helm chart of the kubernetes pattern in generated/helm/NAME (the app, its worker, the migrations as a
 * hook, a CloudNativePG cluster, ingress, autoscaling, NetworkPolicies), with phase 1's Dockerfile, which builds its
 * image. Writes nothing for the other patterns, and says so. Runs without a pom too.
 */
@Mojo(name = "helm", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class HelmMojo extends AbstractGenerateMojo {

    /** Skips this goal. */
    @Parameter(property = "specql.deploy.helm.skip", defaultValue = "false")
    private boolean helmSkip;

    @Override
    protected String goal() {
        return "helm";
    }

    @Override
    protected boolean goalSkipped() {
        return helmSkip;
    }

    @Override
    protected List<Phase> phases() {
        return List.of(Phase.HELM);
    }
}
