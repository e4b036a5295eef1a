package dev.specql.deploy.engine.write;

/** What the writer did (or, in a dry run, would do) with one path. */
public enum Action {
    /** The file did not exist and was written. */
    CREATE,
    /** The file existed untouched since the last generation (or was forced) and was replaced. */
    UPDATE,
    /** The file already had exactly the generated content; it was not touched. */
    UNCHANGED,
    /** The file was edited or is not ours; it was kept and the new version written beside it. */
    CONFLICT,
    /** The path is listed in the ignore file; nothing was written. */
    IGNORED,
    /** The file is no longer generated and had not been edited, so it was removed. */
    DELETE
}
