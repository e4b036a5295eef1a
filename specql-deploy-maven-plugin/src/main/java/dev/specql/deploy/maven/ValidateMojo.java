package dev.specql.deploy.maven;

import dev.specql.deploy.engine.DeployEngine;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.Origin;
import dev.specql.deploy.model.config.Setting;
import dev.specql.deploy.model.rules.InertKeys;
import dev.specql.deploy.model.load.SpecLoader;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the deployment spec and prints the effective configuration: every value, and whether it came
 * from the spec, the pattern, the framework, a derivation or a built-in default. Writes nothing.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = false, threadSafe = true)
public class ValidateMojo extends AbstractDeployMojo {

    /** Skips this goal. */
    @Parameter(property = "specql.deploy.validate.skip", defaultValue = "false")
    private boolean validateSkip;

    @Override
    protected String goal() {
        return "validate";
    }

    @Override
    protected boolean goalSkipped() {
        return validateSkip;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        java.nio.file.Path specPath = spec().toPath().toAbsolutePath().normalize();
        String name = baseDirectory().toPath().toAbsolutePath().normalize().relativize(specPath).toString();
        SpecLoader.LoadedSpec loaded;
        try {
            loaded = DeployEngine.load(baseDirectory().toPath(), specPath);
        } catch (SpecException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + specPath + ": " + e.getMessage(), e);
        }
        Collection<Setting> settings = loaded.config().settings().values();
        // Defaults of phases not built yet would only bury what the output follows; keys the spec writes still show.
        List<Setting> shown = settings.stream().filter(s -> !InertKeys.idleDefault(s, loaded.spec().pattern())).toList();
        int keyWidth = shown.stream().mapToInt(s -> s.path().length()).max().orElse(0);
        getLog().info("specql-deploy: " + name + " is valid. Effective configuration (value, then where it came from):");
        for (Setting setting : shown) {
            getLog().info(String.format(java.util.Locale.ROOT, "  %-" + keyWidth + "s = %s   [%s]", setting.path(),
                    Printable.value(setting.value()), setting.provenance()));
        }
        List<ProjectFacts.Fact> facts = loaded.spec().project().facts();
        if (!facts.isEmpty()) {
            getLog().info("specql-deploy: what the generated files also follow, read from the project:");
            int factWidth = facts.stream().mapToInt(f -> f.name().length()).max().orElse(0);
            for (ProjectFacts.Fact fact : facts) {
                getLog().info(String.format(java.util.Locale.ROOT, "  %-" + factWidth + "s = %s   [%s]", fact.name(),
                        Printable.value(fact.value()), fact.source()));
            }
        }
        long fromSpec = settings.stream().filter(s -> s.origin() == Origin.USER).count();
        long detected = settings.stream().filter(s -> s.origin() == Origin.DETECTED).count();
        getLog().info("specql-deploy: " + settings.size() + " settings, " + fromSpec + " written in the spec, " + detected
                + " read from the project's files" + (shown.size() == settings.size() ? "" : "; " + (settings.size() - shown.size())
                + " defaults nothing reads for this pattern (another pattern's section, or phases not generated yet: CI/CD deploys, "
                + "observability, multi-region, blue/green) not listed"));
        loaded.config().warnings().forEach(warning -> getLog().warn("specql-deploy: " + warning));
    }
}
