package dev.specql.deploy.engine.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Test fixture: a project root with the manifest under {@code deploy/} and the ignore file at the root. */
final class Project {

    static final Set<String> DOCKER = Set.of("docker");
    static final Set<String> COMPOSE = Set.of("compose");
    static final Set<String> BOTH = Set.of("docker", "compose");
    static final WriteOptions NORMAL = WriteOptions.defaults();
    static final WriteOptions FORCE = new WriteOptions(true, false, false);
    static final WriteOptions DRY_RUN = new WriteOptions(false, true, false);
    static final WriteOptions DIFF = new WriteOptions(false, true, true);

    final Path root;
    final Path manifest;
    final Path ignore;
    final OutputWriter writer;

    Project(Path root) {
        this.root = root;
        this.manifest = root.resolve("deploy/.specql-deploy-manifest");
        this.ignore = root.resolve(".specql-deploy-ignore");
        this.writer = new OutputWriter(root, manifest, ignore);
    }

    static GeneratedFile docker(String path, String content) {
        return GeneratedFile.regular(path, content, "docker");
    }

    static GeneratedFile compose(String path, String content) {
        return GeneratedFile.regular(path, content, "compose");
    }

    WriteReport write(WriteOptions options, GeneratedFile... files) throws IOException {
        return writer.write(List.of(files), DOCKER, "fp", options);
    }

    WriteReport write(GeneratedFile... files) throws IOException {
        return write(NORMAL, files);
    }

    String read(String path) throws IOException {
        return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    }

    boolean exists(String path) {
        return Files.exists(root.resolve(path));
    }

    Project put(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    Manifest manifest() throws IOException {
        return Manifest.read(manifest);
    }

    String hashOf(String path) throws IOException {
        return manifest().entry(path).orElseThrow(() -> new AssertionError(path + " is not in the manifest")).hash();
    }
}
