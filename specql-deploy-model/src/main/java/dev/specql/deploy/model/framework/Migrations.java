package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.List;
import java.util.Optional;

/** The one-off command that applies a spec's migrations. */
public final class Migrations {

    /** Where Confiture finds migrations when the spec has no specql section. */
    static final String DEFAULT_DIRECTORY = "db/migrations";

    private Migrations() {
    }

    /** Empty when the spec says migrations are applied some other way. */
    public static Optional<List<String>> command(DeploymentSpec spec, FrameworkRuntime runtime) {
        return switch (spec.database().migrationTool()) {
            case NONE -> Optional.empty();
            // Confiture 1.x does not expand ${...} in its environment files, and refuses a bare DATABASE_URL unless
            // told to ignore them: --no-config makes the URL from the environment the only source.
            case CONFITURE -> Optional.of(List.of("confiture", "migrate", "up", "--no-config", "--migrations-dir", directory(spec)));
            default -> Optional.of(runtime.migrationCommand(spec));
        };
    }

    /** Confiture's migrations directory. */
    public static String directory(DeploymentSpec spec) {
        return spec.specql().map(DeploymentSpec.Specql::migrationsDir).orElse(DEFAULT_DIRECTORY);
    }
}
