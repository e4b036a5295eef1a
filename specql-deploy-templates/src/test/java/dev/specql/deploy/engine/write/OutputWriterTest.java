package dev.specql.deploy.engine.write;

import static dev.specql.deploy.engine.write.Project.DOCKER;
import static dev.specql.deploy.engine.write.Project.FORCE;
import static dev.specql.deploy.engine.write.Project.NORMAL;
import static dev.specql.deploy.engine.write.Project.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

    @TempDir
    Path dir;
    Project project;

    @BeforeEach
    void setUp() {
        project = new Project(dir);
    }

    @Test
    void createsFilesWithTheirParentsAndRecordsThem() throws IOException {
        String crlf = "FROM eclipse-temurin:17\r\nRUN echo café\r\n";
        WriteReport report = project.write(docker("Dockerfile", crlf), docker("deploy/docker/entry.sh", "#!/bin/sh\n"));

        assertThat(report.results()).extracting(FileResult::path, FileResult::action, FileResult::detail).containsExactly(
                tuple("Dockerfile", Action.CREATE, "new file"),
                tuple("deploy/docker/entry.sh", Action.CREATE, "new file"));
        assertThat(report.dryRun()).isFalse();
        // Bytes exactly as given: no line-ending conversion, UTF-8 whatever the platform charset.
        assertThat(Files.readAllBytes(dir.resolve("Dockerfile"))).isEqualTo(crlf.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(project.manifest)).isEqualTo(Manifest.HEADER + "\n"
                + "# fingerprint docker fp\n"
                + Hashes.sha256(crlf) + "  docker  Dockerfile\n"
                + Hashes.sha256("#!/bin/sh\n") + "  docker  deploy/docker/entry.sh\n");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        project.write(docker("a/b.txt", "x"), docker("c.txt", "y"));
        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.map(p -> dir.relativize(p).toString())).containsExactlyInAnyOrder(
                    "", "a", "a/b.txt", "c.txt", "deploy",
                    "deploy/.specql-deploy-manifest");
        }
    }

    @Test
    void anIdenticalFileIsNotTouched() throws IOException {
        project.write(docker("Dockerfile", "FROM a\n"));
        Tree.age(dir);
        Map<String, Tree.Node> before = Tree.snapshot(dir);

        WriteReport report = project.write(docker("Dockerfile", "FROM a\n"));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.UNCHANGED);
            assertThat(r.detail()).isEqualTo("up to date");
            assertThat(r.sideFile()).isEmpty();
        });
        // Neither the file nor the manifest was rewritten: same content, same timestamps.
        assertThat(Tree.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void anUntouchedFileIsUpdated() throws IOException {
        project.write(docker("Dockerfile", "FROM a\n"));
        WriteReport report = project.write(docker("Dockerfile", "FROM b\n"));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.UPDATE);
            assertThat(r.detail()).isEqualTo("regenerated");
            assertThat(r.diff()).isEmpty();
        });
        assertThat(project.read("Dockerfile")).isEqualTo("FROM b\n");
        assertThat(project.hashOf("Dockerfile")).isEqualTo(Hashes.sha256("FROM b\n"));
        assertThat(project.exists("Dockerfile" + OutputWriter.SIDE_SUFFIX)).isFalse();
    }

    @Test
    void anEditedFileIsKeptAndTheNewVersionWrittenBesideIt() throws IOException {
        project.write(docker("Dockerfile", "FROM a\n"));
        project.put("Dockerfile", "FROM a\n# mine\n");

        WriteReport report = project.write(docker("Dockerfile", "FROM b\n"));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.CONFLICT);
            assertThat(r.detail()).isEqualTo("edited since last generation; new version written beside it");
            assertThat(r.sideFile()).contains("Dockerfile.specql-new");
        });
        assertThat(project.read("Dockerfile")).isEqualTo("FROM a\n# mine\n");
        assertThat(project.read("Dockerfile.specql-new")).isEqualTo("FROM b\n");
        // The manifest holds the generated version, so the file stays in conflict until the user takes it.
        assertThat(project.hashOf("Dockerfile")).isEqualTo(Hashes.sha256("FROM b\n"));
        assertThat(report.summary()).isEqualTo("0 created, 0 updated, 0 unchanged, 1 conflict, 0 ignored, 0 deleted");
    }

    @Test
    void aConflictPersistsUntilTheUserTakesTheNewVersion() throws IOException {
        project.write(docker("Dockerfile", "FROM a\n"));
        project.put("Dockerfile", "mine\n");
        project.write(docker("Dockerfile", "FROM b\n"));
        Tree.age(dir);
        Map<String, Tree.Node> before = Tree.snapshot(dir);

        WriteReport again = project.write(docker("Dockerfile", "FROM b\n"));
        assertThat(again.results()).singleElement().extracting(FileResult::action).isEqualTo(Action.CONFLICT);
        // The side file already holds this version: not rewritten.
        assertThat(Tree.snapshot(dir)).isEqualTo(before);

        Files.move(dir.resolve("Dockerfile.specql-new"), dir.resolve("Dockerfile"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(project.write(docker("Dockerfile", "FROM b\n")).results()).singleElement()
                .extracting(FileResult::action).isEqualTo(Action.UNCHANGED);
        assertThat(project.write(docker("Dockerfile", "FROM c\n")).results()).singleElement()
                .extracting(FileResult::action).isEqualTo(Action.UPDATE);
    }

    @Test
    void aStaleSideFileIsReplacedByTheLatestVersion() throws IOException {
        project.write(docker("Dockerfile", "FROM a\n"));
        project.put("Dockerfile", "mine\n");
        project.write(docker("Dockerfile", "FROM b\n"));
        project.write(docker("Dockerfile", "FROM c\n"));
        assertThat(project.read("Dockerfile.specql-new")).isEqualTo("FROM c\n");
        assertThat(project.read("Dockerfile")).isEqualTo("mine\n");
    }

    @Test
    void aFileWeNeverGeneratedIsAConflict() throws IOException {
        project.put("Dockerfile", "handwritten\n");
        WriteReport report = project.write(docker("Dockerfile", "FROM a\n"));
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.CONFLICT);
            assertThat(r.detail()).isEqualTo("not generated by specql-deploy; new version written beside it (list it in .specql-deploy-ignore to keep yours without this notice)");
            assertThat(r.sideFile()).contains("Dockerfile.specql-new");
        });
        assertThat(project.read("Dockerfile")).isEqualTo("handwritten\n");
        assertThat(project.read("Dockerfile.specql-new")).isEqualTo("FROM a\n");
    }

    @Test
    void aFileWeNeverGeneratedButIdenticalIsAdopted() throws IOException {
        project.put("Dockerfile", "FROM a\n");
        assertThat(project.write(docker("Dockerfile", "FROM a\n")).results()).singleElement()
                .extracting(FileResult::action).isEqualTo(Action.UNCHANGED);
        assertThat(project.hashOf("Dockerfile")).isEqualTo(Hashes.sha256("FROM a\n"));
    }

    @Test
    void forceOverwritesEditsAndForeignFiles() throws IOException {
        project.write(docker("Dockerfile", "FROM a\n"));
        project.put("Dockerfile", "mine\n").put("Caddyfile", "handwritten\n");
        project.put("Dockerfile.specql-new", "old conflict copy\n");

        WriteReport report = project.write(FORCE, docker("Dockerfile", "FROM b\n"), docker("Caddyfile", ":80\n"));

        assertThat(report.results()).extracting(FileResult::path, FileResult::action, FileResult::detail).containsExactly(
                tuple("Caddyfile", Action.UPDATE,
                        "forced over a file not generated by specql-deploy"),
                tuple("Dockerfile", Action.UPDATE,
                        "forced over local edits; removed leftover Dockerfile.specql-new"));
        assertThat(project.read("Dockerfile")).isEqualTo("FROM b\n");
        assertThat(project.read("Caddyfile")).isEqualTo(":80\n");
        assertThat(project.exists("Dockerfile.specql-new")).isFalse();
    }

    @Test
    void leftoverSideFilesGoOnceTheConflictIsResolved() throws IOException {
        project.write(docker("same", "1\n"), docker("changed", "1\n"));
        project.put("same.specql-new", "x").put("changed.specql-new", "x").put("created.specql-new", "x");

        WriteReport report = project.write(docker("same", "1\n"), docker("changed", "2\n"), docker("created", "3\n"));

        assertThat(report.results()).extracting(FileResult::path, FileResult::action, FileResult::detail).containsExactly(
                tuple("changed", Action.UPDATE, "regenerated; removed leftover changed.specql-new"),
                tuple("created", Action.CREATE, "new file; removed leftover created.specql-new"),
                tuple("same", Action.UNCHANGED, "up to date; removed leftover same.specql-new"));
        assertThat(project.exists("same.specql-new")).isFalse();
        assertThat(project.exists("changed.specql-new")).isFalse();
        assertThat(project.exists("created.specql-new")).isFalse();
    }

    @Test
    void ignoredFilesAreNeitherWrittenNorRecorded() throws IOException {
        project.write(docker("Dockerfile", "FROM a\n"), docker("deploy/Caddyfile", ":80\n"));
        project.put(".specql-deploy-ignore", "# hand-tuned\n/Dockerfile\nsecrets/\n");
        project.put("Dockerfile", "mine\n");

        WriteReport report = project.write(docker("Dockerfile", "FROM b\n"), docker("deploy/Caddyfile", ":81\n"),
                docker("secrets/env", "A=1\n"));

        assertThat(report.results()).extracting(FileResult::path, FileResult::action, FileResult::detail).containsExactly(
                tuple("Dockerfile", Action.IGNORED,
                        "listed in .specql-deploy-ignore (line 2: /Dockerfile)"),
                tuple("deploy/Caddyfile", Action.UPDATE, "regenerated"),
                tuple("secrets/env", Action.IGNORED,
                        "listed in .specql-deploy-ignore (line 3: secrets/)"));
        assertThat(project.read("Dockerfile")).isEqualTo("mine\n");
        assertThat(project.exists("Dockerfile.specql-new")).isFalse();
        assertThat(project.exists("secrets")).isFalse();
        // The user owns it now: no hash, so it is not treated as ours if un-ignored later.
        assertThat(project.manifest().entries()).containsOnlyKeys("deploy/Caddyfile");
        assertThat(report.summary()).isEqualTo("0 created, 1 updated, 0 unchanged, 0 conflicts, 2 ignored, 0 deleted");
    }

    @Test
    void aFileWeNeverGeneratedStaysForeignOnEveryLaterRun() throws IOException {
        project.put(".dockerignore", "mine\n");
        project.write(docker(".dockerignore", "generated\n"));
        assertThat(project.manifest().entries()).doesNotContainKey(".dockerignore");
        assertThat(project.write(docker(".dockerignore", "generated\n")).results()).singleElement()
                .extracting(FileResult::detail).asString().startsWith("not generated by specql-deploy");
    }

    @Test
    void unIgnoringAFileMakesItAForeignConflict() throws IOException {
        project.put(".specql-deploy-ignore", "Dockerfile\n").put("Dockerfile", "mine\n");
        project.write(docker("Dockerfile", "FROM a\n"));
        Files.delete(dir.resolve(".specql-deploy-ignore"));
        assertThat(project.write(docker("Dockerfile", "FROM a\n")).results()).singleElement()
                .extracting(FileResult::detail).isEqualTo("not generated by specql-deploy; new version written beside it (list it in .specql-deploy-ignore to keep yours without this notice)");
    }

    @Test
    void executableFilesGetRwxrXrX() throws IOException {
        project.write(GeneratedFile.executable("entry.sh", "#!/bin/sh\n", "docker"), docker("Dockerfile", "FROM a\n"));
        assertThat(permissions("entry.sh")).isEqualTo("rwxr-xr-x");
        assertThat(permissions("Dockerfile")).isEqualTo("rw-r--r--");
        assertThat(permissions("deploy/.specql-deploy-manifest")).isEqualTo("rw-r--r--");
    }

    @Test
    void aModeChangeRewritesTheFile() throws IOException {
        project.write(docker("run.sh", "#!/bin/sh\n"));
        project.write(GeneratedFile.executable("run.sh", "#!/bin/sh\necho\n", "docker"));
        assertThat(permissions("run.sh")).isEqualTo("rwxr-xr-x");
        project.write(docker("run.sh", "#!/bin/sh\n"));
        assertThat(permissions("run.sh")).isEqualTo("rw-r--r--");
    }

    @Test
    void anEntrypointThatLostItsExecutableBitIsRepairedWithoutRewriting() throws IOException {
        GeneratedFile entry = GeneratedFile.executable("entry.sh", "#!/bin/sh\n", "docker");
        project.write(entry);
        Files.setPosixFilePermissions(dir.resolve("entry.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        FileTime mtime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("entry.sh"), mtime);

        assertThat(project.write(entry).results()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.UPDATE);
            assertThat(r.detail()).isEqualTo("made executable; content unchanged");
        });
        assertThat(permissions("entry.sh")).isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(dir.resolve("entry.sh"))).isEqualTo(mtime);
        assertThat(project.write(entry).results()).singleElement().extracting(FileResult::action)
                .isEqualTo(Action.UNCHANGED);
    }

    @Test
    void resultsAndManifestDoNotDependOnInputOrder() throws IOException {
        List<GeneratedFile> files = List.of(docker("b", "2"), docker("a/z", "1"), docker("a.txt", "0"), docker("A", "3"));
        WriteReport report = project.writer.write(files, DOCKER, "fp", NORMAL);
        String manifest = Files.readString(project.manifest);

        Project other = new Project(Files.createDirectory(dir.resolve("other")));
        List<GeneratedFile> backwards = new ArrayList<>(files);
        Collections.reverse(backwards);
        WriteReport reversed = other.writer.write(backwards, DOCKER, "fp", NORMAL);

        assertThat(report.results()).extracting(FileResult::path).containsExactly("A", "a.txt", "a/z", "b");
        assertThat(reversed).isEqualTo(report);
        assertThat(Files.readString(other.manifest)).isEqualTo(manifest);
    }

    @Test
    void theManifestCanLiveAnywhere() throws IOException {
        Path manifest = dir.resolve("target/gen/nested/.specql-deploy-manifest");
        OutputWriter writer = new OutputWriter(dir, manifest, dir.resolve(".specql-deploy-ignore"));
        writer.write(List.of(docker("Dockerfile", "x")), DOCKER, "fp", NORMAL);
        assertThat(Manifest.read(manifest).entries()).containsOnlyKeys("Dockerfile");
    }

    @Test
    void aCorruptManifestStopsTheRunBeforeAnythingIsWritten() throws IOException {
        project.put("deploy/.specql-deploy-manifest", Manifest.HEADER + "\ngarbage\n");
        assertThatThrownBy(() -> project.write(docker("Dockerfile", "x")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(project.manifest + ":2: corrupt specql-deploy manifest");
        assertThat(project.exists("Dockerfile")).isFalse();
    }

    @Test
    void rejectsInconsistentArguments() {
        OutputWriter writer = project.writer;
        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(List.of(Project.compose("c", "x")), DOCKER, "fp", NORMAL))
                .withMessage("c belongs to phase 'compose', which is not among the phases being run [docker]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(List.of(docker("a", "x"), docker("a", "y")), DOCKER, "fp", NORMAL))
                .withMessage("a is generated twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(List.of(docker("a.specql-new", "x")), DOCKER, "fp", NORMAL))
                .withMessageContaining("marks conflict copies");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(List.of(docker("deploy/.specql-deploy-manifest", "x")), DOCKER, "fp", NORMAL))
                .withMessageContaining("would overwrite the manifest or the ignore file");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(List.of(docker(".specql-deploy-ignore", "x")), DOCKER, "fp", NORMAL))
                .withMessageContaining("would overwrite the manifest or the ignore file");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.write(List.of(docker("a/b/c", "x"), docker("a/b", "y")), DOCKER, "fp", NORMAL))
                .withMessage("a/b is generated as a file but a/b/c needs it to be a directory");
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write(List.of(), DOCKER, "f p", NORMAL))
                .withMessageContaining("invalid fingerprint");
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write(List.of(), DOCKER, "", NORMAL));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write(List.of(), DOCKER, null, NORMAL));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write(List.of(), Set.of(), "fp", NORMAL));
        assertThat(project.exists("deploy")).isFalse();
    }

    @Test
    void exposesTheIgnoreFileForFingerprints() throws IOException {
        assertThat(project.writer.ignoreFileContent()).isEmpty();
        project.put(".specql-deploy-ignore", "Dockerfile\n");
        assertThat(project.writer.ignoreFileContent()).isEqualTo("Dockerfile\n");
    }

    @Test
    void aMissingProjectRootIsAnError() {
        OutputWriter writer = new OutputWriter(dir.resolve("missing"), dir.resolve("m"), dir.resolve("i"));
        assertThatThrownBy(() -> writer.write(List.of(docker("a", "x")), DOCKER, "fp", NORMAL))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aResultWithoutExtrasHasEmptyOptionals() throws IOException {
        FileResult created = project.write(docker("a", "x")).results().get(0);
        assertThat(created.sideFile()).isEqualTo(Optional.empty());
        assertThat(created.diff()).isEqualTo(Optional.empty());
    }

    private String permissions(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(path)));
    }
}
