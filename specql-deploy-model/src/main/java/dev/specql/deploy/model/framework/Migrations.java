package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.text.Snippet;
import java.util.List;
import java.util.Optional;

/** How a spec's migrations are applied: Confiture for any framework, a framework's own tool, or not at all. */
public final class Migrations {

    /** Where Confiture finds migrations when the spec has no specql section. */
    static final String DEFAULT_DIRECTORY = "db/migrations";

    private Migrations() {
    }

    /** The one-off command; empty when the spec says migrations are applied some other way. */
    public static Optional<List<String>> command(DeploymentSpec spec) {
        MigrationTool tool = spec.database().migrationTool();
        return switch (tool) {
            case NONE -> Optional.empty();
            // Confiture 1.x does not expand ${...} in its environment files, and refuses a bare DATABASE_URL unless
            // told to ignore them: --no-config makes the URL from the environment the only source.
            case CONFITURE -> Optional.of(List.of("confiture", "migrate", "up", "--no-config", "--migrations-dir", directory(spec)));
            default -> Optional.of(Frameworks.owning(tool).flatMap(FrameworkRuntime::migrations)
                    .orElseThrow(() -> new IllegalStateException(tool + " belongs to no framework")).command());
        };
    }

    /** What the app must contain for the migration tool to work, beside the framework's own requirements. */
    public static List<Snippet> requirements(DeploymentSpec spec) {
        if (spec.database().migrationTool() != MigrationTool.CONFITURE) {
            return List.of();
        }
        return List.of(Snippet.words("Confiture migrations in ").thenCode(directory(spec)).then(" and the ")
                .thenCode("fraiseql-confiture").then(" package (FraiseQL depends on it)."));
    }

    /** Confiture's migrations directory. */
    public static String directory(DeploymentSpec spec) {
        return spec.specql().map(DeploymentSpec.Specql::migrationsDir).orElse(DEFAULT_DIRECTORY);
    }
}
