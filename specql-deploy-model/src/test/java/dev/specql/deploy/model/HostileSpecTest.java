package dev.specql.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.specql.deploy.model.HostileCorpus.AcceptedValue;
import dev.specql.deploy.model.HostileCorpus.Case;
import dev.specql.deploy.model.HostileCorpus.ExpectedProblem;
import dev.specql.deploy.model.HostileCorpus.KnownBug;
import dev.specql.deploy.model.load.SpecLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pushes every spec of the hostile corpus ({@code src/test/resources/hostile}, see its README.md) through
 * {@link SpecLoader#load(String, byte[])} and checks it is rejected, fast, with every expected problem at its exact
 * location and key path. Cases marked with a known validator bug fail until the bug is fixed; run with
 * {@code -Dhostile.skipKnownBugs=true} to see them as skipped instead.
 */
class HostileSpecTest {

    /** Any single spec, alias bombs included, must be decided within this. */
    private static final Duration PER_CASE = Duration.ofSeconds(2);

    /** The whole corpus, generated multi-megabyte files included. */
    private static final Duration WHOLE_CORPUS = Duration.ofSeconds(30);

    private static final Set<String> INDEX_FILES = Set.of("cases.tsv", "known-bugs.tsv", "accepted-but-escaped.txt", "README.md");

    @TestFactory
    Stream<DynamicTest> everyHostileSpecIsRejectedWithPreciseLocatedProblems() {
        return HostileCorpus.cases().stream().map(c -> dynamicTest(title(c), () -> check(c)));
    }

    @Test
    void theCorpusHasAtLeastSeventyCases() {
        assertThat(HostileCorpus.cases()).hasSizeGreaterThanOrEqualTo(HostileCorpus.MINIMUM_CASES);
    }

    @Test
    void everyCategoryHoldsSeveralCases() {
        Map<String, Long> perCategory = HostileCorpus.cases().stream()
                .collect(Collectors.groupingBy(Case::category, TreeMap::new, Collectors.counting()));
        assertThat(perCategory).allSatisfy((category, count) -> assertThat(count).as(category).isGreaterThanOrEqualTo(3));
    }

    @Test
    void aliasBombsAndOversizedSpecsFailFast() {
        List<Case> bombs = HostileCorpus.cases().stream()
                .filter(c -> c.category().equals("aliases") || c.category().equals("size"))
                .toList();
        assertThat(bombs).extracting(Case::name).contains("aliases/billion-laughs.yaml", "aliases/wide-alias-bomb.yaml",
                "aliases/scalar-alias-flood.yaml", "size/oversized-8m.gen");
        for (Case bomb : bombs) {
            Outcome outcome = assertTimeoutPreemptively(PER_CASE, () -> load(bomb),
                    () -> bomb.name() + " was not decided within " + PER_CASE.toMillis() + " ms");
            assertThat(outcome.rejection()).as("%s must be rejected with a SpecException", bomb.name()).isNotNull();
        }
    }

    @Test
    void theWholeCorpusIsDecidedInBoundedTime() {
        List<Case> cases = HostileCorpus.cases();
        assertTimeoutPreemptively(WHOLE_CORPUS, () -> cases.forEach(HostileSpecTest::load),
                () -> "the hostile corpus took longer than " + WHOLE_CORPUS.toSeconds() + " s");
    }

    @Test
    void everyCaseFileIsIndexedAndEveryIndexedCaseExists() throws IOException, URISyntaxException {
        URL readme = HostileCorpus.class.getClassLoader().getResource(HostileCorpus.ROOT + "README.md");
        assertThat(readme).as("hostile/README.md on the classpath").isNotNull();
        Assumptions.assumeTrue(readme.getProtocol().equals("file"), "the corpus is read from a jar; cannot list its files");
        Path root = Path.of(readme.toURI()).getParent();
        Set<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !INDEX_FILES.contains(name) && !name.startsWith(".") && !name.contains("/."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> indexed = HostileCorpus.cases().stream().map(Case::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(files).as("case files under hostile/ versus the cases in cases.tsv").isEqualTo(indexed);
    }

    @Test
    void everyKnownBugIsDescribedAndDemonstratedByACase() {
        Set<String> used = HostileCorpus.cases().stream().flatMap(c -> c.knownBugs().stream()).map(KnownBug::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(HostileCorpus.knownBugs().keySet()).containsExactlyInAnyOrderElementsOf(used);
        assertThat(HostileCorpus.knownBugs().values()).allSatisfy(bug -> {
            assertThat(bug.severity()).isIn("high", "medium", "low");
            assertThat(bug.summary()).isNotBlank();
        });
    }

    @TestFactory
    Stream<DynamicTest> acceptedButEscapedValuesAreAcceptedAndKeptVerbatim() {
        List<AcceptedValue> values = HostileCorpus.acceptedButEscaped();
        assertThat(values).isNotEmpty();
        return values.stream().map(v -> dynamicTest("line " + v.line() + ": " + v.key() + " = " + HostileCorpus.printable(v.value()),
                () -> {
                    SpecLoader.LoadedSpec loaded;
                    try {
                        loaded = SpecLoader.load("accepted-but-escaped.yaml", v.spec());
                    } catch (SpecException e) {
                        throw new AssertionError("the validator must accept this legitimate value; it said:\n" + e.getMessage()
                                + "\nspec:\n" + new String(v.spec(), StandardCharsets.UTF_8), e);
                    }
                    Object setting = loaded.config().value(v.settingPath());
                    Object stored = setting;
                    if (setting instanceof List<?> list) {
                        stored = v.itemField().<Object>map(field -> ((Map<?, ?>) list.get(0)).get(field)).orElse(list.get(0));
                    }
                    assertThat(stored).as("the value as the model keeps it").isEqualTo(v.value());
                }));
    }

    private static void check(Case c) {
        boolean skipKnownBugs = Boolean.getBoolean(HostileCorpus.SKIP_KNOWN_BUGS_PROPERTY);
        Assumptions.assumeFalse(c.isKnownBug() && skipKnownBugs, () -> "known validator bug " + c.knownBugIds());
        List<String> failures = failures(c);
        if (c.isKnownBug() && failures.isEmpty()) {
            fail(c.name() + " is marked with known bug " + c.knownBugIds() + " in hostile/cases.tsv but now passes: "
                    + "remove the mark (and the bug from known-bugs.tsv once no case refers to it)");
        }
        if (!failures.isEmpty()) {
            fail(report(c, failures));
        }
    }

    /** Everything wrong with how the validator handles the case; empty when it behaves as the index says. */
    static List<String> failures(Case c) {
        Outcome outcome = assertTimeoutPreemptively(PER_CASE, () -> load(c),
                () -> c.name() + " was not decided within " + PER_CASE.toMillis() + " ms");
        List<String> failures = new ArrayList<>();
        if (outcome.crash() != null) {
            failures.add("the loader crashed instead of reporting problems: " + outcome.crash());
            return failures;
        }
        SpecException rejection = outcome.rejection();
        if (rejection == null) {
            failures.add("the spec was ACCEPTED; it must be rejected with a SpecException");
            c.expected().forEach(e -> failures.add("missing expected problem: " + e.describe()));
            return failures;
        }
        List<Problem> problems = rejection.problems();
        if (!rejection.getMessage().contains(c.name())) {
            failures.add("the exception's message does not name the file " + c.name());
        }
        for (Problem problem : problems) {
            String rendered = problem.toString();
            if (problem.location().line() < 1 || problem.location().column() < 1) {
                failures.add("problem without a real location (line and column must be >= 1): " + HostileCorpus.printable(rendered));
            }
            if (!rendered.startsWith(c.name() + ":")) {
                failures.add("problem not rendered with the file name first: " + HostileCorpus.printable(rendered));
            }
            if (rendered.codePoints().anyMatch(HostileCorpus::isUnsafeInMessage)) {
                failures.add("problem echoes line breaks, control or invisible characters, so it is not one safe line: "
                        + HostileCorpus.printable(rendered));
            }
            for (String secret : c.forbidden()) {
                if (rendered.contains(secret)) {
                    failures.add("problem echoes \"" + HostileCorpus.printable(secret) + "\", which must never be printed: "
                            + HostileCorpus.printable(rendered));
                }
            }
        }
        for (ExpectedProblem expected : c.expected()) {
            if (problems.stream().noneMatch(expected::matches)) {
                failures.add("missing expected problem: " + expected.describe());
            }
        }
        return failures;
    }

    private static String report(Case c, List<String> failures) {
        StringBuilder sb = new StringBuilder();
        if (c.isKnownBug()) {
            sb.append("KNOWN VALIDATOR BUG ").append(c.knownBugIds()).append(" (hostile/known-bugs.tsv):\n");
            c.knownBugs().forEach(bug -> sb.append("  ").append(bug).append('\n'));
        }
        sb.append(c.name()).append(c.source().equals("file") ? "" : " (generated: " + c.source().replace('\n', ' ') + ")")
                .append(" is not handled as hostile/cases.tsv expects:\n");
        failures.forEach(f -> sb.append("  - ").append(f).append('\n'));
        Outcome outcome = load(c);
        if (outcome.rejection() != null) {
            sb.append("actual problems:\n");
            outcome.rejection().problems().forEach(p -> sb.append("  ").append(HostileCorpus.printable(p.toString())).append('\n'));
        }
        return sb.toString();
    }

    private static String title(Case c) {
        return c.name() + (c.isKnownBug() ? "  [known bug " + c.knownBugIds() + "]" : "");
    }

    private static Outcome load(Case c) {
        try {
            SpecLoader.load(c.name(), c.bytes());
            return new Outcome(null, null);
        } catch (SpecException e) {
            return new Outcome(e, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(null, e);
        }
    }

    /** How the loader answered: exactly one of rejection or crash, or neither when it accepted the spec. */
    private record Outcome(SpecException rejection, Throwable crash) {
    }
}
