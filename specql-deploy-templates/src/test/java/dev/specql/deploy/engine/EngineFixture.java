package dev.specql.deploy.engine;

import dev.specql.deploy.engine.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs the engine on a project in a temporary directory and takes snapshots of it. */
final class EngineFixture {

    private EngineFixture() {
    }

    static EngineResult run(Path project, WriteOptions options) throws Exception {
        return new DeployEngine().run(new EngineRequest(project, Path.of("deployment.yaml"), Path.of("generated"),
                Optional.of(Path.of(".specql-deploy/templates")), Phase.all(), options, "test"));
    }

    static EngineResult run(Path project) throws Exception {
        return run(project, WriteOptions.defaults());
    }

    /** Every file with its bytes and modification time, to prove that nothing changed. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String key = root.relativize(path).toString();
                if (Files.isRegularFile(path)) {
                    FileTime time = Files.getLastModifiedTime(path);
                    files.put(key, Arrays.hashCode(Files.readAllBytes(path)) + "@" + time.toMillis());
                } else {
                    files.put(key + "/", "dir");
                }
            }
        }
        return files;
    }
}
