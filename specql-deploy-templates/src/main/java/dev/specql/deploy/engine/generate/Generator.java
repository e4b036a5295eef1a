package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.write.GeneratedFile;
import dev.specql.deploy.model.DeploymentSpec;
import java.util.List;

/**
 * One phase's generator: a pure function from the model to files. No I/O, no clock, no randomness;
 * files come out in a stable order.
 */
public interface Generator {

    /** The phase name, also the goal that runs it alone: "docker", "opentofu", ... */
    String phase();

    /** The templates this spec will render, so the engine can fingerprint them before rendering. */
    List<String> templates(DeploymentSpec spec);

    List<GeneratedFile> generate(DeploymentSpec spec, GenerationContext context);
}
