package dev.specql.deploy.engine;

import dev.specql.deploy.engine.write.WriteOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run of the engine.
 *
 * @param projectRoot       the project's base directory; every output path stays inside it
 * @param specFile          the deployment spec
 * @param outputDirectory   where generated files go, inside the project root
 * @param templateDirectory user template overrides, searched before the bundled templates
 * @param phases            the phases to generate, in order
 * @param options           force, dry run, diff
 * @param toolVersion       the generator's version, part of the fingerprint
 */
public record EngineRequest(Path projectRoot, Path specFile, Path outputDirectory, Optional<Path> templateDirectory,
                            List<Phase> phases, WriteOptions options, String toolVersion) {

    public EngineRequest {
        Path root = projectRoot.toAbsolutePath().normalize();
        projectRoot = root;
        specFile = root.resolve(specFile).normalize();
        outputDirectory = root.resolve(outputDirectory).normalize();
        templateDirectory = templateDirectory.map(d -> root.resolve(d).normalize());
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("at least one phase must run");
        }
    }
}
