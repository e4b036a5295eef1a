package dev.specql.deploy.engine.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Resolves relative paths under the project root, refusing any whose existing directories leave the root through a
 * symbolic link: a cloned repository could otherwise aim {@code deploy -> /etc} and have us write or delete there.
 * Links inside the root are followed. Not proof against a concurrent attacker swapping directories mid-run.
 */
final class PathGuard {

    private final Path root;
    /** Directories already proven to stay inside the root, so a run stats each one once. */
    private final Set<Path> safeDirectories = new HashSet<>();

    /** @param root the project root as a real path (no links, absolute) */
    PathGuard(Path root) {
        this.root = root;
    }

    /**
     * The absolute location of {@code relative}, after checking every existing parent directory. The file itself is
     * not resolved: callers check it with {@link LinkOption#NOFOLLOW_LINKS} and never write through it.
     */
    Path resolve(String relative) throws IOException {
        String[] segments = relative.split("/");
        Path current = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Path next = current.resolve(segments[i]);
            if (safeDirectories.contains(next)) {
                current = next;
                continue;
            }
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                // The rest does not exist yet and will be created as plain directories.
                return root.resolve(relative);
            }
            if (Files.isSymbolicLink(next)) {
                Path target;
                try {
                    target = next.toRealPath();
                } catch (IOException e) {
                    throw refused(relative, next, "is a symbolic link whose target does not exist");
                }
                if (!target.startsWith(root)) {
                    throw refused(relative, next, "is a symbolic link that leads outside the project (to " + target + ")");
                }
            }
            if (!Files.isDirectory(next)) {
                throw refused(relative, next, "is not a directory");
            }
            safeDirectories.add(next);
            current = next;
        }
        return root.resolve(relative);
    }

    private IOException refused(String relative, Path component, String why) {
        return new IOException("refusing to write " + relative + ": " + root.relativize(component) + " " + why);
    }
}
