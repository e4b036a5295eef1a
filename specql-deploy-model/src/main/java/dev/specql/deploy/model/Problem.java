package dev.specql.deploy.model;

import dev.specql.deploy.model.text.Printable;
import java.util.Comparator;
import java.util.Optional;

/**
 * One thing wrong with a spec: where, which key, what was expected, and a fix when one is known.
 *
 * <p>Paths and messages carry text from the spec (keys, values), so the constructor escapes every invisible
 * character ({@link Printable#escape}): a problem always prints as one safe line. Values quoted into a message
 * should go through {@link Printable#quote}, which also cuts long ones.
 *
 * @param location   where the problem is
 * @param path       the key path, e.g. {@code database.backup.retention}; empty for problems of the whole file
 * @param message    what is wrong and what was expected
 * @param suggestion a did-you-mean or a fix, if any
 */
public record Problem(Location location, String path, String message, Optional<String> suggestion) {

    public static final Comparator<Problem> BY_POSITION = Comparator
            .comparing((Problem p) -> p.location().file())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(Problem::path)
            .thenComparing(Problem::message);

    public Problem {
        if (location == null || path == null || message == null || suggestion == null) {
            throw new IllegalArgumentException("problem fields must not be null");
        }
        path = Printable.escape(path);
        message = Printable.escape(message);
        suggestion = suggestion.map(Printable::escape);
    }

    public static Problem of(Location location, String path, String message) {
        return new Problem(location, path, message, Optional.empty());
    }

    public static Problem of(Location location, String path, String message, String suggestion) {
        return new Problem(location, path, message, Optional.ofNullable(suggestion));
    }

    /** {@code file:line:col: path: message (suggestion)}, one line, as compilers print. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(location).append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(message);
        suggestion.ifPresent(s -> sb.append(" (").append(s).append(')'));
        return sb.toString();
    }
}
