package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a repository says about its language version into application.runtime_version. A pin (a version file,
 * an exact Gemfile requirement) is kept as written, exact release included, because the tools that read it demand
 * that release (Bundler refuses another Ruby; uv looks for the interpreter .python-version names); pins come in the
 * order the language's tools obey them. A range (requires-python, a Gemfile requirement) only decides when nothing
 * is pinned, as a minor version, and is checked against the pin when something is.
 */
final class RuntimeVersions {

    static final String KEY = "application.runtime_version";
    /** A version with two or three numbers, as a capturing group for the patterns that find one in a file. */
    static final String VERSION_GROUP = "(\\d+\\.\\d+(?:\\.\\d+)?)";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    /** One clause of a PEP 440 specifier, at the precision a minor version needs: ">=3.12", "==3.13.*". */
    private static final Pattern CLAUSE = Pattern.compile("^(~=|==|!=|>=|<=|>|<)?\\s*([0-9][0-9.]*)(\\.\\*)?$");
    private static final Pattern LOWER_BOUND = Pattern.compile("^(?:>=|~=|==|>)?\\s*(\\d+\\.\\d+)");

    private RuntimeVersions() {
    }

    /** What a line of a file says: a version, or a range's text before it becomes a {@link Range}. */
    record Reading(String file, int line, String version) {

        Location location() {
            return new Location(file, line, 1);
        }

        String minor() {
            Matcher m = VERSION.matcher(version);
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("not a version: " + version);
            }
            return m.group(1) + "." + m.group(2);
        }

        /** The version as the spec holds it: the exact release when the file names one, else the minor version. */
        String value() {
            Matcher m = VERSION.matcher(version);
            return m.lookingAt() && m.group(3) != null ? m.group() : minor();
        }

        /** Whether two files ask for the same runtime: the same release when both name one, else the same minor version. */
        boolean agreesWith(Reading other) {
            return value().equals(other.value()) || minor().equals(other.minor()) && (value().equals(minor()) || other.value().equals(other.minor()));
        }
    }

    /** A range of versions read from a file, as clauses such as ">=3.12" and "<3.13". */
    record Range(String file, int line, String text, List<String> clauses) {

        Location location() {
            return new Location(file, line, 1);
        }

        /** Whether some release of the minor version {@code minor} ("3.12") satisfies every clause. */
        boolean admits(String minor) {
            int[] candidate = parse(minor);
            return clauses.stream().allMatch(clause -> admits(candidate, clause.strip()));
        }

        private static boolean admits(int[] minor, String clause) {
            Matcher op = CLAUSE.matcher(clause);
            if (!op.matches()) {
                return true;
            }
            String operator = op.group(1) == null ? "==" : op.group(1);
            int[] v = parse(op.group(2));
            boolean wildcard = op.group(3) != null;
            int compared = Integer.compare(minor[0], v[0]) != 0 ? Integer.compare(minor[0], v[0])
                    : Integer.compare(minor[1], v.length > 1 ? v[1] : 0);
            boolean samePrefix = minor[0] == v[0] && (v.length < 2 || minor[1] == v[1]);
            return switch (operator) {
                case ">=", ">" -> compared >= 0;
                case "<=" -> compared <= 0;
                case "<" -> compared < 0 || compared == 0 && v.length > 2 && v[2] > 0;
                case "!=" -> !(wildcard && samePrefix);
                case "~=" -> compared >= 0 && (v.length > 2 ? samePrefix : minor[0] == v[0]);
                default -> samePrefix;
            };
        }
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }

    /**
     * @param language  "Python", for messages
     * @param pins      exact versions, strongest first
     * @param range     the range the project declares, if any
     * @param supported the minor versions the framework runs on
     */
    static Detection detect(String language, List<Reading> pins, Optional<Range> range, Set<String> supported) {
        List<Problem> warnings = new ArrayList<>();
        if (!pins.isEmpty()) {
            Reading winner = pins.get(0);
            for (Reading other : pins.subList(1, pins.size())) {
                if (!other.agreesWith(winner)) {
                    warnings.add(Problem.of(other.location(), KEY, other.file() + " says " + language + " " + other.version()
                            + ", but " + winner.file() + ":" + winner.line() + " says " + winner.version() + ", which is used",
                            "make them agree"));
                }
            }
            range.filter(r -> !r.admits(winner.minor())).ifPresent(r -> warnings.add(Problem.of(r.location(), KEY,
                    r.file() + " requires " + language + " " + r.text() + ", but " + winner.file() + ":" + winner.line()
                            + " pins " + winner.version(), "make them agree")));
            return new Detection(List.of(new Detected(KEY, winner.value(), winner.location())), warnings);
        }
        if (range.isEmpty()) {
            return Detection.none();
        }
        Range declared = range.get();
        // The newest supported version the range admits; a range nothing supported meets yields its own lower bound,
        // so that the framework's rule reports it at the file that asks for it.
        Optional<String> newest = supported.stream().filter(declared::admits).max(Comparator.comparing(RuntimeVersions::parse,
                Arrays::compare));
        String chosen = newest.orElseGet(() -> lowerBound(declared).orElse(null));
        if (chosen == null) {
            return Detection.none();
        }
        return new Detection(List.of(new Detected(KEY, chosen, declared.location())), warnings);
    }

    private static Optional<String> lowerBound(Range range) {
        for (String clause : range.clauses()) {
            Matcher m = LOWER_BOUND.matcher(clause.strip());
            if (m.find() && !clause.strip().startsWith("<") && !clause.strip().startsWith("!=")) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The version each file pins, in the order given (the order the language's tools obey them), for the files that pin one. */
    static List<Reading> pins(ProjectFiles files, List<Map.Entry<String, Pattern>> sources) {
        List<Reading> pins = new ArrayList<>();
        sources.forEach(source -> first(files, source.getKey(), source.getValue()).ifPresent(pins::add));
        return pins;
    }

    /** The first line of {@code file} matching {@code pattern}, with what its first group captured. */
    static Optional<Reading> first(ProjectFiles files, String file, Pattern pattern) {
        return Found.first(files, file, pattern).map(found -> new Reading(file, found.origin().line(), found.value()));
    }
}
