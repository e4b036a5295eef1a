package dev.specql.deploy.model.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A short piece of text that a framework or generator composes and a target language prints: words the
 * generator wrote, code (a file name, a command) and values that came from the spec. The model decides the
 * words; each target decides how code and values are escaped (inline code in Markdown, quoted words in a
 * shell), so framework classes never need an escaper.
 */
public record Snippet(List<Span> spans) {

    public Snippet {
        spans = List.copyOf(spans);
    }

    /** What a span holds, which decides how a target escapes it. */
    public enum Kind {
        /** Words chosen by the generator; printed as they are. */
        WORDS,
        /** A file name, command or identifier; inline code in prose, a quoted word in a shell. */
        CODE,
        /** Text from the spec, escaped as plain text of the target language. */
        VALUE
    }

    public record Span(Kind kind, String text) {
    }

    public static Snippet words(String words) {
        return new Snippet(List.of(new Span(Kind.WORDS, words)));
    }

    public static Snippet code(String code) {
        return new Snippet(List.of(new Span(Kind.CODE, code)));
    }

    public Snippet then(String words) {
        return append(Kind.WORDS, words);
    }

    public Snippet thenCode(String code) {
        return append(Kind.CODE, code);
    }

    public Snippet thenValue(String value) {
        return append(Kind.VALUE, value);
    }

    private Snippet append(Kind kind, String text) {
        List<Span> more = new ArrayList<>(spans);
        more.add(new Span(kind, text));
        return new Snippet(more);
    }

    /** The plain text, unescaped: for messages and tests, never for a generated file. */
    public String plain() {
        StringBuilder sb = new StringBuilder();
        spans.forEach(span -> sb.append(span.text()));
        return sb.toString();
    }
}
