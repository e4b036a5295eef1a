package dev.specql.deploy.engine.render;

import dev.specql.deploy.engine.escape.Safe;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

/**
 * Fails rendering when a template prints a raw string. Every string must arrive as {@link Safe}, i.e.
 * through the escaper of the file's language; numbers and booleans print as they are.
 */
public final class InsertionGuard implements ReferenceInsertionEventHandler {

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        if (value == null || value instanceof Safe || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new UnsafeInsertionException("the template prints " + reference + " (a " + value.getClass().getSimpleName()
                + ") without an escaper; wrap it, e.g. $yaml.q(" + reference + ")");
    }

    /** A template bug: a raw value was about to be printed. */
    public static final class UnsafeInsertionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsafeInsertionException(String message) {
            super(message);
        }
    }
}
