package dev.specql.deploy.engine.escape;

import java.util.Locale;

/** YAML 1.2 double-quoted scalars, and the Compose dialect where {@code $} starts an interpolation. */
public final class YamlEscaper {

    /** Any string as a double-quoted YAML scalar. */
    public Safe q(Object value) {
        return new Safe(quote(Escapers.text(value)));
    }

    /** A value in a Compose file: {@code $} doubled so Compose does not interpolate it, then quoted. */
    public Safe composeQ(Object value) {
        return new Safe(quote(literal(Escapers.text(value))));
    }

    /**
     * A Compose value that embeds one interpolation the generator chose (such as a required variable) between
     * literal texts, whose {@code $} are doubled; quoted as one scalar.
     */
    public Safe composeQ(Object before, String interpolation, Object after) {
        return new Safe(quote(literal(Escapers.text(before)) + interpolation + literal(Escapers.text(after))));
    }

    /**
     * A Compose value in which the generator's interpolation stands wherever {@code marker} stands in {@code text};
     * the rest is literal, its {@code $} doubled; quoted as one scalar.
     */
    public Safe composeReplacing(Object text, String marker, String interpolation) {
        String[] parts = Escapers.text(text).split(java.util.regex.Pattern.quote(marker), -1);
        StringBuilder joined = new StringBuilder(literal(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            joined.append(interpolation).append(literal(parts[i]));
        }
        return new Safe(quote(joined.toString()));
    }

    /**
     * Compose's "required" interpolation of a variable (upper case, digits and '_'): Compose refuses to start while it
     * is unset or empty, and says where to set it.
     */
    public static String required(String variable) {
        if (!variable.matches("[A-Z_][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not an environment variable name: " + variable);
        }
        return "${" + variable + ":?set " + variable + " in .env (see .env.example)}";
    }

    private static String literal(String text) {
        return text.replace("$", "$$");
    }

    /** Text for a {@code #} comment: one line, nothing that could end the comment. */
    public Safe comment(Object value) {
        return new Safe(commentText(value));
    }

    /** One line of comment text: YAML and the CI dialects built on it (GitHub, GitLab) end a comment only at a line break. */
    static String commentText(Object value) {
        return Escapers.text(value).replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
