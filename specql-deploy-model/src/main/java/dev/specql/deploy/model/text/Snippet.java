package dev.specql.deploy.model.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A short piece of text that a framework composes and a target language prints: words the generator wrote,
 * and code (file names, commands, identifiers and paths, whether written by the generator or taken from the
 * spec). The model decides the words; each target escapes the code its own way (inline code in Markdown, a
 * quoted word in a shell), so framework classes never need an escaper and spec values never pass unescaped.
 */
public record Snippet(List<Span> spans) {

    public Snippet {
        spans = List.copyOf(spans);
    }

    /** What a span holds, which decides how a target escapes it. */
    public enum Kind {
        /** Words chosen by the generator, never a spec value; printed as they are. */
        WORDS,
        /** A file name, command, identifier or path, possibly from the spec; inline code in prose, a quoted word in a shell. */
        CODE
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

    private Snippet append(Kind kind, String text) {
        List<Span> more = new ArrayList<>(spans);
        more.add(new Span(kind, text));
        return new Snippet(more);
    }
}
