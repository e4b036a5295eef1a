package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.MigrationTool;
import java.util.List;

/**
 * A framework's own migration tool and the one-off command that applies pending migrations with it.
 *
 * @param tool    the spec's database.migration_tool value that selects it
 * @param command the command, run in the app's image
 */
public record OwnMigrations(MigrationTool tool, List<String> command) {

    public OwnMigrations {
        command = List.copyOf(command);
    }
}
