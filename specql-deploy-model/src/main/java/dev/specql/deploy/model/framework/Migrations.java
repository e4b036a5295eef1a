package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.Problem;
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
                .thenCode("fraiseql-confiture").then(" package among the app's dependencies (FraiseQL 1 brings it)."));
    }

    /**
     * The preflight of Confiture migrations, for a project whose app files are there: the migrations directory must
     * exist, or `confiture migrate up` fails at the first deploy.
     */
    static void preflight(ProjectFiles files, DeploymentSpec spec, SpecPlaces places, List<Problem> errors) {
        if (spec.database().migrationTool() != MigrationTool.CONFITURE || files.list(directory(spec)).isPresent()) {
            return;
        }
        String key = spec.specql().isPresent() ? "specql.migrations_dir" : "database.migration_tool";
        errors.add(Problem.of(places.of(key), key, "Confiture applies the migrations in " + directory(spec) + ", which does not exist",
                "create it with the first migration (confiture migrate generate), " + (spec.specql().isPresent()
                        ? "point specql.migrations_dir at the folder that has them" : "add a specql section with migrations_dir")
                        + ", or set database.migration_tool: none"));
    }

    /** Confiture's migrations directory. */
    public static String directory(DeploymentSpec spec) {
        return spec.specql().map(DeploymentSpec.Specql::migrationsDir).orElse(DEFAULT_DIRECTORY);
    }
}
