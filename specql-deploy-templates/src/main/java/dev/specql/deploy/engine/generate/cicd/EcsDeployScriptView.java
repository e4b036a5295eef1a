package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/** The view of deploy-ecs.sh. @param migrates the app has migrations, run as a one-off task before the services change */
public record EcsDeployScriptView(ScriptBasics script, boolean migrates, List<Target> targets) {

    /** @param prefix the environment's resource prefix: its cluster, service and task definition family */
    public record Target(Safe name, Safe prefix, boolean workers) {
    }
}
