package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;

/**
 * What both deploy scripts (ECS and server) state, every value quoted for bash.
 *
 * @param environments   the environment names, for messages
 * @param repositoryText where the images are, for the comment
 */
public record ScriptBasics(Safe header, Safe environments, Safe repositoryText, Safe region, Safe repository) {
}
