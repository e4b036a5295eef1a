package dev.specql.deploy.maven;

import dev.specql.deploy.engine.DeployEngine;
import dev.specql.deploy.engine.EngineRequest;
import dev.specql.deploy.engine.EngineResult;
import dev.specql.deploy.engine.Phase;
import dev.specql.deploy.engine.ToolVersion;
import dev.specql.deploy.engine.render.TemplateRenderer;
import dev.specql.deploy.engine.write.Action;
import dev.specql.deploy.engine.write.FileResult;
import dev.specql.deploy.engine.write.WriteOptions;
import dev.specql.deploy.engine.write.WriteReport;
import dev.specql.deploy.model.SpecException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that generates files for one or more phases. */
abstract class AbstractGenerateMojo extends AbstractDeployMojo {

    /** Where generated files go; must be inside the project. Default: {@code generated} in the base directory. */
    @Parameter(property = "specql.deploy.outputDirectory")
    protected File outputDirectory;

    /**
     * Template overrides: a file here at the same relative path as a bundled template (for example
     * {@code docker/Caddyfile.vm}) replaces it. Default: {@code .specql-deploy/templates} in the base directory.
     */
    @Parameter(property = "specql.deploy.templateDirectory")
    protected File templateDirectory;

    /** Overwrites files edited since they were generated, instead of writing the new version beside them. */
    @Parameter(property = "specql.deploy.force", defaultValue = "false")
    protected boolean force;

    /** Lists what would be created, updated, left alone, in conflict or ignored, and writes nothing. */
    @Parameter(property = "specql.deploy.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** With dryRun: prints a unified diff of every change. */
    @Parameter(property = "specql.deploy.diff", defaultValue = "false")
    protected boolean diff;

    /** Fails the build when a generated file was edited by hand and so could not be updated. */
    @Parameter(property = "specql.deploy.failOnConflict", defaultValue = "false")
    protected boolean failOnConflict;

    /** The phases this goal generates. */
    protected abstract List<Phase> phases();

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        File base = baseDirectory();
        EngineRequest request = new EngineRequest(base.toPath(), spec().toPath(), orDefault(outputDirectory, "generated").toPath(),
                Optional.of(orDefault(templateDirectory, ".specql-deploy/templates").toPath()), phases(),
                new WriteOptions(force, dryRun, diff), ToolVersion.current());
        String requested = phases().stream().map(Phase::id).collect(Collectors.joining(", "));
        EngineResult result;
        try {
            result = new DeployEngine().run(request);
        } catch (SpecException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException | UncheckedIOException | TemplateRenderer.TemplateException | IllegalArgumentException e) {
            throw new MojoExecutionException("specql-deploy could not generate " + requested + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new MojoExecutionException("specql-deploy could not generate " + requested + " (a bug in specql-deploy; "
                    + "please report it with the spec): " + e.getMessage(), e);
        }
        String where = base.toPath().toAbsolutePath().normalize()
                .relativize(request.outputDirectory()).toString();
        result.config().warnings().forEach(warning -> getLog().warn("specql-deploy: " + warning));
        result.notes().forEach(note -> getLog().info("specql-deploy: " + note));
        String phaseNames = String.join(", ", result.phases());
        if (result.upToDate()) {
            getLog().info("specql-deploy: " + phaseNames + " up to date in " + where + "; nothing changed since the last run, nothing written");
            return;
        }
        WriteReport report = result.report().orElseThrow();
        for (FileResult file : report.results()) {
            logFile(file);
        }
        getLog().info("specql-deploy: " + (dryRun ? "dry run, nothing written: " : "") + report.summary()
                + " (" + phaseNames + " in " + where + ")");
        if (failOnConflict && report.hasConflicts()) {
            throw new MojoFailureException(report.count(Action.CONFLICT) + " generated file(s) were edited by hand and left alone; "
                    + "merge the *.specql-new versions, list the files in .specql-deploy-ignore, or run with -Dspecql.deploy.force=true");
        }
    }

    private void logFile(FileResult file) {
        String line = String.format(java.util.Locale.ROOT, "  %-9s %s%s", file.action().name().toLowerCase(java.util.Locale.ROOT),
                file.path(), file.detail().isEmpty() ? "" : " (" + file.detail() + ")");
        if (file.action() == Action.CONFLICT) {
            getLog().warn(line + file.sideFile().map(s -> "; new version: " + s).orElse(""));
        } else if (dryRun) {
            getLog().info(line);
        } else {
            getLog().debug(line);
        }
        if (dryRun && diff) {
            file.diff().ifPresent(d -> getLog().info("\n" + d));
        }
    }
}
