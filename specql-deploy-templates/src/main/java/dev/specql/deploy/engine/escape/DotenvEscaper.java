package dev.specql.deploy.engine.escape;


/**
 * Values in a Compose {@code .env} file. Single quotes are literal there (no interpolation, no escapes),
 * so they are used whenever the value has no single quote; otherwise double quotes with escapes.
 */
public final class DotenvEscaper {

    public Safe q(Object value) {
        String s = Escapers.requireSingleLine("a .env value", Escapers.text(value));
        if (s.indexOf('\'') < 0) {
            return new Safe("'" + s + "'");
        }
        return new Safe('"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"');
    }
}
