package dev.specql.deploy.engine.write;

import static dev.specql.deploy.engine.write.Project.BOTH;
import static dev.specql.deploy.engine.write.Project.COMPOSE;
import static dev.specql.deploy.engine.write.Project.DOCKER;
import static dev.specql.deploy.engine.write.Project.DRY_RUN;
import static dev.specql.deploy.engine.write.Project.NORMAL;
import static dev.specql.deploy.engine.write.Project.compose;
import static dev.specql.deploy.engine.write.Project.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-op fast path: skip rendering when nothing could have changed. */
class UpToDateTest {

    @TempDir
    Path dir;
    Project project;

    @BeforeEach
    void setUp() throws IOException {
        project = new Project(dir);
        project.writer.write(List.of(docker("Dockerfile", "FROM a\n"), docker("docker/entry.sh", "#!/bin/sh\n")),
                DOCKER, "fp-docker", NORMAL);
        project.writer.write(List.of(compose("compose.yml", "services: {}\n")), COMPOSE, "fp-compose", NORMAL);
    }

    @Test
    void trueRightAfterAWrite() {
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isTrue();
        assertThat(project.writer.upToDate(COMPOSE, "fp-compose")).isTrue();
    }

    @Test
    void falseWhenTheFingerprintChanged() {
        assertThat(project.writer.upToDate(DOCKER, "fp-other")).isFalse();
    }

    @Test
    void falseForAPhaseKeyNeverWritten() {
        // Each phase alone is up to date, but the combination was never run and has no fingerprint.
        assertThat(project.writer.upToDate(BOTH, "fp-docker")).isFalse();
        assertThat(project.writer.upToDate(Set.of("caddy"), "fp-docker")).isFalse();
    }

    @Test
    void falseWhenAFileWasDeleted() throws IOException {
        Files.delete(dir.resolve("docker/entry.sh"));
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isFalse();
    }

    @Test
    void falseWhenAFileWasEdited() throws IOException {
        project.put("Dockerfile", "FROM a\n# edited\n");
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isFalse();
    }

    @Test
    void falseWhenAFileBecameALink() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "FROM a\n");
        Files.delete(dir.resolve("Dockerfile"));
        Files.createSymbolicLink(dir.resolve("Dockerfile"), elsewhere);
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isFalse();
    }

    @Test
    void editsInAnotherPhaseDoNotMatter() throws IOException {
        project.put("compose.yml", "edited\n");
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isTrue();
        assertThat(project.writer.upToDate(COMPOSE, "fp-compose")).isFalse();
    }

    @Test
    void falseWithoutAManifestOrWithACorruptOne() throws IOException {
        Files.writeString(project.manifest, "garbage\n");
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isFalse();
        Files.delete(project.manifest);
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isFalse();
    }

    @Test
    void aDryRunRecordsNothing() throws IOException {
        project.writer.write(List.of(docker("Dockerfile", "FROM b\n")), DOCKER, "fp-new", DRY_RUN);
        assertThat(project.writer.upToDate(DOCKER, "fp-new")).isFalse();
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isTrue();
    }

    @Test
    void rejectsAnEmptySetOfPhases() {
        assertThatIllegalArgumentException().isThrownBy(() -> project.writer.upToDate(Set.of(), "fp"));
    }

    @Test
    void isFastForThirtySmallFiles() throws IOException {
        List<GeneratedFile> files = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            files.add(docker("deploy/dir" + (i % 5) + "/file" + i + ".yml", ("line\n").repeat(40 + i)));
        }
        project.writer.write(files, DOCKER, "fp-many", NORMAL);
        for (int i = 0; i < 50; i++) {
            assertThat(project.writer.upToDate(DOCKER, "fp-many")).isTrue();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            project.writer.upToDate(DOCKER, "fp-many");
            best = Math.min(best, System.nanoTime() - start);
        }
        // The target is a few milliseconds; the bound is loose so a busy CI machine does not flake.
        assertThat(best / 1_000_000.0).as("best of 20, in ms").isLessThan(25.0);
    }
}
