package dev.specql.deploy.engine.escape;

import dev.specql.deploy.model.text.Snippet;

/** Markdown (CommonMark/GFM) text, inline code and table cells; HTML never passes through. */
public final class MarkdownEscaper {

    /** Characters with inline meaning anywhere ($ starts math on GitHub). */
    private static final String SPECIAL = "\\`*_[]|~$";
    /** Characters that only mean something at the start of a line: headings, lists, rules. */
    private static final String LEADING = "#+-=";
    /** "1." or "1)" at the start reads as an ordered list. */
    private static final java.util.regex.Pattern ORDERED = java.util.regex.Pattern.compile("^[0-9]{1,9}[.)]");

    /**
     * Inline text with every Markdown and HTML special character neutralised: inline markup everywhere,
     * block markup at the start, and HTML as entities.
     */
    public Safe text(Object value) {
        String s = Escapers.text(value).replaceAll("[\\r\\n]+", " ");
        StringBuilder sb = new StringBuilder(s.length() + 8);
        var ordered = ORDERED.matcher(s);
        int listMarker = ordered.find() ? ordered.end() - 1 : -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((i == 0 && LEADING.indexOf(c) >= 0) || i == listMarker) {
                sb.append('\\').append(c);
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (c == '&') {
                sb.append("&amp;");
            } else if (SPECIAL.indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return new Safe(sb.toString());
    }

    /** Inline code: a backtick fence longer than any run of backticks inside. */
    public Safe code(Object value) {
        String s = Escapers.text(value).replaceAll("[\\r\\n]+", " ");
        if (s.isEmpty()) {
            return new Safe("");
        }
        int longest = 0;
        int run = 0;
        for (char c : s.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
        return new Safe(fence + pad + s + pad + fence);
    }

    /** A snippet as Markdown: its words as written, code as inline code. */
    public Safe snippet(Snippet snippet) {
        StringBuilder sb = new StringBuilder();
        for (Snippet.Span span : snippet.spans()) {
            sb.append(span.kind() == Snippet.Kind.WORDS ? span.text() : code(span.text()).text());
        }
        return new Safe(sb.toString());
    }

    /** A value inside a fenced code block, where Markdown has no escapes: only what cannot close the fence passes. */
    public Safe inFence(Object value) {
        String s = Escapers.requireSingleLine("a Markdown code block", Escapers.text(value));
        if (s.contains("```") || s.contains("~~~")) {
            throw new IllegalArgumentException("a value inside a code block cannot contain a fence: " + s);
        }
        return new Safe(s);
    }
}
