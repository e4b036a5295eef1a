package dev.specql.deploy.engine.write;

/**
 * How to write.
 *
 * @param force  overwrite files the user edited (and delete obsolete ones) instead of writing the new version beside them
 * @param dryRun report what would happen without writing, deleting or recording anything
 * @param diff   attach a unified diff to every result that changes (or would change) content
 */
public record WriteOptions(boolean force, boolean dryRun, boolean diff) {

    public static WriteOptions defaults() {
        return new WriteOptions(false, false, false);
    }
}
