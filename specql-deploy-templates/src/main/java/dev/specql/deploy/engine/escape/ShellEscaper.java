package dev.specql.deploy.engine.escape;

import dev.specql.deploy.model.text.Snippet;

/** POSIX shell words: single quotes, which turn off every expansion. */
public final class ShellEscaper {

    public Safe q(Object value) {
        String s = Escapers.requireSingleLine("a shell word", Escapers.text(value));
        return new Safe("'" + s.replace("'", "'\"'\"'") + "'");
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
