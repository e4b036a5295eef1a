package dev.specql.deploy.engine.write;

import static dev.specql.deploy.engine.write.Project.DIFF;
import static dev.specql.deploy.engine.write.Project.DOCKER;
import static dev.specql.deploy.engine.write.Project.DRY_RUN;
import static dev.specql.deploy.engine.write.Project.NORMAL;
import static dev.specql.deploy.engine.write.Project.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run reports exactly what a real run would do, and writes nothing; diffs show the changes. */
class DryRunTest {

    @TempDir
    Path dir;
    Project project;

    /** After this, the next run has one of every action. */
    @BeforeEach
    void everyKindOfChangePending() throws IOException {
        project = new Project(dir);
        project.write(docker("unchanged", "same\n"), docker("updated", "v1\n"), docker("edited", "v1\n"),
                docker("obsolete", "old\n"), docker("ignored", "v1\n"));
        project.put("edited", "mine\n").put("unchanged.specql-new", "leftover\n");
        project.put(".specql-deploy-ignore", "ignored\n");
        Tree.age(dir);
    }

    private static List<GeneratedFile> next() {
        return List.of(docker("unchanged", "same\n"), docker("updated", "v2\n"), docker("edited", "v2\n"),
                docker("created", "new\n"), docker("ignored", "v2\n"));
    }

    @Test
    void writesNothingAndReportsWhatARealRunDoes() throws IOException {
        Map<String, Tree.Node> before = Tree.snapshot(dir);
        WriteReport dry = project.writer.write(next(), DOCKER, "fp2", DRY_RUN);
        assertThat(Tree.snapshot(dir)).isEqualTo(before);

        WriteReport real = project.writer.write(next(), DOCKER, "fp2", NORMAL);
        assertThat(Tree.snapshot(dir)).isNotEqualTo(before);
        assertThat(dry.dryRun()).isTrue();
        assertThat(real.dryRun()).isFalse();
        assertThat(dry.results()).isEqualTo(real.results());
        assertThat(real.results()).extracting(FileResult::path, FileResult::action).containsExactly(
                tuple("created", Action.CREATE),
                tuple("edited", Action.CONFLICT),
                tuple("ignored", Action.IGNORED),
                tuple("obsolete", Action.DELETE),
                tuple("unchanged", Action.UNCHANGED),
                tuple("updated", Action.UPDATE));
        assertThat(dry.summary()).isEqualTo(
                "1 created, 1 updated, 1 unchanged, 1 conflict, 1 ignored, 1 deleted (dry run: nothing written)");
    }

    @Test
    void aDryRunOnAnEmptyProjectCreatesNoManifest() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Project fresh = new Project(empty);
        fresh.writer.write(List.of(docker("a/b", "x")), DOCKER, "fp", DRY_RUN);
        assertThat(Tree.snapshot(empty)).containsOnlyKeys("");
    }

    @Test
    void diffsShowEveryContentChange() throws IOException {
        Map<String, Tree.Node> before = Tree.snapshot(dir);
        WriteReport report = project.writer.write(next(), DOCKER, "fp2", DIFF);
        assertThat(Tree.snapshot(dir)).isEqualTo(before);

        assertThat(diffOf(report, "created")).contains("""
                --- a/created
                +++ b/created
                @@ -0,0 +1,1 @@
                +new
                """);
        assertThat(diffOf(report, "updated")).contains("""
                --- a/updated
                +++ b/updated
                @@ -1,1 +1,1 @@
                -v1
                +v2
                """);
        // A conflict diffs what is on disk (the user's edit) against the new version.
        assertThat(diffOf(report, "edited")).contains("""
                --- a/edited
                +++ b/edited
                @@ -1,1 +1,1 @@
                -mine
                +v2
                """);
        assertThat(diffOf(report, "obsolete")).contains("--- a/obsolete\n+++ b/obsolete\n@@ -1,1 +0,0 @@\n-old\n");
        assertThat(diffOf(report, "unchanged")).isEmpty();
        assertThat(diffOf(report, "ignored")).isEmpty();
    }

    @Test
    void diffsAreComputedOnRealRunsTooWhenAsked() throws IOException {
        WriteReport report = project.writer.write(next(), DOCKER, "fp2", new WriteOptions(false, false, true));
        assertThat(diffOf(report, "updated")).isPresent();
        assertThat(project.read("updated")).isEqualTo("v2\n");
    }

    @Test
    void noDiffsUnlessAsked() throws IOException {
        WriteReport report = project.writer.write(next(), DOCKER, "fp2", DRY_RUN);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.diff()).isEmpty());
    }

    private static Optional<String> diffOf(WriteReport report, String path) {
        return report.results().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow().diff();
    }
}
