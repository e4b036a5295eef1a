package dev.specql.deploy.model.framework;

import static dev.specql.deploy.model.framework.DetectionTest.files;
import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.load.SpecLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The project's own Dockerfile and compose files: recorded, never replaced, and compared with the generated ones. */
class ContainerFilesTest {

    static final String DJANGO = "deployment: {name: shop, framework: django}\nplatform: {domain: shop.example.com}\n";

    static SpecLoader.LoadedSpec load(Map<String, String> project) throws SpecException {
        return DetectionTest.load(DJANGO, project);
    }

    @Test
    void aDockerfileThatRunsTheAppDifferentlyIsWarnedAboutLineByLine() throws Exception {
        SpecLoader.LoadedSpec loaded = load(Map.of("Dockerfile", "FROM python:3.11-slim AS base\nWORKDIR /app\n\nFROM base AS runtime\n"
                + "EXPOSE 5000\nCMD [\"/usr/local/bin/uwsgi\", \"--ini\", \"uwsgi.ini\"]\n", "docker-compose.yml", "services: {}\n"));
        assertThat(loaded.spec().project().values("project.container_file")).containsExactly("docker-compose.yml", "Dockerfile");
        assertThat(loaded.config().warnings()).extracting(Problem::toString).containsExactly("Dockerfile:1:1: the project's own "
                + "Dockerfile differs from the generated one: base image python:3.11-slim (Dockerfile:4) where the generated one uses "
                + Pins.PYTHON_IMAGES.get("3.13") + "; port 5000 (Dockerfile:5) where the generated one listens on 8000; the server "
                + "uwsgi (Dockerfile:6) where the generated one runs gunicorn shop.wsgi:application. Nothing replaces it; the "
                + "generated stack builds from its own Dockerfile (set the spec to what your Dockerfile does "
                + "(application.runtime_version, port, server), or build from the generated Dockerfile)");
    }

    @Test
    void aDockerfileThatAgreesIsOnlyRecorded() throws Exception {
        SpecLoader.LoadedSpec loaded = load(Map.of("Containerfile", "FROM " + Pins.PYTHON_IMAGES.get("3.13") + "\nEXPOSE 8000\n"
                + "CMD gunicorn shop.wsgi:application\n"));
        assertThat(loaded.spec().project().values("project.container_file")).containsExactly("Containerfile");
        assertThat(loaded.config().warnings()).isEmpty();
    }
}
