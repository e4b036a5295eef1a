package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * The view of one service of a compose file, every value already escaped for Compose YAML. Templates only lay it out.
 *
 * @param environment pairs of escaped key and value
 * @param dependsOn   pairs of service name and condition
 */
public record ServiceView(
        String name,
        Safe image,
        Optional<Safe> platform,
        Optional<Build> build,
        Optional<Safe> command,
        List<Pair> environment,
        List<Safe> ports,
        List<Safe> extraHosts,
        List<Safe> volumes,
        List<Pair> dependsOn,
        Optional<Healthcheck> healthcheck,
        boolean healthcheckDisabled,
        Safe restart,
        boolean hardened,
        List<Safe> addCapabilities,
        List<Safe> tmpfs,
        Optional<Limits> limits,
        List<Safe> networks,
        Optional<Safe> comment) {

    public ServiceView {
        environment = List.copyOf(environment);
        ports = List.copyOf(ports);
        extraHosts = List.copyOf(extraHosts);
        volumes = List.copyOf(volumes);
        dependsOn = List.copyOf(dependsOn);
        addCapabilities = List.copyOf(addCapabilities);
        tmpfs = List.copyOf(tmpfs);
        networks = List.copyOf(networks);
    }

    /** The service name as printed: generator-chosen, never a user value. */
    public Safe key() {
        return new Safe(name);
    }

    public record Build(Safe context, Safe dockerfile, Safe target) {
    }

    public record Pair(Safe key, Safe value) {
    }

    /** @param test the escaped flow sequence, e.g. ["CMD", "pg_isready", ...] */
    /** @param startInterval how often it checks during the start period (Docker Engine 25 and later): healthy in seconds, not after a whole interval */
    public record Healthcheck(Safe test, Safe interval, Safe timeout, int retries, Safe startPeriod, Safe startInterval) {
    }

    public record Limits(Safe cpus, Safe memory) {
    }
}
