package dev.specql.deploy.engine.write;

import static dev.specql.deploy.engine.write.Project.DOCKER;
import static dev.specql.deploy.engine.write.Project.FORCE;
import static dev.specql.deploy.engine.write.Project.NORMAL;
import static dev.specql.deploy.engine.write.Project.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile repository must not be able to point our writes (or deletes) outside the project. */
class SymlinkSafetyTest {

    @TempDir
    Path base;
    Path dir;
    Path outside;
    Project project;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectory(base.resolve("project"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("Dockerfile"), "precious\n");
        project = new Project(dir);
    }

    @Test
    void refusesAParentDirectoryLinkedOutsideTheProject() throws IOException {
        Files.createSymbolicLink(dir.resolve("deploy-out"), outside);
        Map<String, Tree.Node> outsideBefore = Tree.snapshot(outside);

        assertThatThrownBy(() -> project.write(docker("Dockerfile", "x"), docker("deploy-out/Dockerfile", "evil\n"),
                docker("deploy-out/sub/new", "evil\n")))
                .isInstanceOf(IOException.class)
                .hasMessage("refusing to write deploy-out/Dockerfile: deploy-out is a symbolic link that leads outside the"
                        + " project (to " + outside.toRealPath() + ")");
        assertThat(Tree.snapshot(outside)).isEqualTo(outsideBefore);
        // The refusal comes before any write, so the run did nothing at all.
        assertThat(project.exists("Dockerfile")).isFalse();
        assertThat(project.exists("deploy")).isFalse();
    }

    @Test
    void refusesALinkDeeperDownAndARelativeLinkClimbingOut() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createSymbolicLink(dir.resolve("a/b/up"), Path.of("../../.."));
        assertThatThrownBy(() -> project.write(docker("a/b/up/outside/Dockerfile", "evil\n")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a/b/up is a symbolic link that leads outside the project");
        assertThat(Files.readString(outside.resolve("Dockerfile"))).isEqualTo("precious\n");
    }

    @Test
    void refusesADanglingDirectoryLink() throws IOException {
        Files.createSymbolicLink(dir.resolve("gone"), outside.resolve("does-not-exist"));
        assertThatThrownBy(() -> project.write(docker("gone/Dockerfile", "x")))
                .isInstanceOf(IOException.class)
                .hasMessage("refusing to write gone/Dockerfile: gone is a symbolic link whose target does not exist");
        assertThat(Files.exists(outside.resolve("does-not-exist"))).isFalse();
    }

    @Test
    void refusesAFileWhereADirectoryIsNeeded() throws IOException {
        project.put("deploy-file", "not a dir\n");
        assertThatThrownBy(() -> project.write(docker("deploy-file/Dockerfile", "x")))
                .isInstanceOf(IOException.class)
                .hasMessage("refusing to write deploy-file/Dockerfile: deploy-file is not a directory");
    }

    @Test
    void followsLinksThatStayInsideTheProject() throws IOException {
        Files.createDirectory(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("relative"), Path.of("real"));
        project.write(docker("alias/a", "1\n"), docker("relative/b", "2\n"));
        assertThat(Files.readString(dir.resolve("real/a"))).isEqualTo("1\n");
        assertThat(Files.readString(dir.resolve("real/b"))).isEqualTo("2\n");
    }

    @Test
    void neverWritesThroughALinkedFileEvenWhenForced() throws IOException {
        Files.createSymbolicLink(dir.resolve("Dockerfile"), outside.resolve("Dockerfile"));
        for (WriteOptions options : List.of(NORMAL, FORCE)) {
            WriteReport report = project.write(options, docker("Dockerfile", "evil\n"));
            assertThat(report.results()).singleElement().satisfies(r -> {
                assertThat(r.action()).isEqualTo(Action.CONFLICT);
                assertThat(r.detail()).isEqualTo(
                        "is a symbolic link, which specql-deploy never writes through; new version written beside it");
                assertThat(r.sideFile()).contains("Dockerfile.specql-new");
                // We do not read through the link either, so there is nothing to diff against.
                assertThat(r.diff()).isEmpty();
            });
        }
        assertThat(Files.readString(outside.resolve("Dockerfile"))).isEqualTo("precious\n");
        assertThat(Files.isSymbolicLink(dir.resolve("Dockerfile"))).isTrue();
        assertThat(project.read("Dockerfile.specql-new")).isEqualTo("evil\n");
    }

    @Test
    void aLinkedSideFileIsReplacedNotWrittenThrough() throws IOException {
        project.put("Dockerfile", "handwritten\n");
        Files.createSymbolicLink(dir.resolve("Dockerfile.specql-new"), outside.resolve("Dockerfile"));
        project.write(docker("Dockerfile", "new\n"));
        assertThat(Files.isSymbolicLink(dir.resolve("Dockerfile.specql-new"))).isFalse();
        assertThat(project.read("Dockerfile.specql-new")).isEqualTo("new\n");
        assertThat(Files.readString(outside.resolve("Dockerfile"))).isEqualTo("precious\n");
    }

    @Test
    void aHostileManifestCannotDeleteOutsideTheProject() throws IOException {
        Files.createSymbolicLink(dir.resolve("out"), outside);
        project.put("deploy/.specql-deploy-manifest", Manifest.HEADER + "\n"
                + Hashes.sha256("precious\n") + "  docker  out/Dockerfile\n");

        assertThatThrownBy(() -> project.write(docker("Dockerfile", "x")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("out is a symbolic link that leads outside the project");
        assertThat(Files.readString(outside.resolve("Dockerfile"))).isEqualTo("precious\n");
        assertThat(project.writer.upToDate(DOCKER, "fp")).isFalse();
    }

    @Test
    void anObsoleteEntryThatIsNowALinkIsKept() throws IOException {
        project.write(docker("Dockerfile", "x"), docker("old", "y"));
        Files.delete(dir.resolve("old"));
        Files.createSymbolicLink(dir.resolve("old"), outside.resolve("Dockerfile"));

        WriteReport report = project.write(docker("Dockerfile", "x"));
        assertThat(report.results()).filteredOn(r -> r.path().equals("old")).singleElement()
                .extracting(FileResult::action, FileResult::detail)
                .containsExactly(Action.CONFLICT, "no longer generated; kept because it is no longer a regular file");
        assertThat(Files.isSymbolicLink(dir.resolve("old"))).isTrue();
        assertThat(Files.readString(outside.resolve("Dockerfile"))).isEqualTo("precious\n");
    }

    @Test
    void aDirectoryWhereAFileBelongsIsAConflict() throws IOException {
        Files.createDirectory(dir.resolve("Caddyfile"));
        WriteReport report = project.write(docker("Caddyfile", ":80\n"));
        assertThat(report.results()).singleElement().extracting(FileResult::action, FileResult::detail)
                .containsExactly(Action.CONFLICT, "is not a regular file; new version written beside it");
        assertThat(project.read("Caddyfile.specql-new")).isEqualTo(":80\n");
    }

    @Test
    void aLinkedProjectRootIsFine() throws IOException {
        Path link = Files.createSymbolicLink(base.resolve("link-to-project"), dir);
        OutputWriter writer = new OutputWriter(link, link.resolve(".specql-deploy-manifest"),
                link.resolve(".specql-deploy-ignore"));
        writer.write(List.of(docker("sub/Dockerfile", "x")), DOCKER, "fp", NORMAL);
        assertThat(Files.readString(dir.resolve("sub/Dockerfile"))).isEqualTo("x");
        assertThat(writer.upToDate(DOCKER, "fp")).isTrue();
    }
}
