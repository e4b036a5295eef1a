package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.generate.FileRenderer;
import dev.specql.deploy.engine.render.TemplateRenderer;
import dev.specql.deploy.engine.write.GeneratedFile;
import dev.specql.deploy.engine.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fingerprint decides whether a rerun may skip rendering, so it must hash every template the run reads and
 * nothing else. For each bundled example and each conformance matrix spec, the sources the fingerprint lists
 * are compared with what a second, recording renderer reads while rendering every declaration, plus the files
 * generators read while declaring (through {@code Sources}, the only way they can read: ArchitectureTest
 * forbids them classpath and file access). Reads inside a template (#parse, #include) are refused at render.
 */
class FingerprintCoverageTest {

    static final Path MATRIX = Path.of("..", "conformance", "matrix").toAbsolutePath().normalize();

    static Stream<Path> specs() throws IOException {
        List<Path> specs = new ArrayList<>();
        try (Stream<Path> examples = Files.list(GoldenExamplesTest.EXAMPLES)) {
            examples.map(e -> e.resolve("deployment.yaml")).filter(Files::isRegularFile).sorted().forEach(specs::add);
        }
        try (Stream<Path> matrix = Files.list(MATRIX)) {
            matrix.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(specs::add);
        }
        return specs.stream();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theFingerprintListsExactlyTheTemplatesARunReads(Path spec, @TempDir Path project) throws Exception {
        Files.copy(spec, project.resolve("deployment.yaml"));
        DeployEngine.Prepared prepared = new DeployEngine().prepare(new EngineRequest(project, Path.of("deployment.yaml"),
                Path.of("generated"), Optional.empty(), Phase.all(), WriteOptions.defaults(), "test"));
        List<String> fingerprinted = prepared.templates();

        TemplateRenderer renderer = new TemplateRenderer(Optional.empty());
        List<GeneratedFile> files = DeployEngine.render(prepared.with(new FileRenderer(renderer, "deployment.yaml")));
        Set<String> read = new LinkedHashSet<>(renderer.read());
        read.addAll(prepared.derivedFrom());

        assertThat(files).as("files generated for " + spec).isNotEmpty();
        assertThat(fingerprinted).as("templates fingerprinted for " + spec).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(read);
    }
}
