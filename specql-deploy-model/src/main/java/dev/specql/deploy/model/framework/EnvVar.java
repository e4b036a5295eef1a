package dev.specql.deploy.model.framework;

/**
 * A variable the app's settings read, as the framework decides it. Values that point at a service of the
 * stack (the database, the job broker) are {@link Endpoint}s: each target writes its own address for them
 * (a Compose service name, an OpenTofu module output), so the framework never knows where it is deployed.
 *
 * @param name  the variable
 * @param value its value
 */
public record EnvVar(String name, Value value) {

    public static EnvVar literal(String name, String value) {
        return new EnvVar(name, new Literal(value));
    }

    public static EnvVar endpoint(String name, Service service) {
        return new EnvVar(name, new Endpoint(service, ""));
    }

    public static EnvVar endpoint(String name, Service service, String suffix) {
        return new EnvVar(name, new Endpoint(service, suffix));
    }

    /** A variable's value: a literal, or a part of the stack's services that each target fills in. */
    public sealed interface Value permits Literal, Endpoint, OtherDatabase, DatabaseHost, DatabaseUser, DatabasePassword {
    }

    /** The URL of another database on the app's PostgreSQL server (Rails' cache, queue and cable databases). */
    public record OtherDatabase(String database) implements Value {
    }

    /** The PostgreSQL server's host name, for settings that take the parts of a connection rather than a URL. */
    public record DatabaseHost() implements Value {
    }

    /**
     * The user name the app connects as, for settings that take the parts of a connection: the spec's user, except
     * where a target connects its migrations as another (the RDS master user on ECS).
     */
    public record DatabaseUser() implements Value {
    }

    /** The database password: a secret each target injects its own way, never a literal in a generated file. */
    public record DatabasePassword() implements Value {
    }

    /** A plain value (generator-chosen or from the spec); targets escape it. */
    public record Literal(String text) implements Value {
    }

    /**
     * The URL of a service of the stack, followed by {@code suffix} (e.g. a query string a client library
     * needs); empty when none.
     */
    public record Endpoint(Service service, String suffix) implements Value {
    }

    /** The stack's services an app connects to. */
    public enum Service {
        /** PostgreSQL, as a URL of the spec's database.url_scheme. */
        DATABASE,
        /** The Redis-compatible job broker, as a redis:// or rediss:// URL. */
        BROKER
    }
}
