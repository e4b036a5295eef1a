package dev.specql.deploy.model.framework;

import java.util.Optional;

/**
 * The user's repository as detectors see it: small text files, read-only, by '/'-separated path relative to the
 * project root. The engine implements it over the real directory; the model never touches the file system.
 */
@FunctionalInterface
public interface ProjectFiles {

    /** The text of a file; empty when it does not exist, is not a regular file inside the project, or is too large. */
    Optional<String> read(String path);

    /** A project with no files besides the spec. */
    static ProjectFiles none() {
        return path -> Optional.empty();
    }
}
