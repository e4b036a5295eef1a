package dev.specql.deploy.engine;

import dev.specql.deploy.engine.write.WriteOptions;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Phase 1 generation of each bundled example, warm: a full run into an empty project, and a rerun with
 * nothing changed (which must only check the fingerprint and the manifest's hashes).
 * Run: {@code ./mvnw -B -q install -DskipTests -Dinvoker.skip=true && ./mvnw -B -Pbench -pl specql-deploy-templates test-compile exec:exec}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class GenerationBenchmark {

    @Param({"fraiseql", "django", "rails"})
    public String example;

    private Path fresh;
    private Path generated;

    @Setup(Level.Trial)
    public void createProjects() throws Exception {
        Path spec = Path.of("..", "examples", example, "deployment.yaml");
        fresh = Files.createTempDirectory("bench-fresh");
        generated = Files.createTempDirectory("bench-noop");
        Files.copy(spec, fresh.resolve("deployment.yaml"));
        Files.copy(spec, generated.resolve("deployment.yaml"));
        run(generated);
    }

    /** Each full run starts from a project holding only its spec. */
    @Setup(Level.Invocation)
    public void emptyProject() throws IOException {
        delete(fresh.resolve("generated"));
        Files.deleteIfExists(fresh.resolve(".dockerignore"));
    }

    @TearDown(Level.Trial)
    public void removeProjects() throws IOException {
        delete(fresh);
        delete(generated);
    }

    @Benchmark
    public EngineResult fullGeneration() throws Exception {
        return run(fresh);
    }

    @Benchmark
    public EngineResult noOpRerun() throws Exception {
        EngineResult result = run(generated);
        if (!result.upToDate()) {
            throw new IllegalStateException("the rerun was expected to be a no-op");
        }
        return result;
    }

    private static EngineResult run(Path project) throws Exception {
        return new DeployEngine().run(new EngineRequest(project, Path.of("deployment.yaml"), Path.of("generated"),
                Optional.empty(), Phase.all(), WriteOptions.defaults(), ToolVersion.current()));
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
