package dev.specql.deploy.engine.escape;

/**
 * Text that may be inserted into a template as is: produced by an escaper for the target language, or
 * a constant chosen by the generator. Templates refuse any other string (see {@link InsertionGuard}),
 * so a user value cannot reach a generated file unescaped by accident.
 */
public record Safe(String text) {

    public Safe {
        if (text == null) {
            throw new IllegalArgumentException("safe text must not be null");
        }
    }

    /** A generator-chosen constant (an image tag, a command word); never a user value. */
    public static Safe constant(String text) {
        return new Safe(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
