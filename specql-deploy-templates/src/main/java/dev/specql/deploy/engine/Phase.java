package dev.specql.deploy.engine;

import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.cicd.CicdGenerator;
import dev.specql.deploy.engine.generate.docker.DockerGenerator;
import dev.specql.deploy.engine.generate.helm.HelmGenerator;
import dev.specql.deploy.engine.generate.observability.ObservabilityGenerator;
import dev.specql.deploy.engine.generate.opentofu.OpenTofuGenerator;
import java.util.List;
import java.util.function.Supplier;

/** The phases that exist, in the order they run. A new phase adds a constant here and a goal in the plugin. */
public enum Phase {
    DOCKER(DockerGenerator.PHASE, DockerGenerator::new),
    OPENTOFU(OpenTofuGenerator.PHASE, OpenTofuGenerator::new),
    CICD(CicdGenerator.PHASE, CicdGenerator::new),
    OBSERVABILITY(ObservabilityGenerator.PHASE, ObservabilityGenerator::new),
    HELM(HelmGenerator.PHASE, HelmGenerator::new);

    private final String id;
    private final Supplier<Generator> generator;

    Phase(String id, Supplier<Generator> generator) {
        this.id = id;
        this.generator = generator;
    }

    public String id() {
        return id;
    }

    public Generator generator() {
        return generator.get();
    }

    public static List<Phase> all() {
        return List.of(values());
    }
}
