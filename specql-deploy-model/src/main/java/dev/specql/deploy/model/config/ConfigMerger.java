package dev.specql.deploy.model.config;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.framework.Detected;
import dev.specql.deploy.model.framework.Detection;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import dev.specql.deploy.model.framework.Frameworks;
import dev.specql.deploy.model.schema.Field;
import dev.specql.deploy.model.schema.MapType;
import dev.specql.deploy.model.schema.ObjectType;
import dev.specql.deploy.model.schema.SpecSchema;
import dev.specql.deploy.model.text.Printable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Lays the user's values over the default tables and derives what follows from other values. */
public final class ConfigMerger {

    /**
     * What {@link #derive} computes, per key, in the words the reference and the JSON Schema print. It lives
     * here because {@link #derived} refuses a key missing from it: a new derivation cannot ship undocumented.
     */
    private static final Map<String, String> DERIVATIONS = notes(
            "database.name", "derived from deployment.name, with '-' replaced by '_'",
            "application.module", "for " + frameworkIds(FrameworkRuntime::moduleFromName)
                    + ", derived from deployment.name, with '-' replaced by '_'",
            "application.settings_module", "for " + frameworkIds(r -> r.settingsModuleOf("m").isPresent())
                    + ", derived from application.module: its settings module",
            "monitoring.dashboards", "derived: the framework's own, postgres and containers, plus aws on small-saas and production-saas",
            "monitoring.metrics.prometheus", "derived from monitoring.level: true for standard and enterprise",
            "monitoring.logs.loki", "derived from monitoring.level: true for standard and enterprise",
            "cicd.registry", "derived: ecr on small-saas and production-saas, otherwise gitlab with gitlab-ci and ghcr with github-actions",
            "kubernetes.namespace", "derived from deployment.name",
            "platform.hosted_zone", "derived from platform.domain: its parent domain (app.example.com gives example.com), "
                    + "or the domain itself when it has two labels",
            "platform.instance_type", "for hobby-project, derived from deployment.framework: " + CpuArchitecture.X86_64.smallestInstance()
                    + " (x86_64) for " + x86OnlyFrameworks() + ", otherwise " + CpuArchitecture.ARM64.smallestInstance() + " (arm64)",
            "kubernetes.ingress.domain", "derived from platform.domain",
            "multiregion.primary_region", "derived from platform.region",
            "database.pool_size", "the framework's default, lowered on hobby-project, small-saas and production-saas to the largest "
                    + "pool whose connections fit the database at the stack's peak (a deployment at the autoscaling maximum) "
                    + "in 80% of its max_connections");

    private ConfigMerger() {
    }

    private static String frameworkIds(Predicate<FrameworkRuntime> which) {
        return String.join(" and ", Frameworks.all().stream().filter(which).map(r -> r.framework().id()).toList());
    }

    /** "fraiseql (FraiseQL 1.9 and Confiture publish Linux wheels for x86_64 only)". */
    private static String x86OnlyFrameworks() {
        return String.join(" and ", Frameworks.all().stream().filter(r -> !r.architectures().contains(CpuArchitecture.ARM64))
                .map(r -> r.label() + r.architectureLimit().map(reason -> " (" + reason + ")").orElse("")).toList());
    }

    /** Key path to a note on how its value is derived when unset, in the order {@link #derive} fills them. */
    public static Map<String, String> derivations() {
        return DERIVATIONS;
    }

    /** For tests and callers without a repository: nothing detected. */
    public static EffectiveConfig merge(String file, Map<String, Object> userTree, Map<String, Location> locations,
                                        Map<String, Location> keyLocations) {
        return merge(file, userTree, locations, keyLocations, Detection.none());
    }

    /**
     * @param file         the spec file's display name
     * @param userTree     the validated document (nested maps)
     * @param locations    where each user path's value was written
     * @param keyLocations where each user path's key was written
     * @param detected     what the user's repository says; the spec wins where both set a key, with a warning when
     *                     they differ
     */
    public static EffectiveConfig merge(String file, Map<String, Object> userTree, Map<String, Location> locations,
                                        Map<String, Location> keyLocations, Detection detected) {
        Map<String, Setting> user = new LinkedHashMap<>();
        flatten(SpecSchema.ROOT, userTree, "", (path, value) ->
                user.put(path, new Setting(path, value, Origin.USER, file, Optional.ofNullable(locations.get(path)))));

        Map<String, Setting> merged = new LinkedHashMap<>(user);
        List<Problem> warnings = new ArrayList<>(detected.warnings());
        for (Detected value : detected.values()) {
            String origin = value.origin().file() + ":" + value.origin().line();
            Setting written = merged.get(value.key());
            if (written == null) {
                merged.put(value.key(), new Setting(value.key(), value.value(), Origin.DETECTED, origin, Optional.of(value.origin())));
            } else if (!written.value().equals(value.value())) {
                warnings.add(Problem.of(written.location().orElse(Location.startOf(file)), value.key(), "the spec says "
                        + Printable.quote(String.valueOf(written.value())) + " but " + origin + " says "
                        + Printable.quote(String.valueOf(value.value()))
                        + "; the spec wins", "make them agree, or remove the key from the spec to follow " + origin));
            }
        }
        String patternId = (String) valueOr(merged, "deployment.pattern", Defaults.BUILT_IN.get("deployment.pattern"));
        Pattern pattern = Keyword.parse(Pattern.class, patternId);
        Framework framework = Keyword.parse(Framework.class, (String) merged.get("deployment.framework").value());

        layer(merged, Defaults.PATTERN.get(pattern), Origin.PATTERN, pattern.id());
        FrameworkRuntime runtime = runtime(merged, framework);
        layer(merged, runtime.defaults(), Origin.FRAMEWORK, runtime.label());
        layer(merged, Defaults.BUILT_IN, Origin.DEFAULT, "built-in");
        if (userTree.containsKey("specql") || detected.values().stream().anyMatch(value -> value.key().startsWith("specql."))) {
            layer(merged, Defaults.SPECQL, Origin.DEFAULT, "built-in");
        }
        derive(merged, framework, pattern);
        return new EffectiveConfig(file, inSchemaOrder(merged), locations, keyLocations, warnings);
    }

    private static void layer(Map<String, Setting> merged, Map<String, Object> table, Origin origin, String source) {
        table.forEach((path, value) -> merged.putIfAbsent(path, new Setting(path, value, origin, source, Optional.empty())));
    }

    /** The runtime of the major version the spec or the project names, else the framework's current one. */
    private static FrameworkRuntime runtime(Map<String, Setting> merged, Framework framework) {
        Setting major = merged.get("deployment.framework_major");
        return Frameworks.of(framework, major == null ? Optional.empty() : Optional.of(((Number) major.value()).intValue()));
    }

    private static void derive(Map<String, Setting> merged, Framework framework, Pattern pattern) {
        String name = (String) merged.get("deployment.name").value();
        String snakeName = name.replace('-', '_');
        derived(merged, "database.name", snakeName, "deployment.name");
        FrameworkRuntime runtime = runtime(merged, framework);
        if (runtime.moduleFromName()) {
            derived(merged, "application.module", snakeName, "deployment.name");
        }
        if (merged.containsKey("application.module")) {
            runtime.settingsModuleOf((String) merged.get("application.module").value())
                    .ifPresent(module -> derived(merged, "application.settings_module", module, "application.module"));
        }
        boolean onEcs = pattern.runsOnEcs();
        List<Object> dashboards = new ArrayList<>(List.of(framework.id(), "postgres", "containers"));
        if (onEcs) {
            dashboards.add("aws");
        }
        boolean stack = !"basic".equals(merged.get("monitoring.level").value());
        derived(merged, "monitoring.metrics.prometheus", stack, "monitoring.level");
        derived(merged, "monitoring.logs.loki", stack, "monitoring.level");
        derived(merged, "monitoring.dashboards", List.copyOf(dashboards), "deployment.framework and deployment.pattern");
        String registry = onEcs ? "ecr" : "gitlab-ci".equals(merged.get("cicd.provider").value()) ? "gitlab" : "ghcr";
        derived(merged, "cicd.registry", registry, onEcs ? "deployment.pattern" : "cicd.provider");
        if (merged.containsKey("platform.domain")) {
            derived(merged, "platform.hosted_zone", hostedZone((String) merged.get("platform.domain").value()), "platform.domain");
        }
        if (pattern == Pattern.HOBBY_PROJECT) {
            derived(merged, "platform.instance_type", runtime.preferredArchitecture().smallestInstance(), "deployment.framework");
        }
        derived(merged, "kubernetes.namespace", name, "deployment.name");
        if (merged.containsKey("platform.domain")) {
            derived(merged, "kubernetes.ingress.domain", merged.get("platform.domain").value(), "platform.domain");
        }
        derived(merged, "multiregion.primary_region", merged.get("platform.region").value(), "platform.region");
        fitPool(merged, runtime, pattern);
    }

    /** Lowers a default pool that would exhaust the database at the stack's peak (a spec's own value is judged by the rules). */
    private static void fitPool(Map<String, Setting> merged, FrameworkRuntime runtime, Pattern pattern) {
        Setting pool = merged.get("database.pool_size");
        if (pool == null || pool.origin() != Origin.FRAMEWORK || !runtime.poolsConnections()) {
            return;
        }
        List<ConnectionBudget> budgets = ConnectionBudget.of(path -> merged.containsKey(path) ? merged.get(path).value() : null,
                runtime, pattern);
        budgets.stream().min(Comparator.comparingInt(ConnectionBudget::poolThatFits))
                .filter(tightest -> tightest.poolThatFits() >= 1 && tightest.poolThatFits() < ((Number) pool.value()).intValue())
                .ifPresent(tightest -> merged.put(pool.path(), new Setting(pool.path(), (long) tightest.poolThatFits(), Origin.DERIVED,
                        "from the connection budget of " + tightest.database() + " (" + tightest.tier() + ")", Optional.empty())));
    }

    /** The zone a hostname most likely lives in: its parent, unless the hostname is itself a registered domain. */
    static String hostedZone(String domain) {
        int dot = domain.indexOf('.');
        String parent = domain.substring(dot + 1);
        return parent.indexOf('.') < 0 ? domain : parent;
    }

    private static void derived(Map<String, Setting> merged, String path, Object value, String from) {
        if (!DERIVATIONS.containsKey(path)) {
            throw new IllegalStateException("derivation of " + path + " lacks a note in DERIVATIONS");
        }
        merged.putIfAbsent(path, new Setting(path, value, Origin.DERIVED, "from " + from, Optional.empty()));
    }

    private static Map<String, String> notes(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Object valueOr(Map<String, Setting> settings, String path, Object fallback) {
        Setting setting = settings.get(path);
        return setting == null ? fallback : setting.value();
    }

    /** Nested user values to one entry per setting: scalars and lists are leaves, user-keyed maps are opened. */
    @SuppressWarnings("unchecked")
    static void flatten(ObjectType type, Map<String, Object> tree, String prefix, java.util.function.BiConsumer<String, Object> sink) {
        for (Field field : type.fields()) {
            Object value = tree.get(field.name());
            if (value == null) {
                continue;
            }
            String path = prefix.isEmpty() ? field.name() : prefix + "." + field.name();
            if (field.type() instanceof ObjectType child) {
                flatten(child, (Map<String, Object>) value, path, sink);
            } else if (field.type() instanceof MapType map) {
                flattenMap(map, (Map<String, Object>) value, path, sink);
            } else {
                sink.accept(path, value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void flattenMap(MapType type, Map<String, Object> map, String path, java.util.function.BiConsumer<String, Object> sink) {
        map.forEach((key, value) -> {
            if (type.valueType() instanceof MapType inner) {
                flattenMap(inner, (Map<String, Object>) value, path + "." + key, sink);
            } else {
                sink.accept(path + "." + key, value);
            }
        });
    }

    /** Orders settings as the schema declares keys, so printed configurations read like the spec. */
    private static Map<String, Setting> inSchemaOrder(Map<String, Setting> merged) {
        Map<String, Setting> ordered = new LinkedHashMap<>();
        for (String path : schemaPaths(SpecSchema.ROOT, "")) {
            if (merged.containsKey(path)) {
                ordered.put(path, merged.get(path));
            } else {
                String prefix = path + ".";
                merged.forEach((key, setting) -> {
                    if (key.startsWith(prefix)) {
                        ordered.put(key, setting);
                    }
                });
            }
        }
        if (ordered.size() != merged.size()) {
            throw new IllegalStateException("settings outside the schema: " + merged.keySet().stream()
                    .filter(k -> !ordered.containsKey(k)).toList());
        }
        return ordered;
    }

    /** Every leaf path of the schema; user-keyed maps appear as their own path. */
    public static List<String> schemaPaths(ObjectType type, String prefix) {
        List<String> paths = new ArrayList<>();
        for (Field field : type.fields()) {
            String path = prefix.isEmpty() ? field.name() : prefix + "." + field.name();
            if (field.type() instanceof ObjectType child) {
                paths.addAll(schemaPaths(child, path));
            } else {
                paths.add(path);
            }
        }
        return paths;
    }
}
