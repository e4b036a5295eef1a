package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.List;

/** Which channels hear which severity: critical alerts go everywhere; warnings page no one while another channel exists. */
final class Channels {

    private Channels() {
    }

    static List<DeploymentSpec.Channel> notPaging(List<DeploymentSpec.Channel> channels) {
        List<DeploymentSpec.Channel> quiet = channels.stream().filter(c -> !c.type().equals("pagerduty")).toList();
        return quiet.isEmpty() ? channels : quiet;
    }
}
