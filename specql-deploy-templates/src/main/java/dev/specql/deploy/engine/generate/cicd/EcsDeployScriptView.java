package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * The view of deploy-ecs.sh.
 *
 * @param migrates  the app has migrations, run as a one-off task before the services change
 * @param blueGreen how the script follows the app service's blue/green deployments, when the spec turns them on
 */
public record EcsDeployScriptView(ScriptBasics script, boolean migrates, List<Target> targets, Optional<BlueGreen> blueGreen) {

    /**
     * @param prefix the environment's resource prefix: its cluster, service and task definition family
     * @param url    the environment's public health URL, quoted
     */
    public record Target(Safe name, Safe prefix, boolean workers, Safe url) {
    }

    /** @param testHeader the header of the test route, quoted; @param timeoutMinutes how long a deployment may take */
    public record BlueGreen(Safe testHeader, int timeoutMinutes) {
    }
}
