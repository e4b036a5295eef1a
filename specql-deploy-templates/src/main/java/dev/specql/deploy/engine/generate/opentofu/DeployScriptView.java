package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/** The view of deploy.sh. @param environments the names for a comment; @param environmentWords the same as shell words */
public record DeployScriptView(Safe header, Safe environments, Safe environmentWords) {
}
