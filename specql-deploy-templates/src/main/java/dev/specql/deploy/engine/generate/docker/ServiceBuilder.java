package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.generate.docker.ServiceView.Build;
import dev.specql.deploy.engine.generate.docker.ServiceView.Healthcheck;
import dev.specql.deploy.engine.generate.docker.ServiceView.Limits;
import dev.specql.deploy.engine.generate.docker.ServiceView.Pair;
import dev.specql.deploy.engine.escape.Safe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assembles a {@link ServiceView}; every value handed in is already escaped. */
final class ServiceBuilder {

    private final String name;
    private final Safe image;
    private Safe platform;
    private Build build;
    private Safe command;
    private List<Pair> environment = List.of();
    private List<Safe> ports = List.of();
    private List<Safe> extraHosts = List.of();
    private List<Safe> volumes = List.of();
    private List<Pair> dependsOn = List.of();
    private Healthcheck healthcheck;
    private boolean healthcheckDisabled;
    private Safe restart;
    private boolean hardened;
    private final List<Safe> addCapabilities = new ArrayList<>();
    private List<Safe> tmpfs = List.of();
    private Limits limits;
    private List<Safe> networks = List.of();
    private Safe comment;

    ServiceBuilder(String name, Safe image, Safe restart) {
        this.name = name;
        this.image = image;
        this.restart = restart;
    }

    ServiceBuilder platform(Optional<Safe> value) {
        platform = value.orElse(null);
        return this;
    }

    ServiceBuilder build(Build value) {
        build = value;
        return this;
    }

    ServiceBuilder command(Safe value) {
        command = value;
        return this;
    }

    ServiceBuilder environment(List<Pair> value) {
        environment = value;
        return this;
    }

    ServiceBuilder ports(List<Safe> value) {
        ports = value;
        return this;
    }

    ServiceBuilder extraHosts(List<Safe> value) {
        extraHosts = value;
        return this;
    }

    ServiceBuilder volumes(List<Safe> value) {
        volumes = value;
        return this;
    }

    ServiceBuilder dependsOn(List<Pair> value) {
        dependsOn = value;
        return this;
    }

    ServiceBuilder healthcheck(Optional<Healthcheck> value) {
        healthcheck = value.orElse(null);
        return this;
    }

    /** Turns off a HEALTHCHECK inherited from the image, for containers that run something else. */
    ServiceBuilder withoutImageHealthcheck() {
        healthcheckDisabled = true;
        return this;
    }

    /** Read-only root filesystem, no capabilities, no privilege escalation: for containers that run as non-root. */
    ServiceBuilder hardened(List<Safe> writablePaths) {
        hardened = true;
        tmpfs = writablePaths;
        return this;
    }

    ServiceBuilder addCapability(Safe capability) {
        addCapabilities.add(capability);
        return this;
    }

    ServiceBuilder limits(Limits value) {
        limits = value;
        return this;
    }

    ServiceBuilder networks(List<String> value) {
        networks = value.stream().map(Safe::new).toList();
        return this;
    }

    ServiceBuilder comment(Safe value) {
        comment = value;
        return this;
    }

    ServiceView build() {
        return new ServiceView(name, image, Optional.ofNullable(platform), Optional.ofNullable(build), Optional.ofNullable(command),
                environment, ports, extraHosts, volumes, dependsOn, Optional.ofNullable(healthcheck), healthcheckDisabled, restart, hardened,
                addCapabilities, tmpfs, Optional.ofNullable(limits), networks, Optional.ofNullable(comment));
    }
}
