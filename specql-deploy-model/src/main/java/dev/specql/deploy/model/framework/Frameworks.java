package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.MigrationTool;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The framework registry: one line per runtime. A framework whose major versions deploy differently (FraiseQL 2's Rust
 * server, FraiseQL 1's Python app) has one runtime per major, the current one first.
 */
public final class Frameworks {

    private static final List<FrameworkRuntime> RUNTIMES = register(new FraiseQl2(), new FraiseQl(), new Django(), new Rails());

    private Frameworks() {
    }

    private static List<FrameworkRuntime> register(FrameworkRuntime... runtimes) {
        Set<String> keys = new java.util.HashSet<>();
        for (FrameworkRuntime runtime : runtimes) {
            if (!keys.add(runtime.framework() + "/" + runtime.major())) {
                throw new IllegalStateException("two runtimes for " + runtime.label());
            }
        }
        for (Framework framework : Framework.values()) {
            long count = java.util.Arrays.stream(runtimes).filter(r -> r.framework() == framework).count();
            if (count == 0 || count > 1 && java.util.Arrays.stream(runtimes).anyMatch(r -> r.framework() == framework && r.major().isEmpty())) {
                throw new IllegalStateException(framework + " needs one runtime, or one per major version");
            }
        }
        return List.of(runtimes);
    }

    /** The framework's current runtime: its newest major version. */
    public static FrameworkRuntime of(Framework framework) {
        return RUNTIMES.stream().filter(r -> r.framework() == framework).findFirst().orElseThrow();
    }

    /** The runtime of a major version the spec or the project names, else the current one. */
    public static FrameworkRuntime of(Framework framework, Optional<Integer> major) {
        return major.flatMap(m -> runtimes(framework).stream().filter(r -> r.major().equals(Optional.of(m))).findFirst())
                .orElseGet(() -> of(framework));
    }

    /** The framework's runtimes, the current first. */
    public static List<FrameworkRuntime> runtimes(Framework framework) {
        return RUNTIMES.stream().filter(r -> r.framework() == framework).toList();
    }

    /** The major versions a framework distinguishes; empty when one runtime serves every version. */
    public static List<Integer> majors(Framework framework) {
        return runtimes(framework).stream().flatMap(r -> r.major().stream()).toList();
    }

    /**
     * The runtime that reads a project: the first of the framework's runtimes that recognises its major version in
     * the project's files, with that evidence, else the current runtime.
     */
    public static Map.Entry<FrameworkRuntime, Optional<Detected>> reading(Framework framework, ProjectFiles files) {
        for (FrameworkRuntime runtime : runtimes(framework)) {
            Optional<Detected> evidence = runtime.recognize(files);
            if (evidence.isPresent()) {
                return Map.entry(runtime, evidence);
            }
        }
        return Map.entry(of(framework), Optional.empty());
    }

    /** Every runtime: each framework's current one first, then its older majors. */
    public static List<FrameworkRuntime> all() {
        return RUNTIMES;
    }

    /** The framework a migration tool belongs to, when it belongs to one. */
    public static Optional<FrameworkRuntime> owning(MigrationTool tool) {
        return all().stream().filter(r -> r.migrations().map(OwnMigrations::tool).equals(Optional.of(tool))).findFirst();
    }

    /** Variables no spec may set: the stack's own wiring and every framework's. */
    public static Set<String> reservedVariables() {
        Set<String> names = new TreeSet<>(StackVariables.RESERVED);
        all().forEach(runtime -> names.addAll(runtime.reservedVariables()));
        return Collections.unmodifiableSet(names);
    }
}
