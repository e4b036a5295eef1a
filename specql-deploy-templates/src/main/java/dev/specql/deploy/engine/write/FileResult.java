package dev.specql.deploy.engine.write;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one path.
 *
 * @param path     relative to the project root
 * @param action   what was done
 * @param detail   a short human reason, e.g. why a file is in conflict
 * @param sideFile the {@code .specql-new} file holding the new version, for a conflict
 * @param diff     a unified diff from the file on disk to the generated content, when asked for
 */
public record FileResult(String path, Action action, String detail, Optional<String> sideFile, Optional<String> diff) {

    public FileResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(sideFile, "sideFile");
        Objects.requireNonNull(diff, "diff");
    }

    /** {@code CONFLICT Dockerfile: edited since last generation; ...}, one line, for build logs. */
    @Override
    public String toString() {
        return action + " " + path + (detail.isEmpty() ? "" : ": " + detail);
    }
}
