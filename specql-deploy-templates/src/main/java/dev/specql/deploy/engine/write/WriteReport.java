package dev.specql.deploy.engine.write;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Everything a write did, one result per path, sorted by path.
 *
 * @param results one entry per generated or obsolete path
 * @param dryRun  true when nothing was actually written
 */
public record WriteReport(List<FileResult> results, boolean dryRun) {

    public WriteReport {
        results = results.stream().sorted(Comparator.comparing(FileResult::path)).toList();
    }

    public long count(Action action) {
        return results.stream().filter(r -> r.action() == action).count();
    }

    public boolean hasConflicts() {
        return count(Action.CONFLICT) > 0;
    }

    /** True when files were (or would be) created, replaced or deleted. */
    public boolean changedFiles() {
        return count(Action.CREATE) + count(Action.UPDATE) + count(Action.DELETE) > 0;
    }

    /** {@code 3 created, 1 updated, 10 unchanged, 1 conflict, 0 ignored, 0 deleted}, plus a dry-run note. */
    public String summary() {
        long conflicts = count(Action.CONFLICT);
        String text = String.format(Locale.ROOT, "%d created, %d updated, %d unchanged, %d %s, %d ignored, %d deleted",
                count(Action.CREATE), count(Action.UPDATE), count(Action.UNCHANGED),
                conflicts, conflicts == 1 ? "conflict" : "conflicts", count(Action.IGNORED), count(Action.DELETE));
        return dryRun ? text + " (dry run: nothing written)" : text;
    }
}
