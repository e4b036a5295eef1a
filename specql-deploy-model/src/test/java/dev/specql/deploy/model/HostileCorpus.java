package dev.specql.deploy.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The hostile-input corpus: specs that must each be rejected with precise, located problems, read from the
 * classpath ({@code hostile/} in the model's test resources) so that other modules can push every case through
 * their own entry points via the model's test-jar.
 *
 * <p>The index is {@code hostile/cases.tsv}; {@code hostile/known-bugs.tsv} describes the validator bugs some
 * cases are marked with; {@code hostile/accepted-but-escaped.txt} lists injection strings the validator rightly
 * accepts and generators must escape. {@code hostile/README.md} documents all three formats.
 */
public final class HostileCorpus {

    public static final String ROOT = "hostile/";
    public static final String INDEX = ROOT + "cases.tsv";
    public static final String KNOWN_BUGS = ROOT + "known-bugs.tsv";
    public static final String ACCEPTED_BUT_ESCAPED = ROOT + "accepted-but-escaped.txt";

    /** The corpus must never shrink below this many cases. */
    public static final int MINIMUM_CASES = 70;

    /** Set to true ({@code -Dhostile.skipKnownBugs=true}) to report known-bug cases as skipped instead of failed. */
    public static final String SKIP_KNOWN_BUGS_PROPERTY = "hostile.skipKnownBugs";

    /** The valid spec that generated cases and accepted values start from. */
    static final String BASE_SPEC = """
            deployment:
              name: acme
              framework: fraiseql
            platform:
              domain: acme.example.com
            """;

    private HostileCorpus() {
    }

    /**
     * A validator bug found by the corpus.
     *
     * @param id       e.g. {@code B01}
     * @param severity high, medium or low
     * @param summary  what goes wrong
     */
    public record KnownBug(String id, String severity, String summary) {
        @Override
        public String toString() {
            return id + " (" + severity + "): " + summary;
        }
    }

    /**
     * One problem a case must produce.
     *
     * @param line       1-based line the problem must be located at
     * @param column     1-based column, in code points
     * @param path       the exact key path; empty for problems of the whole file
     * @param message    a fragment the problem's message must contain
     * @param suggestion {@code null} when not checked, empty when the problem must have no suggestion,
     *                   else a fragment the suggestion must contain
     * @param bugs       ids of the known bugs that make this expectation fail today
     */
    public record ExpectedProblem(int line, int column, String path, String message, String suggestion, List<String> bugs) {

        public ExpectedProblem {
            bugs = List.copyOf(bugs);
        }

        public boolean matches(Problem problem) {
            if (problem.location().line() != line || problem.location().column() != column
                    || !problem.path().equals(path) || !problem.message().contains(message)) {
                return false;
            }
            if (suggestion == null) {
                return true;
            }
            return suggestion.isEmpty() ? problem.suggestion().isEmpty()
                    : problem.suggestion().map(s -> s.contains(suggestion)).orElse(false);
        }

        /** How the expectation reads in a failure report. */
        public String describe() {
            String suggestionText = suggestion == null ? "" : suggestion.isEmpty() ? ", with no suggestion"
                    : ", suggestion containing \"" + printable(suggestion) + "\"";
            return line + ":" + column + " path '" + path + "' message containing \"" + printable(message) + "\""
                    + suggestionText;
        }
    }

    /**
     * One hostile spec.
     *
     * @param name      the path under {@code hostile/}, e.g. {@code tags/python-os-system.yaml}; also the display
     *                  name to load it under, so every rendered problem must start with it
     * @param category  the folder, e.g. {@code tags}
     * @param source    "file", or the generator description for generated cases
     * @param expected  the problems it must produce
     * @param forbidden fragments no rendered problem may contain (secrets that must not be echoed)
     * @param knownBugs validator bugs that make this case fail today; empty for a case that must pass
     */
    public record Case(String name, String category, String source, byte[] bytes, List<ExpectedProblem> expected,
                       List<String> forbidden, List<KnownBug> knownBugs) {

        public Case {
            bytes = bytes.clone();
            expected = List.copyOf(expected);
            forbidden = List.copyOf(forbidden);
            knownBugs = List.copyOf(knownBugs);
        }

        /** The spec's bytes; a fresh copy each call. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public boolean isKnownBug() {
            return !knownBugs.isEmpty();
        }

        public String knownBugIds() {
            return String.join(", ", knownBugs.stream().map(KnownBug::id).toList());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Case c && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An injection string the validator accepts; generators must escape it.
     *
     * @param key   where it goes: {@code deployment.description}, {@code environment.<env>.<VARIABLE>},
     *              {@code monitoring.alerts.rules[].condition}, {@code monitoring.alerts.rules[].summary},
     *              {@code cicd.triggers[].branch} or {@code specql.entities[]}
     * @param value the exact text
     * @param line  its line in {@code accepted-but-escaped.txt}
     */
    public record AcceptedValue(String key, String value, int line) {

        public AcceptedValue {
            settingPath(key);
        }

        /** A complete, valid spec holding the value at its key. */
        public byte[] spec() {
            String quoted = yamlQuoted(value);
            StringBuilder yaml = new StringBuilder("deployment:\n  name: acme\n  framework: fraiseql\n");
            if (key.equals("deployment.description")) {
                yaml.append("  description: ").append(quoted).append('\n');
            }
            yaml.append("platform:\n  domain: acme.example.com\n");
            if (key.startsWith("environment.")) {
                String[] parts = key.split("\\.");
                yaml.append("environment:\n  ").append(parts[1]).append(":\n    ").append(parts[2]).append(": ")
                        .append(quoted).append('\n');
            } else if (key.equals("monitoring.alerts.rules[].condition")) {
                yaml.append("monitoring:\n  alerts:\n    rules:\n      - name: Custom\n        condition: ").append(quoted).append('\n');
            } else if (key.equals("monitoring.alerts.rules[].summary")) {
                yaml.append("monitoring:\n  alerts:\n    rules:\n      - name: Custom\n        condition: up == 0\n        summary: ")
                        .append(quoted).append('\n');
            } else if (key.equals("cicd.triggers[].branch")) {
                yaml.append("cicd:\n  triggers:\n    - event: push\n      branch: ").append(quoted).append("\n      action: test\n");
            } else if (key.equals("specql.entities[]")) {
                yaml.append("specql:\n  entities:\n    - ").append(quoted).append('\n');
            }
            return yaml.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** The effective-configuration path that holds the value (a list for the {@code []} keys). */
        public String settingPath() {
            return settingPath(key);
        }

        /** For list keys of mappings, the item's field that holds the value. */
        public Optional<String> itemField() {
            int bracket = key.indexOf("[].");
            return bracket < 0 ? Optional.empty() : Optional.of(key.substring(bracket + 3));
        }

        private static String settingPath(String key) {
            if (key.equals("deployment.description") || key.matches("environment\\.[a-z][a-z0-9-]*\\.[A-Z_][A-Z0-9_]*")) {
                return key;
            }
            return switch (key) {
                case "monitoring.alerts.rules[].condition", "monitoring.alerts.rules[].summary" -> "monitoring.alerts.rules";
                case "cicd.triggers[].branch" -> "cicd.triggers";
                case "specql.entities[]" -> "specql.entities";
                default -> throw new IllegalArgumentException("no spec template for the key '" + key + "'");
            };
        }
    }

    /** Every case, in index order. */
    public static List<Case> cases() {
        Map<String, KnownBug> bugs = knownBugs();
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : lines(INDEX)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 6) {
                throw new IllegalStateException(INDEX + ":" + lineNumber + ": expected 6 tab-separated columns, found "
                        + columns.length);
            }
            rows.computeIfAbsent(columns[0], k -> new ArrayList<>()).add(columns);
        }
        List<Case> cases = new ArrayList<>();
        rows.forEach((name, caseRows) -> cases.add(toCase(name, caseRows, bugs)));
        return List.copyOf(cases);
    }

    /** The known validator bugs, by id. */
    public static Map<String, KnownBug> knownBugs() {
        Map<String, KnownBug> bugs = new LinkedHashMap<>();
        for (String line : lines(KNOWN_BUGS)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 3) {
                throw new IllegalStateException(KNOWN_BUGS + ": expected 3 tab-separated columns: " + line);
            }
            bugs.put(columns[0], new KnownBug(columns[0], columns[1], columns[2]));
        }
        return bugs;
    }

    /** Injection strings the validator accepts, for the generators' escaping tests. */
    public static List<AcceptedValue> acceptedButEscaped() {
        List<AcceptedValue> values = new ArrayList<>();
        int lineNumber = 0;
        for (String line : lines(ACCEPTED_BUT_ESCAPED)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalStateException(ACCEPTED_BUT_ESCAPED + ":" + lineNumber + ": expected key<TAB>value");
            }
            values.add(new AcceptedValue(line.substring(0, tab), unescape(line.substring(tab + 1)), lineNumber));
        }
        return List.copyOf(values);
    }

    /**
     * Whether a rendered problem may not contain this code point: a problem renders as one line
     * ({@link Problem#toString()}), so line breaks, other control characters and bidirectional or invisible
     * format characters echoed from a spec are refused. Tabs are allowed.
     */
    public static boolean isUnsafeInMessage(int codePoint) {
        return (codePoint < 0x20 && codePoint != '\t') || (codePoint >= 0x7F && codePoint <= 0x9F)
                || (codePoint >= 0x200B && codePoint <= 0x200F) || (codePoint >= 0x2028 && codePoint <= 0x202E)
                || (codePoint >= 0x2060 && codePoint <= 0x2069) || codePoint == 0xFEFF || codePoint == 0x061C
                || (codePoint >= 0xE0000 && codePoint <= 0xE007F);
    }

    /** Text with unsafe characters shown as {@code \\uXXXX}, for failure reports. */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (isUnsafeInMessage(cp) || cp == '\t') {
                sb.append(String.format(Locale.ROOT, cp > 0xFFFF ? "\\U%06X" : "\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** Undoes the escapes of the index files: {@code \\t \\n \\r \\\\ \\uXXXX}; any other backslash is an error. */
    public static String unescape(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("a lone backslash ends: " + text);
            }
            char next = text.charAt(++i);
            switch (next) {
                case '\\' -> sb.append('\\');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    if (i + 4 >= text.length()) {
                        throw new IllegalArgumentException("a truncated \\u escape in: " + text);
                    }
                    sb.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in: " + text);
            }
        }
        return sb.toString();
    }

    private static Case toCase(String name, List<String[]> rows, Map<String, KnownBug> bugs) {
        List<ExpectedProblem> expected = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        Map<String, KnownBug> caseBugs = new LinkedHashMap<>();
        for (String[] row : rows) {
            List<String> ids = row[5].equals("-") ? List.of() : Arrays.stream(row[5].split(",")).map(String::trim).toList();
            for (String id : ids) {
                KnownBug bug = bugs.get(id);
                if (bug == null) {
                    throw new IllegalStateException(INDEX + ": " + name + " refers to " + id + ", which " + KNOWN_BUGS + " does not describe");
                }
                caseBugs.put(id, bug);
            }
            if (row[1].equals("never")) {
                forbidden.add(unescape(row[3]));
                continue;
            }
            String[] position = row[1].split(":");
            String path = row[2].equals("-") ? "" : unescape(row[2]);
            String suggestion = row[4].equals("*") ? null : row[4].equals("-") ? "" : unescape(row[4]);
            expected.add(new ExpectedProblem(Integer.parseInt(position[0]), Integer.parseInt(position[1]), path,
                    unescape(row[3]), suggestion, ids));
        }
        if (expected.isEmpty()) {
            throw new IllegalStateException(INDEX + ": " + name + " expects no located problem");
        }
        String category = name.substring(0, Math.max(0, name.indexOf('/')));
        byte[] bytes = resource(ROOT + name);
        String source = "file";
        if (name.endsWith(".gen")) {
            source = new String(bytes, StandardCharsets.UTF_8).strip();
            bytes = generate(name, source);
        }
        return new Case(name, category, source, bytes, expected, forbidden, List.copyOf(caseBugs.values()));
    }

    /** Builds a generated case from its description (see README.md): too big or too awkward to commit. */
    static byte[] generate(String name, String description) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(description));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String generator = properties.getProperty("generator", "");
        if (!generator.equals("pad-with-comments")) {
            throw new IllegalStateException(name + ": unknown generator '" + generator + "'");
        }
        int size = Integer.parseInt(properties.getProperty("bytes"));
        byte[] base = BASE_SPEC.getBytes(StandardCharsets.UTF_8);
        if (size < base.length) {
            throw new IllegalStateException(name + ": " + size + " bytes is smaller than the base spec");
        }
        byte[] bytes = Arrays.copyOf(base, size);
        int position = base.length;
        while (position < size) {
            int length = Math.min(80, size - position);
            bytes[position] = (byte) (length == 1 ? '\n' : '#');
            for (int i = 1; i < length - 1; i++) {
                bytes[position + i] = (byte) 'x';
            }
            bytes[position + length - 1] = '\n';
            position += length;
        }
        return bytes;
    }

    static String yamlQuoted(String value) {
        StringBuilder sb = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
                        sb.append(String.format(Locale.ROOT, "\\x%02X", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    private static List<String> lines(String resource) {
        return new String(resource(resource), StandardCharsets.UTF_8).lines().toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the hostile corpus lacks " + name + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
