package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * The view of .dockerignore.
 *
 * @param exceptions generated folders the image build copies from, re-included after the output directory
 * @param patterns   the framework's own patterns, after the common ones
 */
public record DockerignoreView(Safe header, Safe outputDirectory, List<Safe> exceptions, List<Safe> patterns) {

    public DockerignoreView {
        exceptions = List.copyOf(exceptions);
        patterns = List.copyOf(patterns);
    }
}
