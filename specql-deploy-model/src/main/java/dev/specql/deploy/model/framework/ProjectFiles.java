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

    /**
     * The names of the entries of a folder, sorted; empty when it is not a folder inside the project. The default
     * lists nothing: a project that only reads files has no folders to show.
     */
    default Optional<java.util.List<String>> list(String directory) {
        return Optional.empty();
    }

    /** A project with no files besides the spec. */
    static ProjectFiles none() {
        return path -> Optional.empty();
    }
}
