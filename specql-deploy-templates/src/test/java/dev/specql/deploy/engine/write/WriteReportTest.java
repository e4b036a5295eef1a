package dev.specql.deploy.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteReportTest {

    private static FileResult result(String path, Action action) {
        return new FileResult(path, action, "", Optional.empty(), Optional.empty());
    }

    @Test
    void countsAndSummarisesEveryAction() {
        List<FileResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(result("c" + i, Action.CREATE));
        }
        results.add(result("u", Action.UPDATE));
        for (int i = 0; i < 10; i++) {
            results.add(result("n" + i, Action.UNCHANGED));
        }
        results.add(result("x", Action.CONFLICT));
        WriteReport report = new WriteReport(results, false);
        assertThat(report.count(Action.CREATE)).isEqualTo(3);
        assertThat(report.count(Action.DELETE)).isZero();
        assertThat(report.summary()).isEqualTo("3 created, 1 updated, 10 unchanged, 1 conflict, 0 ignored, 0 deleted");
        assertThat(report.hasConflicts()).isTrue();
        assertThat(report.changedFiles()).isTrue();
    }

    @Test
    void pluralisesConflictsAndMarksDryRuns() {
        WriteReport report = new WriteReport(List.of(result("a", Action.CONFLICT), result("b", Action.CONFLICT),
                result("c", Action.IGNORED), result("d", Action.DELETE)), true);
        assertThat(report.summary())
                .isEqualTo("0 created, 0 updated, 0 unchanged, 2 conflicts, 1 ignored, 1 deleted (dry run: nothing written)");
        assertThat(new WriteReport(List.of(), false).summary())
                .isEqualTo("0 created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted");
    }

    @Test
    void sortsResultsByPathAndIsImmutable() {
        List<FileResult> results = new ArrayList<>(List.of(result("b", Action.CREATE), result("a/z", Action.CREATE),
                result("a", Action.CREATE)));
        WriteReport report = new WriteReport(results, false);
        results.clear();
        assertThat(report.results()).extracting(FileResult::path).containsExactly("a", "a/z", "b");
    }

    @Test
    void nothingChangedWhenOnlyUnchangedIgnoredOrConflicting() {
        WriteReport report = new WriteReport(List.of(result("a", Action.UNCHANGED), result("b", Action.IGNORED),
                result("c", Action.CONFLICT)), false);
        assertThat(report.changedFiles()).isFalse();
        assertThat(new WriteReport(List.of(result("a", Action.DELETE)), false).changedFiles()).isTrue();
        assertThat(new WriteReport(List.of(result("a", Action.UNCHANGED)), false).hasConflicts()).isFalse();
    }

    @Test
    void resultPrintsOneLogLine() {
        assertThat(new FileResult("Dockerfile", Action.CONFLICT, "edited", Optional.of("Dockerfile.specql-new"),
                Optional.empty())).hasToString("CONFLICT Dockerfile: edited");
        assertThat(result("a", Action.CREATE)).hasToString("CREATE a");
        assertThatNullPointerException().isThrownBy(() -> new FileResult("a", Action.CREATE, null, Optional.empty(),
                Optional.empty()));
    }

    @Test
    void defaultOptionsChangeNothingSpecial() {
        assertThat(WriteOptions.defaults()).isEqualTo(new WriteOptions(false, false, false));
    }
}
