package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.write.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled examples' generated files are golden copies, committed next to each example's spec and sample app
 * (the generator reads the app, as it reads a user's).
 * Refresh them after an intended change with:
 * {@code ./mvnw -B -pl specql-deploy-templates -am test -Dtest=GoldenExamplesTest -Dsurefire.failIfNoSpecifiedTests=false -Dspecql.refresh=true}
 */
class GoldenExamplesTest {

    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    /** Every bundled example: each folder of examples/ with a deployment.yaml. */
    static Stream<String> examples() throws IOException {
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve("deployment.yaml")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleOutputMatchesGoldenCopy(String example, @TempDir Path workspace) throws Exception {
        Path source = EXAMPLES.resolve(example);
        Map<String, String> app = application(source);
        for (String path : app.keySet()) {
            Files.createDirectories(workspace.resolve(path).getParent());
            Files.copy(source.resolve(path), workspace.resolve(path));
        }
        EngineResult result = new DeployEngine().run(new EngineRequest(workspace, Path.of("deployment.yaml"), Path.of("generated"),
                Optional.empty(), Phase.all(), WriteOptions.defaults(), ToolVersion.current()));
        assertThat(result.upToDate()).isFalse();

        Map<String, String> generated = tree(workspace);
        generated.keySet().removeAll(app.keySet());
        if (Boolean.getBoolean("specql.refresh")) {
            for (Map.Entry<String, String> e : golden(source).entrySet()) {
                Files.delete(source.resolve(e.getKey()));
            }
            for (String path : generated.keySet()) {
                Path target = source.resolve(path);
                Files.createDirectories(target.getParent());
                Files.copy(workspace.resolve(path), target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Map<String, String> golden = golden(source);
        assertThat(generated.keySet()).as("generated files of " + example).containsExactlyElementsOf(golden.keySet());
        generated.forEach((path, content) -> assertThat(content)
                .as(path + " differs from its golden copy; refresh with -Dspecql.refresh=true (see this class)")
                .isEqualTo(golden.get(path)));
    }

    /** The committed golden files of an example: what the generator writes (generated/ and .dockerignore). */
    private static Map<String, String> golden(Path example) throws IOException {
        Map<String, String> files = tree(example);
        files.keySet().removeIf(path -> !isOutput(path));
        return files;
    }

    /** The example's own files, which the generator reads: its spec and its sample app; not its pom or README. */
    private static Map<String, String> application(Path example) throws IOException {
        Map<String, String> files = tree(example);
        files.keySet().removeIf(path -> isOutput(path) || List.of("pom.xml", "README.md").contains(path));
        return files;
    }

    private static boolean isOutput(String path) {
        return path.startsWith("generated/") || path.equals(".dockerignore") || path.startsWith(".github/workflows/");
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                if (!relative.startsWith("target/")) {
                    // The executable bit is part of the golden copy: scripts must stay runnable.
                    String mode = Files.isExecutable(path) ? "executable\n" : "regular\n";
                    files.put(relative, mode + Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n"));
                }
            }
        }
        return files;
    }
}
