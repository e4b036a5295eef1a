package dev.specql.deploy.engine.escape;

import dev.specql.deploy.model.text.Snippet;

/** POSIX shell words: single quotes, which turn off every expansion. */
public final class ShellEscaper {

    public Safe q(Object value) {
        String s = Escapers.requireSingleLine("a shell word", Escapers.text(value));
        return new Safe("'" + s.replace("'", "'\"'\"'") + "'");
    }

    /** Characters no POSIX shell treats specially anywhere in a word (not leading '~', '#' or '='-assignments). */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./:@%+,=-]*");

    /** A command as a shell line a reader recognises: words that need no quoting stay bare, the rest are quoted. */
    public Safe command(java.util.List<String> argv) {
        return new Safe(String.join(" ", argv.stream().map(word -> PLAIN.matcher(word).matches() ? word : q(word).text()).toList()));
    }

    /** A snippet as a shell line: its words as written, each code span as one quoted word. */
    public Safe snippet(Snippet snippet) {
        StringBuilder sb = new StringBuilder();
        for (Snippet.Span span : snippet.spans()) {
            sb.append(span.kind() == Snippet.Kind.WORDS ? span.text() : q(span.text()).text());
        }
        return new Safe(sb.toString());
    }
}
