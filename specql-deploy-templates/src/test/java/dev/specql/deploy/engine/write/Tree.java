package dev.specql.deploy.engine.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Test helper: a snapshot of every entry under a directory, to prove a run touched nothing. */
final class Tree {

    /** What a snapshot records of one entry. */
    record Node(String kind, String hash, long mtimeNanos, String permissions, String linkTarget) {
    }

    private Tree() {
    }

    static Map<String, Node> snapshot(Path root) throws IOException {
        Map<String, Node> nodes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(path -> nodes.put(root.relativize(path).toString(), node(path)));
        }
        return nodes;
    }

    private static Node node(Path path) {
        try {
            FileTime mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
            long nanos = mtime.to(TimeUnit.NANOSECONDS);
            if (Files.isSymbolicLink(path)) {
                return new Node("link", "", nanos, "", Files.readSymbolicLink(path).toString());
            }
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
            if (Files.isDirectory(path)) {
                return new Node("dir", "", nanos, perms, "");
            }
            return new Node("file", Hashes.sha256(Files.readAllBytes(path)), nanos, perms, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves every timestamp under root into the past, so a rewrite within the same clock tick is still visible. */
    static void age(Path root) throws IOException {
        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setLastModifiedTime(path, past);
                }
            }
        }
    }
}
