package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.render.TemplateRenderer;

/**
 * What a generator needs besides the model.
 *
 * @param renderer        renders templates (bundled or user overrides)
 * @param outputDirectory the output root relative to the project root, '/'-separated, e.g. "generated"
 */
public record GenerationContext(TemplateRenderer renderer, String outputDirectory) {

    /** Plain relative paths only: the output directory is printed into .dockerignore, compose files and docs. */
    private static final java.util.regex.Pattern RELATIVE = java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    public GenerationContext {
        if (!RELATIVE.matcher(outputDirectory).matches() || outputDirectory.contains("..")) {
            throw new IllegalArgumentException("the output directory must be a plain relative path inside the project "
                    + "(letters, digits, '.', '_', '-', '/'): " + outputDirectory);
        }
    }

    /** A path under the output root. */
    public String output(String relative) {
        return outputDirectory.isEmpty() ? relative : outputDirectory + "/" + relative;
    }

    /** From a directory under the output root back to the project root, e.g. "../.." for "deployment". */
    public String projectRootFrom(String outputSubdirectory) {
        int depth = output(outputSubdirectory).split("/").length;
        return String.join("/", java.util.Collections.nCopies(depth, ".."));
    }
}
