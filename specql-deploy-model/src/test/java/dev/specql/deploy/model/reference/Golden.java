package dev.specql.deploy.model.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a generated file with its committed copy. With {@code -Dspecql.refresh=true} it rewrites the
 * copy first, so a deliberate change is one command and one reviewed diff. Paths are relative to the
 * module directory, where surefire runs.
 */
final class Golden {

    static final String REFRESH_PROPERTY = "specql.refresh";

    private Golden() {
    }

    static void check(Path committed, String generated, String testName) throws IOException {
        if (Boolean.getBoolean(REFRESH_PROPERTY)) {
            Files.createDirectories(committed.toAbsolutePath().getParent());
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        assertThat(actual)
                .as("%s is out of date with the code that generates it. Refresh it with%n"
                        + "  ./mvnw -q -B test -pl specql-deploy-model -Dtest=%s -D%s=true%n"
                        + "then review and commit the diff.", committed, testName, REFRESH_PROPERTY)
                .isEqualTo(generated);
    }
}
