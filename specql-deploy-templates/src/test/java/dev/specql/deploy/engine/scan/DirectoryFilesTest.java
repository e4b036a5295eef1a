package dev.specql.deploy.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFilesTest {

    @TempDir
    Path project;

    @Test
    void readsSmallUtf8FilesInsideTheProject() throws Exception {
        Files.writeString(project.resolve("runtime.txt"), "python-3.12.7\n");
        Files.createDirectories(project.resolve("requirements"));
        Files.writeString(project.resolve("requirements/base.txt"), "Django==5.2\n");
        DirectoryFiles files = new DirectoryFiles(project);
        assertThat(files.read("runtime.txt")).contains("python-3.12.7\n");
        assertThat(files.read("requirements/base.txt")).contains("Django==5.2\n");
        assertThat(files.read("missing.txt")).isEmpty();
        assertThat(files.read("requirements")).as("a directory").isEmpty();
    }

    @Test
    void whatCannotBeAManifestReadsAsAbsent(@TempDir Path outside) throws Exception {
        Files.write(project.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Files.write(project.resolve("huge.txt"), new byte[DirectoryFiles.MAX_BYTES + 1]);
        Files.writeString(outside.resolve("secret.txt"), "3.12\n");
        Files.createSymbolicLink(project.resolve(".python-version"), outside.resolve("secret.txt"));
        Files.writeString(project.resolve("inside.txt"), "3.13\n");
        Files.createSymbolicLink(project.resolve("runtime.txt"), project.resolve("inside.txt"));
        DirectoryFiles files = new DirectoryFiles(project);
        assertThat(files.read("latin1.txt")).isEmpty();
        assertThat(files.read("huge.txt")).isEmpty();
        assertThat(files.read(".python-version")).as("a link out of the project").isEmpty();
        assertThat(files.read("runtime.txt")).as("a link inside it").contains("3.13\n");
    }

    @Test
    void foldersListTheirEntriesAndNothingOutsideTheProject(@TempDir Path outside) throws Exception {
        Files.createDirectories(project.resolve("db/migrations/nested"));
        Files.writeString(project.resolve("db/migrations/002_b.sql"), "");
        Files.writeString(project.resolve("db/migrations/001_a.sql"), "");
        Files.writeString(project.resolve("file.txt"), "");
        Files.createSymbolicLink(project.resolve("away"), outside);
        DirectoryFiles files = new DirectoryFiles(project);
        assertThat(files.list("db/migrations")).contains(java.util.List.of("001_a.sql", "002_b.sql", "nested"));
        assertThat(files.list("db/missing")).isEmpty();
        assertThat(files.list("file.txt")).isEmpty();
        assertThat(files.list("away")).isEmpty();
        assertThatThrownBy(() -> files.list("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsMustStayInsideTheProject() {
        DirectoryFiles files = new DirectoryFiles(project);
        for (String path : new String[] {"../etc/passwd", "/etc/passwd", "a/../../b", "", "a\\b"}) {
            assertThatThrownBy(() -> files.read(path)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
