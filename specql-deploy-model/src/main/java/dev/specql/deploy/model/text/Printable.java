package dev.specql.deploy.model.text;

import java.util.Locale;

/**
 * Renders text from a spec for a one-line message. A problem prints as {@code file:line:col: path: message}, one
 * line in a build log: a line break, a terminal escape or a bidirectional control copied from the spec could forge
 * log lines, recolour the terminal or disguise the text around it. So every value quoted into a message goes
 * through {@link #quote(String)}, and {@code Problem} passes its whole text through
 * {@link #escape(String)}.
 */
public final class Printable {

    /** Values longer than this many code points are cut, so one huge value cannot drown the message. */
    public static final int MAX_SHOWN = 80;

    private static final String ELLIPSIS = "\u2026";

    private Printable() {
    }

    /**
     * Characters that print nothing or move the cursor: controls (C0, DEL, C1), format characters (bidirectional
     * controls, zero-width characters, the invisible tag block), line and paragraph separators, lone surrogates and
     * unassigned code points (they may be assigned an invisible meaning later).
     */
    public static boolean isInvisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    /** {@code 'value'}, escaped as {@link #escape} does and cut after {@value #MAX_SHOWN} code points. */
    public static String quote(String value) {
        return "'" + shorten(value) + "'";
    }

    /** The value escaped and cut as in {@link #quote}, without the quotes: for numbers and other bare words. */
    public static String shorten(String value) {
        int length = value.codePointCount(0, value.length());
        if (length <= MAX_SHOWN) {
            return escape(value);
        }
        return escape(value.substring(0, value.offsetByCodePoints(0, MAX_SHOWN))) + ELLIPSIS;
    }

    /**
     * The text with each invisible character written as an escape: {@code \n}, {@code \r}, {@code \t}, else
     * &#92;u001B or, beyond the BMP, &#92;U000E0069. Backslashes stay as they are, so escaping twice
     * changes nothing.
     */
    public static String escape(String text) {
        if (text.codePoints().noneMatch(Printable::isInvisible)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (!isInvisible(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp > 0xFFFF) {
                        sb.append(String.format(Locale.ROOT, "\\U%08X", cp));
                    } else {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
                    }
                }
            }
        });
        return sb.toString();
    }
}
