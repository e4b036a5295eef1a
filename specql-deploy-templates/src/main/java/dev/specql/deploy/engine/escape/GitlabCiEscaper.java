package dev.specql.deploy.engine.escape;

/**
 * GitLab CI files: YAML whose variable values and scripts GitLab expands ({@code $NAME}, {@code ${NAME}}) before a
 * job sees them. A user's text is written with every {@code $} doubled, which GitLab reads back as one literal
 * {@code $}, then quoted as a YAML string.
 */
public final class GitlabCiEscaper {

    /** Any string as a double-quoted YAML scalar that GitLab expands back to exactly that text. */
    public Safe q(Object value) {
        return new Safe(YamlEscaper.quote(Escapers.text(value).replace("$", "$$")));
    }

    /**
     * A script line: GitLab hands {@code script:} lines to the shell without expanding them, so the line (already quoted
     * for the shell, word by word) is only quoted as a YAML string; doubling {@code $} here would give the shell's PID.
     */
    public Safe script(Safe shellLine) {
        return new Safe(YamlEscaper.quote(shellLine.text()));
    }

    /**
     * A string literal in a {@code rules:if} expression. GitLab's expression strings have no escapes, so only a git ref
     * name's characters are admitted (the spec's refs are validated to those); anything else is a bug, not input.
     */
    public Safe expressionString(String value) {
        return new Safe('"' + refText(value) + '"');
    }

    /** A {@code rules:if} regular expression (RE2) matching every string that starts with {@code stem}. */
    public Safe prefixPattern(String stem) {
        return new Safe("/^" + refText(stem).replace(".", "\\.").replace("/", "\\/") + "/");
    }

    private static String refText(String value) {
        if (!value.matches("[A-Za-z0-9._/-]*")) {
            throw new IllegalArgumentException("not a git ref name: " + value);
        }
        return value;
    }

    /** Text for a {@code #} comment: one line. */
    public Safe comment(Object value) {
        return new Safe(YamlEscaper.commentText(value));
    }
}
