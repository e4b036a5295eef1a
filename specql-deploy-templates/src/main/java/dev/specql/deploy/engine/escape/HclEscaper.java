package dev.specql.deploy.engine.escape;

import java.util.Locale;

/** HCL (OpenTofu) quoted strings, where {@code ${} and {@code %{} start templates. */
public final class HclEscaper {

    /** A list of quoted strings: ["a", "b"]. */
    public Safe list(java.util.List<?> values) {
        return new Safe(values.stream().map(v -> q(v).text()).collect(java.util.stream.Collectors.joining(", ", "[", "]")));
    }

    /** {@code "${reference}suffix"}: a reference interpolated into a string, the suffix escaped. */
    public Safe interpolated(String reference, Object suffix) {
        return interpolated("", reference, suffix);
    }

    /** {@code "prefix${reference}suffix"}: a reference interpolated between two escaped texts. */
    public Safe interpolated(Object prefix, String reference, Object suffix) {
        String before = q(prefix).text();
        String after = q(suffix).text();
        return new Safe(before.substring(0, before.length() - 1) + "$" + "{" + reference + "}" + after.substring(1));
    }

    public Safe q(Object value) {
        String s = Escapers.text(value);
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean templateStart = i + 1 < s.length() && s.charAt(i + 1) == '{';
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$' -> sb.append(templateStart ? "$$" : "$");
                case '%' -> sb.append(templateStart ? "%%" : "%");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return new Safe(sb.append('"').toString());
    }
}
