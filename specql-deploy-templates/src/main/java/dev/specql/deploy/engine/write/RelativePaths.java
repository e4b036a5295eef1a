package dev.specql.deploy.engine.write;

import java.util.Locale;

/**
 * The one definition of a path the writer accepts: relative to the project root, '/'-separated, canonical.
 * Shared by generated files and manifest entries, because a hostile manifest must not smuggle in what a template cannot.
 */
final class RelativePaths {

    private RelativePaths() {
    }

    /** Returns the path unchanged, or throws {@link IllegalArgumentException} saying what is wrong with it. */
    static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a generated path must not be empty");
        }
        if (path.startsWith("/")) {
            throw invalid(path, "must be relative to the project root");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                throw invalid(path, "must use '/' as separator, not '\\'");
            }
            // ':' would make a drive-relative or absolute path on Windows.
            if (c == ':') {
                throw invalid(path, "must not contain ':'");
            }
            // Control characters would break the line-based manifest and terminal output.
            if (c < 0x20 || c == 0x7f) {
                throw invalid(path, "must not contain control characters");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(path, "must not contain empty segments");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(path, "must not contain '" + segment + "' segments");
            }
        }
        return path;
    }

    private static IllegalArgumentException invalid(String path, String why) {
        return new IllegalArgumentException("invalid generated path '" + printable(path) + "': " + why);
    }

    /** The path with control characters shown as \\uXXXX, so an error message cannot forge log lines. */
    static String printable(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
