package dev.specql.deploy.engine.escape;

/** TOML values: basic strings with their escapes, booleans and integers as TOML writes them. */
public final class TomlEscaper {

    /** A value of a key: strings quoted, booleans and integers bare; anything else is a generator bug. */
    public Safe value(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return new Safe(String.valueOf(value));
        }
        if (value instanceof String text) {
            return q(text);
        }
        throw new IllegalArgumentException("no TOML form for " + Escapers.text(value).getClass().getSimpleName());
    }

    /** A basic string: backslash and quote escaped, on one line. */
    public Safe q(Object value) {
        String s = Escapers.requireSingleLine("a TOML string", Escapers.text(value));
        return new Safe('"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + '"');
    }

    /** A bare key: letters, digits, '_' and '-' only, as the server's configuration names them. */
    public Safe key(String key) {
        if (!key.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a bare TOML key: " + key);
        }
        return new Safe(key);
    }
}
