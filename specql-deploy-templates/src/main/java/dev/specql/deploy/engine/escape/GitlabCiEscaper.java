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

    /** Text for a {@code #} comment: one line. */
    public Safe comment(Object value) {
        return new Safe(YamlEscaper.commentText(value));
    }
}
