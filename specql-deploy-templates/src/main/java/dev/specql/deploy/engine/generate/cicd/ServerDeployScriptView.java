package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/** The view of deploy-server.sh (and of server-update.sh's header). */
public record ServerDeployScriptView(ScriptBasics script, List<Target> targets) {

    /** @param prefix the environment's resource prefix: its server is tagged Name=prefix-server, its unit prefix.service */
    public record Target(Safe name, Safe prefix, Safe domain) {
    }
}
