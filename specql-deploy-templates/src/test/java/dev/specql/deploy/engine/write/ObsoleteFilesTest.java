package dev.specql.deploy.engine.write;

import static dev.specql.deploy.engine.write.Project.BOTH;
import static dev.specql.deploy.engine.write.Project.COMPOSE;
import static dev.specql.deploy.engine.write.Project.DOCKER;
import static dev.specql.deploy.engine.write.Project.FORCE;
import static dev.specql.deploy.engine.write.Project.NORMAL;
import static dev.specql.deploy.engine.write.Project.compose;
import static dev.specql.deploy.engine.write.Project.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a phase generated before but no longer does, and how runs of one phase leave the others alone. */
class ObsoleteFilesTest {

    @TempDir
    Path dir;
    Project project;

    @BeforeEach
    void setUp() throws IOException {
        project = new Project(dir);
        project.writer.write(List.of(docker("Dockerfile", "FROM a\n"), docker("docker/old.sh", "old\n"),
                compose("compose.yml", "services: {}\n")), BOTH, "fp-both", NORMAL);
    }

    @Test
    void anUntouchedObsoleteFileIsDeleted() throws IOException {
        project.put("docker/old.sh.specql-new", "leftover\n");
        WriteReport report = project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "fp", NORMAL);

        assertThat(report.results()).extracting(FileResult::path, FileResult::action, FileResult::detail).containsExactly(
                tuple("Dockerfile", Action.UNCHANGED, "up to date"),
                tuple("docker/old.sh", Action.DELETE, "no longer generated; removed leftover old.sh.specql-new"));
        assertThat(project.exists("docker/old.sh")).isFalse();
        assertThat(project.exists("docker/old.sh.specql-new")).isFalse();
        assertThat(project.manifest().entries()).containsOnlyKeys("Dockerfile", "compose.yml");
    }

    @Test
    void anEditedObsoleteFileIsKeptAndForgotten() throws IOException {
        project.put("docker/old.sh", "mine\n");
        WriteReport report = project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "fp", NORMAL);

        assertThat(report.results()).filteredOn(r -> r.path().equals("docker/old.sh")).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.CONFLICT);
            assertThat(r.detail()).isEqualTo("no longer generated; kept because it was edited");
            assertThat(r.sideFile()).isEmpty();
        });
        assertThat(project.read("docker/old.sh")).isEqualTo("mine\n");
        // It is the user's file now: reported once, then no longer tracked.
        assertThat(project.manifest().entries()).doesNotContainKey("docker/old.sh");
        assertThat(project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "fp", NORMAL).results())
                .extracting(FileResult::path).containsExactly("Dockerfile");
    }

    @Test
    void forceDeletesAnEditedObsoleteFile() throws IOException {
        project.put("docker/old.sh", "mine\n");
        WriteReport report = project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "fp", FORCE);
        assertThat(report.results()).filteredOn(r -> r.path().equals("docker/old.sh")).singleElement()
                .extracting(FileResult::action, FileResult::detail)
                .containsExactly(Action.DELETE, "no longer generated; deleted despite local edits (forced)");
        assertThat(project.exists("docker/old.sh")).isFalse();
    }

    @Test
    void anObsoleteFileAlreadyGoneIsJustDropped() throws IOException {
        Files.delete(dir.resolve("docker/old.sh"));
        WriteReport report = project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "fp", NORMAL);
        assertThat(report.results()).extracting(FileResult::path).containsExactly("Dockerfile");
        assertThat(project.manifest().entries()).containsOnlyKeys("Dockerfile", "compose.yml");
    }

    @Test
    void anIgnoredObsoleteFileIsLeftAlone() throws IOException {
        project.put(".specql-deploy-ignore", "*.sh\n");
        WriteReport report = project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "fp", NORMAL);
        assertThat(report.results()).filteredOn(r -> r.path().equals("docker/old.sh")).singleElement()
                .extracting(FileResult::action, FileResult::detail).containsExactly(Action.IGNORED,
                        "no longer generated; left alone because it is listed in .specql-deploy-ignore (line 1: *.sh)");
        assertThat(project.exists("docker/old.sh")).isTrue();
        assertThat(project.manifest().entries()).doesNotContainKey("docker/old.sh");
    }

    @Test
    void onlyThePhasesBeingRunAreCleanedUp() throws IOException {
        // compose.yml is not generated by this docker-only run, but it belongs to another phase: keep it.
        WriteReport report = project.writer.write(List.of(docker("Dockerfile", "FROM b\n")), DOCKER, "fp", NORMAL);

        assertThat(report.results()).extracting(FileResult::path).containsExactly("Dockerfile", "docker/old.sh");
        assertThat(project.read("compose.yml")).isEqualTo("services: {}\n");
        Manifest manifest = project.manifest();
        assertThat(manifest.entry("compose.yml")).map(Manifest.Entry::phase).contains("compose");
        assertThat(manifest.entry("compose.yml")).map(Manifest.Entry::hash).contains(Hashes.sha256("services: {}\n"));
    }

    @Test
    void aFileMayMoveToAnotherPhase() throws IOException {
        WriteReport report = project.writer.write(List.of(compose("compose.yml", "services: {}\n"),
                compose("docker/old.sh", "old\n")), COMPOSE, "fp", NORMAL);
        assertThat(report.results()).extracting(FileResult::action).containsOnly(Action.UNCHANGED);
        assertThat(project.manifest().entry("docker/old.sh")).map(Manifest.Entry::phase).contains("compose");

        // The docker run no longer owns it, so it is not obsolete there.
        WriteReport docker = project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "fp", NORMAL);
        assertThat(docker.results()).extracting(FileResult::path).containsExactly("Dockerfile");
        assertThat(project.exists("docker/old.sh")).isTrue();
    }

    @Test
    void aRunDropsFingerprintsOfOtherKeysSharingOneOfItsPhases() throws IOException {
        assertThat(project.manifest().fingerprints()).containsOnlyKeys("compose+docker");

        // The compose files were rewritten, so "compose+docker" no longer describes what is on disk.
        project.writer.write(List.of(compose("compose.yml", "services: {}\n")), COMPOSE, "fp-compose", NORMAL);
        assertThat(project.manifest().fingerprints()).containsOnlyKeys("compose");

        // A docker run leaves the unrelated "compose" key alone.
        project.writer.write(List.of(docker("Dockerfile", "FROM b\n"), docker("docker/old.sh", "old\n")), DOCKER,
                "fp-docker", NORMAL);
        assertThat(project.manifest().fingerprints()).containsExactly(
                entry("compose", "fp-compose"),
                entry("docker", "fp-docker"));
        assertThat(project.writer.upToDate(BOTH, "fp-both")).isFalse();
        assertThat(project.writer.upToDate(COMPOSE, "fp-compose")).isTrue();
        assertThat(project.writer.upToDate(DOCKER, "fp-docker")).isTrue();
    }

    @Test
    void aStaleFingerprintCannotVouchForFilesAnotherRunRewrote() throws IOException {
        // docker alone with spec A, then both phases with spec B, then docker with spec A again: without dropping
        // the "docker" key, the last run would be skipped and leave spec B's Dockerfile behind.
        project.writer.write(List.of(docker("Dockerfile", "FROM a\n")), DOCKER, "spec-a", NORMAL);
        project.writer.write(List.of(docker("Dockerfile", "FROM b\n"), compose("compose.yml", "x\n")), BOTH, "spec-b",
                NORMAL);
        assertThat(project.writer.upToDate(DOCKER, "spec-a")).isFalse();
    }
}
