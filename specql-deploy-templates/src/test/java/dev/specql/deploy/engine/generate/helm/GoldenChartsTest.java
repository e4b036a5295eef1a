package dev.specql.deploy.engine.generate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.DeployEngine;
import dev.specql.deploy.engine.EngineRequest;
import dev.specql.deploy.engine.Phase;
import dev.specql.deploy.engine.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each project fixture (src/test/resources/projects) gives on the kubernetes pattern: the chart's generated files
 * (Chart.yaml, values.yaml, README.md; its templates are the same for every app), as golden copies under
 * src/test/resources/golden-charts. The fixture's spec is taken with its pattern replaced. Refresh after an intended
 * change with:
 * {@code ./mvnw -B -pl specql-deploy-templates -am test -Dtest=GoldenChartsTest -Dsurefire.failIfNoSpecifiedTests=false -Dspecql.refresh=true}
 */
class GoldenChartsTest {

    private static final Path PROJECTS = Path.of("src/test/resources/projects");
    private static final Path GOLDEN = Path.of("src/test/resources/golden-charts");
    private static final List<String> COMPARED = List.of("Chart.yaml", "values.yaml", "README.md");

    static List<String> fixtures() throws IOException {
        try (Stream<Path> list = Files.list(PROJECTS)) {
            return list.filter(dir -> Files.isRegularFile(dir.resolve("deployment.yaml"))).map(dir -> dir.getFileName().toString())
                    .sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void chartMatchesGoldenCopy(String fixture, @TempDir Path workspace) throws Exception {
        Path source = PROJECTS.resolve(fixture);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                Path target = workspace.resolve(source.relativize(path).toString());
                Files.createDirectories(target.getParent());
                Files.copy(path, target);
            }
        }
        Path spec = workspace.resolve("deployment.yaml");
        String text = Files.readString(spec);
        String onKubernetes = text.contains("pattern:") ? text.replaceFirst("pattern: *[a-z-]+", "pattern: kubernetes")
                : text.replaceFirst("(?m)^deployment:\\n", "deployment:\n  pattern: kubernetes\n");
        assertThat(onKubernetes).contains("pattern: kubernetes");
        Files.writeString(spec, onKubernetes);
        new DeployEngine().run(new EngineRequest(workspace, Path.of("deployment.yaml"), Path.of("generated"), Optional.empty(),
                Phase.all(), WriteOptions.defaults(), "test"));
        Path chart;
        try (Stream<Path> charts = Files.list(workspace.resolve("generated/helm"))) {
            chart = charts.findFirst().orElseThrow();
        }
        Map<String, String> generated = new TreeMap<>();
        for (String file : COMPARED) {
            generated.put(file, Files.readString(chart.resolve(file)));
        }
        Path golden = GOLDEN.resolve(fixture);
        if (Boolean.getBoolean("specql.refresh")) {
            Files.createDirectories(golden);
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Files.writeString(golden.resolve(file.getKey()), file.getValue());
            }
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            assertThat(file.getValue()).as(fixture + "/" + file.getKey() + " differs from its golden copy; refresh with -Dspecql.refresh=true")
                    .isEqualTo(Files.readString(golden.resolve(file.getKey())));
        }
    }
}
