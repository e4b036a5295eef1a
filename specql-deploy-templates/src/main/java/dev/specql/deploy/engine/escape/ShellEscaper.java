package dev.specql.deploy.engine.escape;

import dev.specql.deploy.engine.render.Safe;

/** POSIX shell words: single quotes, which turn off every expansion. */
public final class ShellEscaper {

    public Safe q(Object value) {
        String s = Escapers.requireSingleLine("a shell word", String.valueOf(value));
        return new Safe("'" + s.replace("'", "'\"'\"'") + "'");
    }
}
