package dev.specql.deploy.engine.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The paths a user told specql-deploy to leave alone, in {@code .gitignore} syntax so nobody has to learn a new one.
 *
 * <p>Follows gitignore semantics: the last matching rule wins, a pattern with a slash before its end is anchored to
 * the root while one without matches at any depth, a trailing slash matches directories only, and a file inside an
 * ignored directory stays ignored even if a later rule re-includes the file itself (git cannot re-include it either).
 */
public final class IgnoreRules {

    /**
     * One pattern line.
     *
     * @param line          1-based line number in the ignore file
     * @param text          the line as written, without trailing blanks
     * @param negated       a {@code !} rule, which re-includes what earlier rules excluded
     * @param directoryOnly a pattern with a trailing {@code /}
     * @param regex         the compiled pattern, matched against the whole '/'-separated relative path
     */
    public record Rule(int line, String text, boolean negated, boolean directoryOnly, Pattern regex) {

        boolean matches(String path, boolean isDirectory) {
            return (isDirectory || !directoryOnly) && regex.matcher(path).matches();
        }

        /** {@code line 3: deploy/}, for reports. */
        public String describe() {
            return "line " + line + ": " + text;
        }
    }

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"), Map.entry("graph", "\\p{Graph}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("space", "\\p{Space}"), Map.entry("upper", "\\p{Upper}"), Map.entry("xdigit", "\\p{XDigit}"));

    private static final IgnoreRules NONE = new IgnoreRules(List.of());

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static IgnoreRules none() {
        return NONE;
    }

    /** Reads an ignore file; a missing file ignores nothing. */
    public static IgnoreRules read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return NONE;
        }
    }

    public static IgnoreRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(lines[i], i + 1).ifPresent(rules::add);
        }
        return new IgnoreRules(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isIgnored(String path) {
        return ignoringRule(path).isPresent();
    }

    /**
     * The rule that excludes {@code path} (a file), if any: either the last rule matching the file itself, or the one
     * that excluded one of its parent directories.
     */
    public Optional<Rule> ignoringRule(String path) {
        String[] segments = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(segments[i]);
            Rule last = lastMatch(prefix.toString(), i < segments.length - 1);
            if (last != null && !last.negated()) {
                return Optional.of(last);
            }
        }
        return Optional.empty();
    }

    private Rule lastMatch(String path, boolean isDirectory) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).matches(path, isDirectory)) {
                return rules.get(i);
            }
        }
        return null;
    }

    private static Optional<Rule> parseLine(String raw, int number) {
        // git drops a CR before the LF, then unescaped trailing spaces.
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end >= 2 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        line = line.substring(0, end);
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        String pattern = line;
        boolean negated = pattern.startsWith("!");
        if (negated) {
            pattern = pattern.substring(1);
        }
        boolean directoryOnly = pattern.endsWith("/");
        if (directoryOnly) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        // A slash at the start or in the middle anchors the pattern to the root; otherwise it matches at any depth.
        boolean anchored = pattern.contains("/");
        if (pattern.startsWith("/")) {
            pattern = pattern.substring(1);
        }
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        String regex = toRegex(pattern);
        if (regex == null) {
            // Like git, a malformed pattern (dangling '\', unclosed '[') matches nothing.
            return Optional.empty();
        }
        String full = anchored ? regex : "(?:.*/)?" + regex;
        return Optional.of(new Rule(number, line, negated, directoryOnly, Pattern.compile(full, Pattern.DOTALL)));
    }

    /** Translates a wildmatch glob (as git uses it for paths) to a regex, or null when the glob is malformed. */
    static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*') {
                int run = i;
                while (run < n && glob.charAt(run) == '*') {
                    run++;
                }
                boolean wholeSegment = (i == 0 || glob.charAt(i - 1) == '/') && (run == n || glob.charAt(run) == '/');
                if (run - i >= 2 && wholeSegment) {
                    if (run == n) {
                        sb.append(".*");
                        i = run;
                    } else {
                        // "**/" matches zero or more whole directories.
                        sb.append("(?:.*/)?");
                        i = run + 1;
                    }
                } else {
                    // Stars that are not a whole segment never cross a '/', however many there are.
                    sb.append("[^/]*");
                    i = run;
                }
            } else if (c == '?') {
                sb.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = appendClass(glob, i, sb);
                if (close < 0) {
                    return null;
                }
                i = close + 1;
            } else if (c == '\\') {
                if (i + 1 == n) {
                    return null;
                }
                appendLiteral(sb, glob.charAt(i + 1));
                i += 2;
            } else {
                appendLiteral(sb, c);
                i++;
            }
        }
        return sb.toString();
    }

    /** Appends the bracket expression starting at {@code open}; returns the index of its ']' or -1 if unclosed. */
    private static int appendClass(String glob, int open, StringBuilder out) {
        int n = glob.length();
        int j = open + 1;
        boolean negated = j < n && (glob.charAt(j) == '!' || glob.charAt(j) == '^');
        if (negated) {
            j++;
        }
        StringBuilder members = new StringBuilder();
        boolean first = true;
        while (true) {
            if (j >= n) {
                return -1;
            }
            char c = glob.charAt(j);
            if (c == ']' && !first) {
                break;
            }
            first = false;
            if (c == '[' && glob.startsWith("[:", j)) {
                int endName = glob.indexOf(":]", j + 2);
                String posix = endName < 0 ? null : POSIX_CLASSES.get(glob.substring(j + 2, endName));
                if (posix == null) {
                    return -1;
                }
                members.append(posix);
                j = endName + 2;
                continue;
            }
            if (c == '\\') {
                if (++j >= n) {
                    return -1;
                }
                c = glob.charAt(j);
            }
            if (j + 2 < n && glob.charAt(j + 1) == '-' && glob.charAt(j + 2) != ']') {
                char high = glob.charAt(j + 2);
                appendClassChar(members, c);
                // git's wildmatch matches a reversed range such as [z-a] only by its first character; Java would
                // refuse to compile it.
                if (c < high) {
                    members.append('-');
                    appendClassChar(members, high);
                }
                j += 3;
            } else {
                appendClassChar(members, c);
                j++;
            }
        }
        if (negated) {
            out.append("[^/").append(members).append(']');
        } else {
            // A class never matches the separator, even if it lists '/'.
            out.append("(?:(?!/)[").append(members).append("])");
        }
        return j;
    }

    private static void appendLiteral(StringBuilder sb, char c) {
        // Only ASCII punctuation can be a regex metacharacter; escaping a surrogate would split the pair.
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            sb.append('\\');
        }
        sb.append(c);
    }

    private static void appendClassChar(StringBuilder sb, char c) {
        appendLiteral(sb, c);
    }
}
