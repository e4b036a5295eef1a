package dev.specql.deploy.engine.escape;

/**
 * GitHub Actions workflow files: YAML whose strings GitHub scans for expressions (a dollar sign and two opening
 * braces) wherever they stand, quoted or not. A user's text holding that opener would run as an expression (reading
 * secrets, or injecting into a shell), so each opener is written as the expression that yields it literally.
 */
public final class WorkflowEscaper {

    private static final String OPEN = "${{";
    private static final String LITERAL_OPEN = "${{ '${{' }}";

    /** Any string as a double-quoted YAML scalar that GitHub reads back as exactly that text. */
    public Safe q(Object value) {
        return new Safe(YamlEscaper.quote(Escapers.text(value).replace(OPEN, LITERAL_OPEN)));
    }

    /** A string literal inside an expression: single-quoted, each single quote doubled, as GitHub's expression syntax reads it. */
    public String literal(Object value) {
        return "'" + Escapers.text(value).replace("'", "''") + "'";
    }

    /** Text for a {@code #} comment: one line; GitHub does not evaluate comments. */
    public Safe comment(Object value) {
        return new Safe(YamlEscaper.commentText(value));
    }
}
