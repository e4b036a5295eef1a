package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * The view of deploy-server.sh (and the header of server-update.sh), every value quoted for bash.
 *
 * @param environments   the environment names, for messages
 * @param repositoryText where the images are, for the comment
 */
public record ServerDeployScriptView(Safe header, Safe environments, Safe repositoryText, Safe region, Safe repository,
                                     List<Target> targets) {

    /** @param prefix the environment's resource prefix: its server is tagged Name=prefix-server, its unit prefix.service */
    public record Target(Safe name, Safe prefix, Safe domain) {
    }
}
