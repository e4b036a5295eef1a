package dev.specql.deploy.model.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.Origin;
import dev.specql.deploy.model.config.Setting;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each framework reads from a repository's version files, and how the spec and the files combine. */
class DetectionTest {

    /** A project of these files; its folders are the ones their paths name. */
    static ProjectFiles files(Map<String, String> contents) {
        return new ProjectFiles() {
            @Override
            public Optional<String> read(String path) {
                return Optional.ofNullable(contents.get(path));
            }

            @Override
            public Optional<java.util.List<String>> list(String directory) {
                java.util.List<String> names = contents.keySet().stream().filter(p -> p.startsWith(directory + "/"))
                        .map(p -> p.substring(directory.length() + 1).split("/")[0]).distinct().sorted().toList();
                return names.isEmpty() ? Optional.empty() : Optional.of(names);
            }
        };
    }

    static Detection python(Map<String, String> contents) {
        return Frameworks.of(Framework.DJANGO).detect(files(contents));
    }

    static Detection ruby(Map<String, String> contents) {
        return Frameworks.of(Framework.RAILS).detect(files(contents));
    }

    /** The runtime version detected: these tests give files that say nothing else the framework reads, or a Gemfile without job gems. */
    static Detected only(Detection detection) {
        assertThat(detection.values()).filteredOn(d -> !d.key().equals("application.runtime_version"))
                .allSatisfy(d -> assertThat(d.key()).isEqualTo("application.worker.enabled"));
        return detection.values().stream().filter(d -> d.key().equals("application.runtime_version")).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ".python-version | 3.12.7\\n                  | 3.12.7 | 1",
            ".python-version | # pyenv\\n3.14\\n          | 3.14 | 2",
            "runtime.txt     | python-3.12.7             | 3.12.7 | 1",
            ".tool-versions  | nodejs 22.1.0\\npython 3.13.1 3.12.0 | 3.13.1 | 2",
            "Pipfile         | [requires]\\npython_version = \"3.12\" | 3.12 | 2",
            "Pipfile         | [requires]\\npython_full_version = '3.14.2' | 3.14.2 | 2"})
    void pythonVersionsAreReadFromEachFileTheToolsObeyWithTheExactReleaseTheyPin(String file, String content, String minor, int line) {
        Detected detected = only(python(Map.of(file, content.replace("\\n", "\n"))));
        assertThat(detected.key()).isEqualTo("application.runtime_version");
        assertThat(detected.value()).isEqualTo(minor);
        assertThat(detected.origin()).isEqualTo(new Location(file, line, 1));
    }

    @Test
    void filesThatNameNoCPythonVersionAreNotReadAsOne() {
        assertThat(python(Map.of(".python-version", "system\n", "runtime.txt", "pypy3.10-7.3\n")).values()).isEmpty();
        assertThat(python(Map.of(".python-version", "3.12.7.1\n")).values()).isEmpty();
        assertThat(python(Map.of()).values()).isEmpty();
    }

    @Test
    void thePinThatWinsIsTheOneTheToolsObeyFirstAndTheOthersAreWarnedAbout() {
        Detection detection = python(Map.of(".python-version", "3.12\n", "runtime.txt", "python-3.13.4\n"));
        assertThat(only(detection).value()).isEqualTo("3.12");
        assertThat(detection.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.location()).isEqualTo(new Location("runtime.txt", 1, 1));
            assertThat(warning.message()).contains("runtime.txt says Python 3.13.4").contains(".python-version:1 says 3.12");
        });
        assertThat(python(Map.of(".python-version", "3.12\n", "runtime.txt", "python-3.12.7\n")).warnings()).isEmpty();
        // uv asks for the exact interpreter .python-version names: two exact releases that differ disagree.
        assertThat(python(Map.of(".python-version", "3.12.1\n", "runtime.txt", "python-3.12.7\n")).warnings()).singleElement()
                .extracting(Problem::message).asString().contains("runtime.txt says Python 3.12.7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ">=3.12,<3.13 | 3.12",
            ">=3.12       | 3.14",
            "~=3.12       | 3.14",
            "~=3.12.1     | 3.12",
            "==3.13.*     | 3.13",
            ">=3.10,!=3.14.*,<4 | 3.13",
            "<3.13        | 3.12",
            ">=3.15       | 3.15"})
    void aRangeDecidesWhenNothingIsPinned(String requires, String minor) {
        Detected detected = only(python(Map.of("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \"" + requires + "\"\n")));
        assertThat(detected.value()).isEqualTo(minor);
        assertThat(detected.origin()).isEqualTo(new Location("pyproject.toml", 3, 1));
    }

    @Test
    void aPinOutsideTheDeclaredRangeIsWarnedAbout() {
        Detection detection = python(Map.of(".python-version", "3.12\n", "pyproject.toml", "requires-python = \">=3.13\"\n"));
        assertThat(only(detection).value()).isEqualTo("3.12");
        assertThat(detection.warnings()).singleElement().extracting(Problem::message).asString()
                .contains("pyproject.toml requires Python >=3.13").contains("pins 3.12");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Gemfile       | source \"https://rubygems.org\"\\nruby \"3.3.9\"\\ngem \"rails\" | 3.3.9 | 2",
            "Gemfile       | ruby '3.4.6'                     | 3.4.6 | 1",
            "Gemfile       | ruby \"~> 3.3.0\"                | 3.3 | 1",
            "Gemfile       | ruby \">= 3.3\", \"< 3.4\"       | 3.3 | 1",
            ".ruby-version | ruby-3.4.6                       | 3.4.6 | 1",
            ".tool-versions | ruby 3.3.9                      | 3.3.9 | 1",
            "Gemfile.lock  | GEM\\n  specs:\\n\\nRUBY VERSION\\n   ruby 3.3.9p170\\n | 3.3.9 | 5"})
    void rubyVersionsAreReadFromTheGemfileAndTheVersionFiles(String file, String content, String minor, int line) {
        Detected detected = only(ruby(Map.of(file, content.replace("\\n", "\n"))));
        assertThat(detected.value()).isEqualTo(minor);
        assertThat(detected.origin()).isEqualTo(new Location(file, line, 1));
    }

    @Test
    void theGemfileWinsOverVersionFilesBecauseBundlerEnforcesIt() {
        Detection detection = ruby(Map.of("Gemfile", "ruby \"3.3.9\"\n", ".ruby-version", "3.4.6\n"));
        assertThat(only(detection).value()).isEqualTo("3.3.9");
        assertThat(detection.warnings()).singleElement().extracting(Problem::location).isEqualTo(new Location(".ruby-version", 1, 1));
        assertThat(only(ruby(Map.of("Gemfile", "ruby file: \".ruby-version\"\n", ".ruby-version", "3.4.6\n"))).value()).isEqualTo("3.4.6");
    }

    // ---------------------------------------------------------------------------------------- through the loader

    static SpecLoader.LoadedSpec load(String yaml, Map<String, String> project) throws SpecException {
        return SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8), files(project));
    }

    /** Where a setting's value came from, as validate prints it: "detected runtime.txt:1". */
    static String provenance(SpecLoader.LoadedSpec loaded, String key) {
        return loaded.config().setting(key).map(Setting::provenance).orElseThrow();
    }

    static final String DJANGO = "deployment: {name: shop, framework: django}\nplatform: {domain: shop.example.com}\n";

    @Test
    void aDetectedValueBeatsTheDefaultsAndSaysWhereItCameFrom() throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO, Map.of("runtime.txt", "python-3.12.7\n"));
        Setting setting = loaded.config().setting("application.runtime_version").orElseThrow();
        assertThat(setting.origin()).isEqualTo(Origin.DETECTED);
        assertThat(setting.provenance()).isEqualTo("detected runtime.txt:1");
        assertThat(loaded.spec().application().runtimeVersion()).isEqualTo("3.12.7");
        assertThat(loaded.config().warnings()).isEmpty();
    }

    @Test
    void theSpecBeatsADetectedValueAndTheDisagreementIsAWarningAtTheSpecsKey() throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO + "application: {runtime_version: \"3.13\"}\n", Map.of("runtime.txt", "python-3.12.7\n"));
        assertThat(loaded.spec().application().runtimeVersion()).isEqualTo("3.13");
        assertThat(loaded.config().setting("application.runtime_version").orElseThrow().origin()).isEqualTo(Origin.USER);
        assertThat(loaded.config().warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.location()).isEqualTo(new Location("deployment.yaml", 3, 32));
            assertThat(warning).hasToString("deployment.yaml:3:32: application.runtime_version: the spec says '3.13' but runtime.txt:1 "
                    + "says '3.12.7'; the spec wins (make them agree, or remove the key from the spec to follow runtime.txt:1)");
        });
    }

    @Test
    void aDetectedVersionTheFrameworkCannotRunFailsAtTheFileThatAsksForIt() {
        assertThatThrownBy(() -> load("deployment: {name: api, framework: fraiseql}\nplatform: {domain: api.example.com}\n",
                Map.of(".python-version", "3.12\n")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(".python-version:1:1: application.runtime_version: fraiseql does not run on Python 3.12 "
                        + "(use one of 3.14 in .python-version:1, or set application.runtime_version in the spec)");
    }

    @Test
    void aFrameworkReadsOnlyItsOwnLanguagesFiles() throws Exception {
        SpecLoader.LoadedSpec rails = load("deployment: {name: shop, framework: rails}\nplatform: {domain: shop.example.com}\n",
                Map.of(".python-version", "3.12\n", ".ruby-version", "3.3.9\n"));
        assertThat(rails.spec().application().runtimeVersion()).isEqualTo("3.3.9");
        assertThat(rails.config().setting("application.runtime_version").orElseThrow().provenance()).isEqualTo("detected .ruby-version:1");
    }
}
