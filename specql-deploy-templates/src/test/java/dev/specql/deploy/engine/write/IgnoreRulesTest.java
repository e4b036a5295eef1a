package dev.specql.deploy.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {

    /** One block of gitignore-cases.txt. */
    record Case(String name, String rules, List<String> ignored, List<String> kept) {
    }

    @TestFactory
    Stream<DynamicTest> agreesWithGitOnEveryCase() throws IOException {
        return cases().stream().flatMap(c -> {
            IgnoreRules rules = IgnoreRules.parse(c.rules());
            Stream<DynamicTest> ignored = c.ignored().stream().map(path -> dynamicTest(c.name() + ": ignores '" + path + "'",
                    () -> assertThat(rules.isIgnored(path)).as("rules:%n%s", c.rules()).isTrue()));
            Stream<DynamicTest> kept = c.kept().stream().map(path -> dynamicTest(c.name() + ": keeps '" + path + "'",
                    () -> assertThat(rules.isIgnored(path)).as("rules:%n%s", c.rules()).isFalse()));
            return Stream.concat(ignored, kept);
        });
    }

    @Test
    void everyBlockOfTheTableIsRead() throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(IgnoreRulesTest.class.getResourceAsStream("gitignore-cases.txt"))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long headers = text.lines().filter(line -> line.startsWith("== ")).count();
        assertThat(cases()).hasSize((int) headers).allSatisfy(c -> {
            assertThat(c.rules()).isNotBlank();
            assertThat(c.ignored().size() + c.kept().size()).isPositive();
        });
    }

    @Test
    void reportsTheRuleThatIgnoredAFile() {
        IgnoreRules rules = IgnoreRules.parse("# mine\n*.log\ndeploy/\n!keep.log\n");
        assertThat(rules.ignoringRule("a.log")).map(IgnoreRules.Rule::describe).contains("line 2: *.log");
        assertThat(rules.ignoringRule("deploy/keep.log")).map(IgnoreRules.Rule::describe).contains("line 3: deploy/");
        assertThat(rules.ignoringRule("keep.log")).isEmpty();
        assertThat(rules.rules()).extracting(IgnoreRules.Rule::line).containsExactly(2, 3, 4);
        assertThat(rules.rules().get(2).negated()).isTrue();
        assertThat(rules.rules().get(1).directoryOnly()).isTrue();
    }

    @Test
    void windowsLineEndingsAreAcceptedLikeGit() {
        IgnoreRules rules = IgnoreRules.parse("Dockerfile\r\n!app/Dockerfile\r\n");
        assertThat(rules.isIgnored("Dockerfile")).isTrue();
        assertThat(rules.isIgnored("app/Dockerfile")).isFalse();
        assertThat(rules.ignoringRule("Dockerfile")).map(IgnoreRules.Rule::text).contains("Dockerfile");
    }

    @Test
    void aMissingFileIgnoresNothing(@TempDir Path dir) throws IOException {
        IgnoreRules rules = IgnoreRules.read(dir.resolve(".specql-deploy-ignore"));
        assertThat(rules.rules()).isEmpty();
        assertThat(rules.isIgnored("Dockerfile")).isFalse();
        assertThat(IgnoreRules.none().isIgnored("anything")).isFalse();
    }

    @Test
    void readsAFileAsUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".specql-deploy-ignore");
        Files.writeString(file, "café.md\n", StandardCharsets.UTF_8);
        assertThat(IgnoreRules.read(file).isIgnored("docs/café.md")).isTrue();
    }

    @Test
    void malformedPatternsCompileToNothing() {
        assertThat(IgnoreRules.toRegex("a\\")).isNull();
        assertThat(IgnoreRules.toRegex("[abc")).isNull();
        assertThat(IgnoreRules.toRegex("[a\\")).isNull();
        assertThat(IgnoreRules.toRegex("[[:nope:]]")).isNull();
        assertThat(IgnoreRules.toRegex("[[:digit")).isNull();
        assertThat(IgnoreRules.parse("[[:nope:]]\nx[\n").rules()).isEmpty();
    }

    @Test
    void escapesInsideClasses() {
        IgnoreRules rules = IgnoreRules.parse("[\\]a].txt\n[\\!]b\n");
        assertThat(rules.isIgnored("].txt")).isTrue();
        assertThat(rules.isIgnored("a.txt")).isTrue();
        assertThat(rules.isIgnored("\\.txt")).isFalse();
        assertThat(rules.isIgnored("!b")).isTrue();
    }

    @Test
    void aRangeEndingInADashIsLiteral() {
        IgnoreRules rules = IgnoreRules.parse("x[a-].c\n");
        assertThat(rules.isIgnored("xa.c")).isTrue();
        assertThat(rules.isIgnored("x-.c")).isTrue();
        assertThat(rules.isIgnored("xb.c")).isFalse();
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(IgnoreRulesTest.class.getResourceAsStream("gitignore-cases.txt"))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String block : text.split("\n== ")) {
            if (block.startsWith("#")) {
                continue;
            }
            String[] lines = block.split("\n", -1);
            List<String> rules = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            List<String> section = null;
            for (int i = 1; i < lines.length; i++) {
                switch (lines[i]) {
                    case "rules:" -> section = rules;
                    case "ignored:" -> section = ignored;
                    case "kept:" -> section = kept;
                    default -> {
                        if (section == rules || !lines[i].isEmpty()) {
                            Objects.requireNonNull(section, "text before a section in " + lines[0]).add(lines[i]);
                        }
                    }
                }
            }
            while (!rules.isEmpty() && rules.get(rules.size() - 1).isEmpty()) {
                rules.remove(rules.size() - 1);
            }
            cases.add(new Case(lines[0], String.join("\n", rules) + "\n", ignored, kept));
        }
        return cases;
    }
}
