package dev.specql.deploy.engine.generate.app;

/**
 * An environment variable of the stack.
 *
 * @param name        the variable
 * @param value       its value in a compose file; a Compose interpolation when {@code interpolated}
 * @param interpolated true when {@code value} is a Compose expression such as {@code ${POSTGRES_PASSWORD:?...}}
 *                    chosen by the generator, false for literal values (user values among them) that must be escaped
 */
public record EnvVar(String name, String value, boolean interpolated) {

    public static EnvVar literal(String name, String value) {
        return new EnvVar(name, value, false);
    }

    public static EnvVar interpolated(String name, String expression) {
        return new EnvVar(name, expression, true);
    }
}
