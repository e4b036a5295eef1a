package dev.specql.deploy.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Parameters and skip handling shared by every goal. Goals only map parameters onto the engine; all
 * behaviour lives in specql-deploy-templates, which knows nothing of Maven.
 */
abstract class AbstractDeployMojo extends AbstractMojo {

    /** The project's base directory; absent when Maven runs without a pom. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File projectDirectory;

    /** Where Maven was started; the base directory when there is no pom. */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    private File executionRoot;

    /** The deployment spec. Default: {@code deployment.yaml} in the project directory (or the current one without a pom). */
    @Parameter(property = "specql.deploy.spec")
    private File spec;

    /** Skips every specql-deploy goal. */
    @Parameter(property = "specql.deploy.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("specql-deploy: skipped (specql.deploy.skip=true)");
            return;
        }
        if (goalSkipped()) {
            getLog().info("specql-deploy: " + goal() + " skipped (specql.deploy." + goal() + ".skip=true)");
            return;
        }
        run();
    }

    /** The project directory, or the directory Maven was started in when there is no pom. */
    protected File baseDirectory() {
        File base = projectDirectory != null ? projectDirectory : executionRoot;
        return base != null ? base : new File(".").getAbsoluteFile();
    }

    protected File spec() {
        return spec != null ? spec : new File(baseDirectory(), "deployment.yaml");
    }

    /** A file parameter, or its default under the base directory. */
    protected File orDefault(File value, String relative) {
        return value != null ? value : new File(baseDirectory(), relative);
    }

    /** The goal's name, for messages and its skip property. */
    protected abstract String goal();

    /** This goal's own skip flag. */
    protected abstract boolean goalSkipped();

    protected abstract void run() throws MojoExecutionException, MojoFailureException;
}
