package dev.specql.deploy.model.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.load.SpecLoader;
import dev.specql.deploy.model.config.ConfigMerger;
import dev.specql.deploy.model.config.Origin;
import dev.specql.deploy.model.config.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDefaultsTest {

    /** The notes are the documentation of ConfigMerger.derive: each must be used, and nothing derived without one. */
    @Test
    void everyDerivedValueHasANoteAndEveryNoteIsUsed() throws Exception {
        Set<String> derived = new TreeSet<>();
        for (String yaml : ValidSpecs.ALL.values()) {
            SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).config().settings().values().stream()
                    .filter(setting -> setting.origin() == Origin.DERIVED).map(Setting::path).forEach(derived::add);
        }
        assertThat(derived).containsExactlyInAnyOrderElementsOf(ConfigMerger.derivations().keySet());
    }

    @Test
    void gathersEveryLayer() {
        KeyDefaults module = KeyDefaults.of("application.module");
        assertThat(module.byFramework()).containsExactly(Map.entry("fraiseql", "schema"), Map.entry("fraiseql 1", "src.main:app"));
        assertThat(module.derivation()).hasValueSatisfying(note -> note.startsWith("for django"));
        assertThat(module.isEmpty()).isFalse();
        assertThat(KeyDefaults.of("platform.domain").isEmpty()).isTrue();
        assertThat(KeyDefaults.of("specql.registry").builtIn()).contains("registry/domain_registry.yaml");
    }

    @Test
    void writesValuesAsProse() {
        assertThat(KeyDefaults.text(List.of("a", 1L))).isEqualTo("[a, 1]");
        assertThat(KeyDefaults.text(Map.of("event", "push"))).isEqualTo("{event: push}");
        assertThat(KeyDefaults.and(List.of("a"))).isEqualTo("a");
        assertThat(KeyDefaults.and(List.of("a", "b", "c"))).isEqualTo("a, b and c");
    }

    @Test
    void staleGoldenFileFailsWithTheRefreshCommand(@TempDir Path dir) throws Exception {
        assumeFalse(Boolean.getBoolean(Golden.REFRESH_PROPERTY), "a refresh run rewrites instead of failing");
        Path file = dir.resolve("golden.txt");
        Files.writeString(file, "old\n");
        assertThatThrownBy(() -> Golden.check(file, "new\n", "SomeTest"))
                .hasMessageContaining("-Dtest=SomeTest -Dspecql.refresh=true");
        assertThatThrownBy(() -> Golden.check(dir.resolve("missing.txt"), "new\n", "SomeTest")).isInstanceOf(AssertionError.class);
    }
}
