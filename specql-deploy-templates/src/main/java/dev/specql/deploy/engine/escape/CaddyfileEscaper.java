package dev.specql.deploy.engine.escape;


/**
 * Caddyfile tokens. Caddy expands {placeholders} even inside quotes and reads a newline as the end of a
 * directive, so values that contain braces or line breaks are refused rather than escaped.
 */
public final class CaddyfileEscaper {

    public Safe q(Object value) {
        String s = Escapers.requireSingleLine("a Caddyfile token", Escapers.text(value));
        if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a Caddyfile token cannot carry braces safely: " + s);
        }
        return new Safe('"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }
}
