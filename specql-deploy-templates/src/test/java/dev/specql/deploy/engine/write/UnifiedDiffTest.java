package dev.specql.deploy.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void aNewFileIsDiffedAgainstNothing() {
        assertThat(UnifiedDiff.of("deploy/Dockerfile", "", "FROM a\nRUN b\n")).isEqualTo("""
                --- a/deploy/Dockerfile
                +++ b/deploy/Dockerfile
                @@ -0,0 +1,2 @@
                +FROM a
                +RUN b
                """);
    }

    @Test
    void showsThreeLinesOfContext() {
        assertThat(UnifiedDiff.of("x", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n")).isEqualTo("""
                --- a/x
                +++ b/x
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void marksAMissingFinalNewlineLikeGit() {
        assertThat(UnifiedDiff.of("x", "a\nb", "a\nb\n")).isEqualTo("""
                --- a/x
                +++ b/x
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b
                """);
    }

    @Test
    void aRemovedFileIsDiffedToNothing() {
        assertThat(UnifiedDiff.of("x", "a\n", "")).isEqualTo("--- a/x\n+++ b/x\n@@ -1,1 +0,0 @@\n-a\n");
    }

    @Test
    void onlyEmptyRangesAreShifted() {
        assertThat(UnifiedDiff.fixEmptyRanges("@@ -1,0 +1,10 @@")).isEqualTo("@@ -0,0 +1,10 @@");
        assertThat(UnifiedDiff.fixEmptyRanges("@@ -10,2 +12,0 @@")).isEqualTo("@@ -10,2 +11,0 @@");
        assertThat(UnifiedDiff.fixEmptyRanges("@@ -1,0 +0,0 @@")).isEqualTo("@@ -0,0 +0,0 @@");
    }
}
