package dev.specql.deploy.engine.plan;

import java.util.Collections;
import java.util.regex.Pattern;

/**
 * Where each phase writes, relative to the project root, '/'-separated. Phases find each other's files here,
 * never through another phase's classes.
 *
 * @param outputDirectory the output root, e.g. "generated"
 */
public record Layout(String outputDirectory) {

    /** Phase 1: Docker and Compose. */
    public static final String DEPLOYMENT = "deployment";
    /** Phase 2: OpenTofu on AWS. */
    public static final String OPENTOFU = "infrastructure/opentofu";
    /** Phase 3: CI/CD documentation (the workflows themselves live where the CI service reads them). */
    public static final String CICD = "cicd";
    /** Phase 4: Prometheus, Alertmanager and the rest of the observability stack. */
    public static final String OBSERVABILITY = "observability";
    /** Phase 5: the Helm chart of the kubernetes pattern, one folder per chart. */
    public static final String HELM = "helm";

    /** Plain relative paths only: the output directory is printed into .dockerignore, compose files and docs. */
    private static final Pattern RELATIVE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    public Layout {
        if (!RELATIVE.matcher(outputDirectory).matches() || outputDirectory.contains("..")) {
            throw new IllegalArgumentException("the output directory must be a plain relative path inside the project "
                    + "(letters, digits, '.', '_', '-', '/'): " + outputDirectory);
        }
    }

    /** A path under the output root. */
    public String output(String relative) {
        return outputDirectory + "/" + relative;
    }

    /** From a directory under the output root back to the project root, e.g. "../.." for "deployment". */
    public String projectRootFrom(String outputSubdirectory) {
        int depth = output(outputSubdirectory).split("/").length;
        return String.join("/", Collections.nCopies(depth, ".."));
    }

    /** A file of phase 1, e.g. deployment("Caddyfile"). */
    public String deployment(String file) {
        return output(DEPLOYMENT + "/" + file);
    }

    /** A file of phase 2, e.g. opentofu("README.md"). */
    public String opentofu(String file) {
        return output(OPENTOFU + "/" + file);
    }

    /** A file of phase 3, e.g. cicd("CICD_README.md"). */
    public String cicd(String file) {
        return output(CICD + "/" + file);
    }

    /** A file of phase 4, e.g. observability("README.md"). */
    public String observability(String file) {
        return output(OBSERVABILITY + "/" + file);
    }

    /** A file of phase 5's chart, e.g. helm("myapp/values.yaml"). */
    public String helm(String file) {
        return output(HELM + "/" + file);
    }

    /** Phase 1's production Compose file, which the hobby-project server runs. */
    public String productionCompose() {
        return deployment("compose.production.yaml");
    }

    /** Phase 1's Caddyfile, mounted into the production Compose stack. */
    public String caddyfile() {
        return deployment("Caddyfile");
    }

    /** The Dockerfile, which Compose files and pipelines build. */
    public String dockerfile() {
        return deployment("Dockerfile");
    }

    /** An environment root of phase 2, relative to the output root. */
    public static String environmentRoot(String environment) {
        return OPENTOFU + "/environments/" + environment;
    }

    /** A path relative to the project root, as seen from an environment root of phase 2 (through the project root). */
    public String fromEnvironmentRoot(String path) {
        return projectRootFrom(environmentRoot("any")) + "/" + path;
    }

    /** A directory under the output root as seen from another, e.g. "../../../../deployment". */
    public static String relative(String fromDirectory, String toDirectory) {
        return String.join("/", Collections.nCopies(fromDirectory.split("/").length, "..")) + "/" + toDirectory;
    }
}
