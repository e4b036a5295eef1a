package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each project fixture (see its README) generates where detection lands: the phase 1 files, the build
 * context's ignore file and the production OpenTofu root, as golden copies under src/test/resources/golden-projects.
 * Refresh them after an intended change with:
 * {@code ./mvnw -B -pl specql-deploy-templates -am test -Dtest=GoldenProjectsTest -Dsurefire.failIfNoSpecifiedTests=false -Dspecql.refresh=true}
 */
class GoldenProjectsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden-projects");
    /**
     * The files detection changes. Left out: the helper scripts, the staging root (production's twin) and the shared
     * OpenTofu modules, which do not depend on the app and are golden in the examples.
     */
    private static final Pattern COMPARED = Pattern.compile("\\.dockerignore|generated/deployment/(?!scripts/).*"
            + "|generated/infrastructure/opentofu/environments/production/main\\.tf");

    static List<String> fixtures() throws IOException {
        try (Stream<Path> list = Files.list(ProjectDetectionTest.PROJECTS)) {
            return list.filter(dir -> Files.isRegularFile(dir.resolve("deployment.yaml"))).map(dir -> dir.getFileName().toString())
                    .sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixtureOutputMatchesGoldenCopy(String fixture, @TempDir Path workspace) throws Exception {
        ProjectDetectionTest.copy(ProjectDetectionTest.PROJECTS.resolve(fixture), workspace);
        ProjectDetectionTest.run(workspace);
        Map<String, String> generated = compared(workspace);
        Path golden = GOLDEN.resolve(fixture);
        if (Boolean.getBoolean("specql.refresh")) {
            if (Files.isDirectory(golden)) {
                try (Stream<Path> walk = Files.walk(golden)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Path target = golden.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> expected = compared(golden);
        assertThat(generated.keySet()).as("generated files of " + fixture).containsExactlyElementsOf(expected.keySet());
        generated.forEach((path, content) -> assertThat(content)
                .as(fixture + ": " + path + " differs from its golden copy; refresh with -Dspecql.refresh=true (see this class)")
                .isEqualTo(expected.get(path)));
    }

    private static Map<String, String> compared(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                if (COMPARED.matcher(relative).matches()) {
                    files.put(relative, Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n"));
                }
            }
        }
        return files;
    }
}
