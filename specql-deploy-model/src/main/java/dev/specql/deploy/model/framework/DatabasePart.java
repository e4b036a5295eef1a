package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.Locale;
import java.util.Optional;

/** A part of a database connection that an app's settings read from an environment variable. */
enum DatabasePart {
    URL, HOST, PORT, USERNAME, PASSWORD, DATABASE;

    /** The part a settings key holds: Rails' database.yml keys and Django's DATABASES keys alike. */
    static Optional<DatabasePart> ofKey(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "url" -> Optional.of(URL);
            case "host" -> Optional.of(HOST);
            case "port" -> Optional.of(PORT);
            case "username", "user" -> Optional.of(USERNAME);
            case "password" -> Optional.of(PASSWORD);
            case "database", "name" -> Optional.of(DATABASE);
            default -> Optional.empty();
        };
    }

    /** "host", as facts spell it. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DatabasePart ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /**
     * The value the stack gives the variable: parts of its own database server, the password as a secret.
     *
     * @param database the database the setting connects to
     * @param primary  whether that is the stack's own database, whose URL the stack already builds
     */
    EnvVar.Value value(DeploymentSpec spec, String database, boolean primary) {
        return switch (this) {
            case URL -> primary ? new EnvVar.Endpoint(EnvVar.Service.DATABASE, "") : new EnvVar.OtherDatabase(database);
            case HOST -> new EnvVar.DatabaseHost();
            case PORT -> new EnvVar.Literal("5432");
            case USERNAME -> new EnvVar.DatabaseUser();
            case PASSWORD -> new EnvVar.DatabasePassword();
            case DATABASE -> new EnvVar.Literal(database);
        };
    }
}
