package dev.specql.deploy.engine.write;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/** A git-style unified diff between two texts, with three lines of context. */
final class UnifiedDiff {

    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}, labelled {@code a/<path>} and {@code b/<path>}; LF-terminated. */
    static String of(String path, String before, String after) {
        List<String> original = lines(before);
        List<String> revised = lines(after);
        Patch<String> patch = DiffUtils.diff(original, revised);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, original, patch, 3);
        return String.join("\n", diff) + "\n";
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
