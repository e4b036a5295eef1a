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

/** The framework registry: one line per framework. */
public final class Frameworks {

    private static final Map<Framework, FrameworkRuntime> RUNTIMES = register(new FraiseQl(), new Django(), new Rails());

    private Frameworks() {
    }

    private static Map<Framework, FrameworkRuntime> register(FrameworkRuntime... runtimes) {
        Map<Framework, FrameworkRuntime> map = new EnumMap<>(Framework.class);
        for (FrameworkRuntime runtime : runtimes) {
            if (map.put(runtime.framework(), runtime) != null) {
                throw new IllegalStateException("two runtimes for " + runtime.framework());
            }
        }
        if (map.size() != Framework.values().length) {
            throw new IllegalStateException("a framework has no runtime: " + map.keySet());
        }
        return Collections.unmodifiableMap(map);
    }

    public static FrameworkRuntime of(Framework framework) {
        return RUNTIMES.get(framework);
    }

    /** Every runtime, in the order {@link Framework} declares them. */
    public static List<FrameworkRuntime> all() {
        return List.copyOf(RUNTIMES.values());
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
