package dev.specql.deploy.engine.escape;

import dev.specql.deploy.model.text.Json;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Dockerfile values. Instructions end at a newline and the builder substitutes {@code $VAR} in LABEL,
 * ENV, ARG and friends, so values are kept on one line and {@code $} is escaped.
 */
public final class DockerfileEscaper {

    /** A double-quoted value for LABEL, ENV or ARG. */
    public Safe q(Object value) {
        String s = Escapers.requireSingleLine("a Dockerfile value", Escapers.text(value));
        return new Safe('"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"');
    }

    /**
     * A project file path in a RUN flag such as {@code --mount=type=bind,source=...}: the flag is comma-separated
     * fields and the command a shell line, so only plain path characters pass.
     */
    public Safe path(String path) {
        if (!PLAIN_PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("not a plain project path: " + path);
        }
        return new Safe(path);
    }

    /** An absolute path in the image, as plain as {@link #path} requires. */
    public Safe absolutePath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        return new Safe("/" + path(path.substring(1)).text());
    }

    private static final java.util.regex.Pattern PLAIN_PATH = java.util.regex.Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._/-]{0,254}");

    /** An exec-form argument list {@code ["a", "b"]}: JSON, run without a shell. */
    public Safe exec(List<?> arguments) {
        return new Safe(arguments.stream()
                .map(a -> Json.quote(Escapers.requireSingleLine("a Dockerfile argument", Escapers.text(a))))
                .collect(Collectors.joining(", ", "[", "]")));
    }
}
