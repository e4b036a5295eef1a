package dev.specql.deploy.engine.scan;

import dev.specql.deploy.model.framework.ProjectFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The user's repository as the framework detectors read it: small UTF-8 text files inside the project root.
 * Anything else reads as absent, so detection never fails a run: a file too large to be a version or manifest
 * file, one that is not UTF-8, a directory, or a symbolic link that leads out of the project.
 */
public final class DirectoryFiles implements ProjectFiles {

    /** Manifests and version files are small; a larger file is not one of them. */
    static final int MAX_BYTES = 512 * 1024;

    private final Path root;

    public DirectoryFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<String> read(String path) {
        Path file = inside(path);
        try {
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath(LinkOption.NOFOLLOW_LINKS))
                    || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<List<String>> list(String directory) {
        Path folder = inside(directory);
        try {
            if (!Files.isDirectory(folder) || !folder.toRealPath().startsWith(root.toRealPath(LinkOption.NOFOLLOW_LINKS))) {
                return Optional.empty();
            }
            try (Stream<Path> entries = Files.list(folder)) {
                return Optional.of(entries.map(entry -> entry.getFileName().toString()).sorted().toList());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path inside(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || Path.of(path).normalize().startsWith("..")) {
            throw new IllegalArgumentException("a project path must be relative and stay inside the project: " + path);
        }
        return root.resolve(path).normalize();
    }
}
