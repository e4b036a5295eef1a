package dev.specql.deploy.engine.write;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes that a reader (or a crash) never sees half done: a temp file in the same directory, renamed over the target.
 * Renaming also replaces a symbolic link at the target instead of writing through it.
 */
final class AtomicFiles {

    static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private AtomicFiles() {
    }

    static void write(Path target, byte[] content, FileMode mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, content);
            if (supportsPosix(temp)) {
                Files.setPosixFilePermissions(temp, mode == FileMode.EXECUTABLE ? EXECUTABLE : REGULAR);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
