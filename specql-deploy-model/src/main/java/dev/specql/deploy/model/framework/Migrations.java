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
        // The app's own release step, run as a Procfile release: line is.
        if (spec.application().releaseCommand().isPresent()) {
            return spec.application().releaseCommand().map(ShellCommand::of);
        }
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
        List<Snippet> lines = new java.util.ArrayList<>();
        InitScripts.directory(spec).ifPresent(directory -> lines.add(Snippet.words("The scripts in ").thenCode(directory)
                .then(" run only when the development database is first created (").thenCode("compose.yaml")
                .then(" mounts them); production databases start empty and run none, so what they do belongs in a migration.")));
        if (spec.database().migrationTool() != MigrationTool.CONFITURE || spec.application().releaseCommand().isPresent()) {
            return lines;
        }
        lines.add(Snippet.words("Confiture migrations in ").thenCode(directory(spec)).then(", named ").thenCode("NNN_name.up.sql")
                .then(" (Confiture skips other names), and the ").thenCode("fraiseql-confiture")
                .then(" package among the app's dependencies (FraiseQL 1 depends on it)."));
        // The entity files the spec names, counted when the app's files were read.
        spec.specql().ifPresent(specql -> {
            List<String> entities = spec.project().values(SpecqlProject.ENTITY_FACT);
            String which = entities.isEmpty() ? "the SpecQL entities in " + String.join(", ", specql.entities())
                    : entities.size() + " SpecQL entit" + (entities.size() == 1 ? "y" : "ies");
            lines.add(Snippet.words("The schema comes from " + which + ": after changing one, run ")
                    .thenCode("specql generate " + String.join(" ", specql.entities())).then(" and commit the new migration in ")
                    .thenCode(directory(spec)).then(": a deploy applies only what is committed."));
        });
        return lines;
    }

    /**
     * The preflight of Confiture migrations, for a project whose app files are there: the migrations directory must
     * exist, or `confiture migrate up` fails at the first deploy.
     */
    static void preflight(ProjectFiles files, DeploymentSpec spec, SpecPlaces places, List<Problem> errors) {
        if (spec.database().migrationTool() != MigrationTool.CONFITURE || spec.application().releaseCommand().isPresent()) {
            return;
        }
        if (files.list(directory(spec)).isPresent()) {
            skippedFiles(files, spec, errors);
            return;
        }
        String key = spec.specql().isPresent() ? "specql.migrations_dir" : "database.migration_tool";
        errors.add(Problem.of(places.of(key), key, "Confiture applies the migrations in " + directory(spec) + ", which does not exist",
                "create it with the first migration (confiture migrate generate), " + (spec.specql().isPresent()
                        ? "point specql.migrations_dir at the folder that has them" : "add a specql section with migrations_dir")
                        + ", or set database.migration_tool: none"));
    }

    /** NNN_name.up.sql and NNN_name.down.sql: the SQL files Confiture applies; it skips any other without a word. */
    private static final java.util.regex.Pattern CONFITURE_SQL = java.util.regex.Pattern.compile("^[0-9]+_[A-Za-z0-9_]+\\.(up|down)\\.sql$");

    /** SQL files in the migrations directory that Confiture would silently leave out: a database missing tables. */
    private static void skippedFiles(ProjectFiles files, DeploymentSpec spec, List<Problem> errors) {
        String directory = directory(spec);
        for (String name : files.list(directory).orElse(List.of())) {
            if (name.endsWith(".sql") && !CONFITURE_SQL.matcher(name).matches() && files.read(directory + "/" + name).isPresent()) {
                String stem = name.substring(0, name.length() - ".sql".length());
                errors.add(Problem.of(dev.specql.deploy.model.Location.startOf(directory + "/" + name), "specql.migrations_dir",
                        "Confiture applies only NNN_name.up.sql (and .down.sql, .py) migrations and skips " + name + " without a word",
                        stem.matches("[0-9]+_[A-Za-z0-9_]+") ? "rename it " + stem + ".up.sql (confiture migrate validate --fix-naming "
                                + "renames them all)" : "name it NNN_name.up.sql, starting with its version number"));
            }
        }
    }

    /** Confiture's migrations directory. */
    public static String directory(DeploymentSpec spec) {
        return spec.specql().map(DeploymentSpec.Specql::migrationsDir).orElse(DEFAULT_DIRECTORY);
    }
}
