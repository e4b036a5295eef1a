package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.engine.write.WriteOptions;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.Origin;
import dev.specql.deploy.model.config.Setting;
import dev.specql.deploy.model.catalog.Pins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project fixtures (src/test/resources/projects, see its README) through the engine: what is read, what follows. */
class ProjectDetectionTest {

    static final Path PROJECTS = Path.of("src/test/resources/projects");

    private static EngineResult generate(String fixture, Path workspace) throws Exception {
        copy(PROJECTS.resolve(fixture), workspace);
        return new DeployEngine().run(new EngineRequest(workspace, Path.of("deployment.yaml"), Path.of("generated"),
                Optional.empty(), Phase.all(), WriteOptions.defaults(), "test"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
    }

    @Test
    void aDjangoAppPinnedToPython312GetsThePython312Image(@TempDir Path project) throws Exception {
        EngineResult result = generate("django-runtime-txt", project);
        Setting version = result.config().setting("application.runtime_version").orElseThrow();
        assertThat(version.value()).isEqualTo("3.12");
        assertThat(version.origin()).isEqualTo(Origin.DETECTED);
        assertThat(version.provenance()).isEqualTo("detected .python-version:1");
        assertThat(result.config().warnings()).isEmpty();
        assertThat(Files.readString(project.resolve("generated/deployment/Dockerfile")))
                .contains("FROM " + Pins.PYTHON_IMAGES.get("3.12") + " AS base");
    }

    @Test
    void aRailsAppWhoseGemfileRequiresRuby33GetsTheRuby33Image(@TempDir Path project) throws Exception {
        EngineResult result = generate("rails-gemfile-ruby", project);
        assertThat(result.config().setting("application.runtime_version").orElseThrow().provenance()).isEqualTo("detected Gemfile:3");
        assertThat(Files.readString(project.resolve("generated/deployment/Dockerfile")))
                .contains("FROM " + Pins.RUBY_IMAGES.get("3.3") + " AS base");
    }

    @Test
    void editingAVersionFileRegeneratesAndAWrongOneWritesNothing(@TempDir Path project) throws Exception {
        generate("django-runtime-txt", project);
        Files.writeString(project.resolve(".python-version"), "3.14\n");
        Files.delete(project.resolve("runtime.txt"));
        EngineResult rerun = new DeployEngine().run(new EngineRequest(project, Path.of("deployment.yaml"), Path.of("generated"),
                Optional.empty(), Phase.all(), WriteOptions.defaults(), "test"));
        assertThat(rerun.upToDate()).isFalse();
        assertThat(Files.readString(project.resolve("generated/deployment/Dockerfile"))).contains(Pins.PYTHON_IMAGES.get("3.14"));

        Files.writeString(project.resolve(".python-version"), "3.9\n");
        var before = EngineFixture.snapshot(project);
        assertThatThrownBy(() -> new DeployEngine().run(new EngineRequest(project, Path.of("deployment.yaml"), Path.of("generated"),
                Optional.empty(), Phase.all(), WriteOptions.defaults(), "test")))
                .isInstanceOf(SpecException.class).hasMessageContaining(".python-version:1:1: application.runtime_version: django does not "
                        + "run on Python 3.9");
        assertThat(EngineFixture.snapshot(project)).isEqualTo(before);
    }
}
