package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;

/** The view of the backup and restore scripts: shell words. */
public record ScriptView(Safe header, Safe dbUser, Safe dbName, Safe project) {
}
