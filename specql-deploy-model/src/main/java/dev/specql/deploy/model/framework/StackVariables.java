package dev.specql.deploy.model.framework;

import java.util.Set;

/** Variables the generated stack sets whatever the framework. */
public final class StackVariables {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String REDIS_URL = "REDIS_URL";
    /** Server processes per container: gunicorn and puma both read it. */
    public static final String WEB_CONCURRENCY = "WEB_CONCURRENCY";
    /** Where the app's own server command listens, as a Procfile line reads it. */
    public static final String PORT = "PORT";

    /** Wiring of the stack itself: the database, its credentials, the broker, the listening address. */
    static final Set<String> RESERVED = Set.of(DATABASE_URL, "POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB", "PGPASSWORD",
            REDIS_URL, PORT, "APP_DOMAIN");

    private StackVariables() {
    }
}
