package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * The view of .dockerignore.
 *
 * @param patterns the framework's own patterns, after the common ones
 */
public record DockerignoreView(Safe header, Safe outputDirectory, List<Safe> patterns) {

    public DockerignoreView {
        patterns = List.copyOf(patterns);
    }
}
