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

    /** An exec-form argument list {@code ["a", "b"]}: JSON, run without a shell. */
    public Safe exec(List<?> arguments) {
        return new Safe(arguments.stream()
                .map(a -> Json.quote(Escapers.requireSingleLine("a Dockerfile argument", Escapers.text(a))))
                .collect(Collectors.joining(", ", "[", "]")));
    }
}
