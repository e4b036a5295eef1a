package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/** The view of a compose file: its services and named volumes, every value escaped for Compose. */
public record ComposeView(Safe header, Safe usage, Safe project, boolean production, List<ServiceView> services,
                          List<Safe> volumes) {

    public ComposeView {
        services = List.copyOf(services);
        volumes = List.copyOf(volumes);
    }
}
