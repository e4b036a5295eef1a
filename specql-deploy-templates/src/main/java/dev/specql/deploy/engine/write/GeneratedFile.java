package dev.specql.deploy.engine.write;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rendered file, ready to be written.
 *
 * @param path    relative to the project root, '/'-separated, without '.', '..' or empty segments
 * @param content the exact text to write, encoded as UTF-8 with no line-ending conversion
 * @param mode    whether the file is executable
 * @param phase   the generation phase that owns the file, e.g. {@code docker}; scopes obsolete-file cleanup
 */
public record GeneratedFile(String path, String content, FileMode mode, String phase) {

    /** Phases appear in the space-separated manifest and are joined with '+' into phase keys. */
    private static final Pattern PHASE = Pattern.compile("[A-Za-z0-9._-]+");

    public GeneratedFile {
        RelativePaths.check(path);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mode, "mode");
        checkPhase(phase);
    }

    public static GeneratedFile regular(String path, String content, String phase) {
        return new GeneratedFile(path, content, FileMode.REGULAR, phase);
    }

    public static GeneratedFile executable(String path, String content, String phase) {
        return new GeneratedFile(path, content, FileMode.EXECUTABLE, phase);
    }

    static String checkPhase(String phase) {
        if (phase == null || !PHASE.matcher(phase).matches()) {
            throw new IllegalArgumentException("invalid phase '" + phase + "': expected letters, digits, '.', '_' or '-'");
        }
        return phase;
    }
}
