package dev.specql.deploy.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedFileTest {

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "deploy/compose.yml", "a/b/c/d.txt", ".github/workflows/ci.yml", "my file.txt",
            "...", "a/..b", "a/b..", "café/ünïcode.md"})
    void acceptsCanonicalRelativePaths(String path) {
        assertThat(GeneratedFile.regular(path, "x", "docker").path()).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/etc/passwd|must be relative to the project root",
            "../outside|must not contain '..' segments",
            "a/../../b|must not contain '..' segments",
            "a/..|must not contain '..' segments",
            "./a|must not contain '.' segments",
            "a/./b|must not contain '.' segments",
            "a//b|must not contain empty segments",
            "a/|must not contain empty segments",
            "a\\b|must use '/' as separator",
            "..\\evil|must use '/' as separator",
            "C:/Windows|must not contain ':'",
    })
    void rejectsPathsThatCouldEscapeOrAreNotCanonical(String path, String reason) {
        assertThatThrownBy(() -> GeneratedFile.regular(path, "x", "docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + path + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsEmptyAndControlCharacters() {
        assertThatThrownBy(() -> GeneratedFile.regular("", "x", "docker")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> GeneratedFile.regular(null, "x", "docker")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> GeneratedFile.regular("a\nb", "x", "docker"))
                .hasMessage("invalid generated path 'a\\u000ab': must not contain control characters");
        assertThatThrownBy(() -> GeneratedFile.regular("a\u007fb", "x", "docker"))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> GeneratedFile.regular("a\tb", "x", "docker"))
                .hasMessageContaining("control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a+b", "a/b", "döcker"})
    void rejectsPhasesThatWouldBreakTheManifest(String phase) {
        assertThatThrownBy(() -> GeneratedFile.regular("Dockerfile", "x", phase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid phase '" + phase + "'");
    }

    @Test
    void requiresEveryField() {
        assertThatNullPointerException().isThrownBy(() -> new GeneratedFile("a", null, FileMode.REGULAR, "docker"));
        assertThatNullPointerException().isThrownBy(() -> new GeneratedFile("a", "x", null, "docker"));
        assertThatThrownBy(() -> new GeneratedFile("a", "x", FileMode.REGULAR, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factoriesSetTheMode() {
        assertThat(GeneratedFile.executable("entrypoint.sh", "#!/bin/sh\n", "docker").mode()).isEqualTo(FileMode.EXECUTABLE);
        assertThat(GeneratedFile.regular("Dockerfile", "FROM x\n", "docker").mode()).isEqualTo(FileMode.REGULAR);
    }
}
