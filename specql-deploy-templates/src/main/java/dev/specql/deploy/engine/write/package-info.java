/**
 * The safe writer: puts generated files on disk without ever losing a user's edit.
 *
 * <p>A manifest records the hash of every file as it was last generated, so the writer can tell a file nobody touched
 * (safe to replace or delete) from one the user edited (never overwritten unless forced; the new version goes beside it).
 * Nothing here knows about Maven or templates: callers hand over rendered {@link dev.specql.deploy.engine.write.GeneratedFile}s.
 */
package dev.specql.deploy.engine.write;
