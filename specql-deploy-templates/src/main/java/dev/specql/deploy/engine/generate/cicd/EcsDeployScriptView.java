package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * The view of deploy-ecs.sh, every value quoted for bash.
 *
 * @param environments   the environment names, for messages
 * @param repositoryText where the images are, for the comment
 */
public record EcsDeployScriptView(Safe header, Safe environments, Safe repositoryText, Safe region, Safe repository, boolean migrates,
                               List<Target> targets) {

    /** @param prefix the environment's resource prefix: its cluster, service and task definition family */
    public record Target(Safe name, Safe prefix, boolean workers) {
    }
}
