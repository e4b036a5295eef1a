package dev.specql.deploy.engine.write;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A git-style unified diff between two texts, with three lines of context. */
final class UnifiedDiff {

    private static final String NO_NEWLINE = "\\ No newline at end of file";
    private static final Pattern EMPTY_RANGE = Pattern.compile("([-+])(\\d+),0\\b");

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}, labelled {@code a/<path>} and {@code b/<path>}; LF-terminated. */
    static String of(String path, String before, String after) {
        List<String> original = lines(before);
        List<String> revised = lines(after);
        Patch<String> patch = DiffUtils.diff(original, revised);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, original, patch, 3);
        StringBuilder sb = new StringBuilder();
        for (String line : diff) {
            sb.append(line.startsWith("@@") ? fixEmptyRanges(line) : line).append('\n');
        }
        return sb.toString();
    }

    /**
     * An empty range starts at the line before it ({@code -0,0} for a new file), as diff and git print it and as
     * patch tools expect; java-diff-utils prints the line after.
     */
    static String fixEmptyRanges(String header) {
        Matcher m = EMPTY_RANGE.matcher(header);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int start = Integer.parseInt(m.group(2));
            m.appendReplacement(sb, m.group(1) + Math.max(0, start - 1) + ",0");
        }
        return m.appendTail(sb).toString();
    }

    /**
     * Splits on LF. An unterminated last line carries git's marker inside the same element, so it differs from the
     * terminated line and the marker lands right after it in the output.
     */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String last = lines.remove(lines.size() - 1);
        if (!last.isEmpty()) {
            lines.add(last + "\n" + NO_NEWLINE);
        }
        return lines;
    }
}
