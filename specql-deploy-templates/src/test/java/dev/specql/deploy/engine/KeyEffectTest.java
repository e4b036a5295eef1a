package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.write.WriteOptions;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.rules.InertKeys;
import dev.specql.deploy.model.schema.ChoiceType;
import dev.specql.deploy.model.schema.Field;
import dev.specql.deploy.model.schema.Format;
import dev.specql.deploy.model.schema.ListType;
import dev.specql.deploy.model.schema.MapType;
import dev.specql.deploy.model.schema.ObjectType;
import dev.specql.deploy.model.schema.ScalarType.BooleanType;
import dev.specql.deploy.model.schema.ScalarType.EnumType;
import dev.specql.deploy.model.schema.ScalarType.IntegerType;
import dev.specql.deploy.model.schema.ScalarType.QuantityType;
import dev.specql.deploy.model.schema.ScalarType.StringType;
import dev.specql.deploy.model.schema.ScalarType.VersionType;
import dev.specql.deploy.model.schema.SpecSchema;
import dev.specql.deploy.model.schema.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * An accepted key that changes nothing is a defect: every key of the spec is set to other valid values, on a few
 * framework and pattern bases, until some generated file changes. A key that never changes one must be listed by
 * InertKeys, which warns the user, and a key InertKeys lists must really change nothing, so the list shrinks as the
 * phases that read those keys are built. Keys with a single valid value (platform.provider: aws; multiregion.strategy,
 * whose other value the rules refuse) have nothing to flip.
 */
class KeyEffectTest {

    /** Framework and pattern, in the order tried: most keys show on the first. */
    private static final List<List<String>> BASES = List.of(List.of("django", "small-saas"), List.of("fraiseql", "hobby-project"),
            List.of("rails", "production-saas"), List.of("django", "hobby-project"), List.of("rails", "kubernetes"));
    /** Where a listed key is held to changing nothing: an ECS, a server and a Kubernetes base. */
    private static final List<List<String>> INERT_BASES = List.of(List.of("django", "small-saas"), List.of("fraiseql", "hobby-project"),
            List.of("rails", "kubernetes"));
    /** Set first, the keys a value needs to be read at all. */
    private static final Map<String, Map<String, Object>> NEEDS = Map.of(
            "application.worker.", Map.of("application.worker.enabled", true),
            "application.autoscale.", Map.of("application.autoscale.enabled", true),
            "multiregion.", Map.of("multiregion.enabled", true, "multiregion.dr_region", "us-west-2"),
            "bluegreen.", Map.of("bluegreen.enabled", true),
            "monitoring.alerts.smtp.", Map.of("monitoring.alerts.smtp.smarthost", "smtp.example.com:587",
                    "monitoring.alerts.smtp.from", "alerts@example.com",
                    "monitoring.alerts.channels", List.of(Map.of("type", "email", "to", "ops@example.com"))));

    private Path workspace;

    @Test
    void everyKeyChangesTheOutputOrInertKeysSaysWhyNot(@TempDir Path workspace) throws Exception {
        this.workspace = workspace;
        List<String> silent = new ArrayList<>();
        List<String> listedButEffective = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        for (Map.Entry<String, Type> leaf : leaves(SpecSchema.ROOT, "").entrySet()) {
            String path = leaf.getKey();
            List<Object> values = candidates(path, leaf.getValue());
            if (path.equals("deployment.framework") || path.equals("deployment.pattern") || values.size() < 2
                    && leaf.getValue() instanceof EnumType) {
                continue;
            }
            boolean inert = !InertKeys.reason(path).isEmpty();
            Outcome outcome = inert ? judge(path, values, INERT_BASES, 2) : judge(path, values, BASES, values.size());
            if (!inert && outcome == Outcome.SINGLE_VALUE) {
                continue;
            }
            if (!inert && outcome != Outcome.CHANGED) {
                silent.add(path);
            } else if (inert && outcome == Outcome.CHANGED) {
                listedButEffective.add(path);
            } else if (inert && outcome == Outcome.NO_VALID_VALUE) {
                unjudged.add(path);
            }
        }
        assertThat(silent).as("keys that change no generated file: make them change one, refuse them, or list them in InertKeys")
                .isEmpty();
        assertThat(listedButEffective).as("keys InertKeys lists that now change the output: remove them from the list").isEmpty();
        assertThat(unjudged).as("listed keys no candidate value could be tried for: add a sample value here").isEmpty();
    }

    /** SINGLE_VALUE: the spec refused every candidate but one, which changed nothing: the default, the only value allowed. */
    private enum Outcome { CHANGED, UNCHANGED, NO_VALID_VALUE, SINGLE_VALUE }

    /** Tries each base with at most {@code perBase} values the spec accepts, until the output changes. */
    private Outcome judge(String path, List<Object> values, List<List<String>> bases, int perBase) {
        boolean tried = false;
        Set<Object> acceptedValues = new HashSet<>();
        for (List<String> base : bases) {
            Map<String, String> before = generate(withNeeds(base, path));
            if (before == null) {
                continue;
            }
            int accepted = 0;
            for (Object value : values) {
                if (accepted == perBase) {
                    break;
                }
                Map<String, Object> spec = withNeeds(base, path);
                put(spec, path, value);
                Map<String, String> after = generate(spec);
                if (after == null) {
                    continue;
                }
                accepted++;
                tried = true;
                acceptedValues.add(value);
                if (!after.equals(before)) {
                    return Outcome.CHANGED;
                }
            }
        }
        if (tried && acceptedValues.size() == 1 && values.size() > 1) {
            return Outcome.SINGLE_VALUE;
        }
        return tried ? Outcome.UNCHANGED : Outcome.NO_VALID_VALUE;
    }

    /** The base with the keys the path needs to be read at all: what a change of the key is measured against. */
    private static Map<String, Object> withNeeds(List<String> base, String path) {
        Map<String, Object> spec = spec(base, path);
        NEEDS.forEach((prefix, needed) -> {
            if (path.startsWith(prefix)) {
                needed.forEach((key, v) -> put(spec, key, v));
            }
        });
        return spec;
    }

    private static Map<String, Object> spec(List<String> base, String path) {
        Map<String, Object> spec = new LinkedHashMap<>();
        put(spec, "deployment.name", "keyapp");
        put(spec, "deployment.framework", base.get(0));
        put(spec, "deployment.pattern", base.get(1));
        put(spec, "platform.domain", "app.example.com");
        if (path.startsWith("specql.")) {
            spec.put("specql", new LinkedHashMap<>());
        }
        return spec;
    }

    /** Every generated file but the manifest, by spec text; null when the spec is refused. */
    private final Map<String, Map<String, String>> generated = new HashMap<>();

    private Map<String, String> generate(Map<String, Object> spec) {
        String yaml = new Yaml().dump(spec);
        if (generated.containsKey(yaml)) {
            return generated.get(yaml);
        }
        Map<String, String> files = null;
        try {
            Path project = Files.createTempDirectory(workspace, "spec");
            Files.writeString(project.resolve("deployment.yaml"), yaml);
            new DeployEngine().run(new EngineRequest(project, Path.of("deployment.yaml"), Path.of("generated"), Optional.empty(),
                    Phase.all(), WriteOptions.defaults(), "test"));
            files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(project)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String relative = project.relativize(file).toString();
                    if (!relative.equals("deployment.yaml") && !relative.endsWith(".specql-deploy-manifest")) {
                        files.put(relative, Files.readString(file));
                    }
                }
            }
        } catch (SpecException refused) {
            files = null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        generated.put(yaml, files);
        return files;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = (Map<String, Object>) current.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        }
        current.put(parts[parts.length - 1], value);
    }

    /** Each key that holds a value (not a mapping of keys), with its type. */
    private static Map<String, Type> leaves(Type type, String path) {
        Map<String, Type> leaves = new LinkedHashMap<>();
        if (type instanceof ObjectType object) {
            for (Field field : object.fields()) {
                leaves.putAll(leaves(field.type(), path.isEmpty() ? field.name() : path + "." + field.name()));
            }
        } else {
            leaves.put(path, type);
        }
        return leaves;
    }

    /** Valid values of a key's type, from its extremes or the sample tables below. */
    private static List<Object> candidates(String path, Type type) {
        List<Object> values = new ArrayList<>();
        if (type instanceof BooleanType) {
            values.addAll(List.of(true, false));
        } else if (type instanceof EnumType enumType) {
            values.addAll(enumType.values());
        } else if (type instanceof IntegerType integer) {
            values.addAll(List.of(integer.min(), integer.max(), Math.min(integer.max(), integer.min() + 1), Math.min(integer.max(), 3L)));
        } else if (type instanceof VersionType version) {
            values.addAll(version.minors());
        } else if (type instanceof QuantityType quantity) {
            values.addAll(List.of(quantity.min(), quantity.max(), 2048L, 4096L));
        } else if (type instanceof ChoiceType choice) {
            values.addAll(candidates(path, choice.scalar()));
        } else if (type instanceof StringType string) {
            values.addAll(SAMPLES.getOrDefault(string.format(), List.of()));
        } else if (type instanceof ListType) {
            values.addAll(LISTS.getOrDefault(path, List.of()));
        } else if (type instanceof MapType) {
            values.add(Map.of("production", Map.of("FOO_BAR", "baz")));
        }
        return values;
    }

    private static final Map<Format, List<Object>> SAMPLES = new HashMap<>();
    private static final Map<String, List<Object>> LISTS = new HashMap<>();
    static {
        SAMPLES.put(Format.NAME, List.of("other-name"));
        SAMPLES.put(Format.DOMAIN, List.of("www.example.net", "app.example.com"));
        SAMPLES.put(Format.EMAIL, List.of("ops@example.net"));
        SAMPLES.put(Format.SMTP_HOST, List.of("mail.example.net:2525"));
        SAMPLES.put(Format.URL_PATH, List.of("/healthz"));
        SAMPLES.put(Format.PYTHON_TARGET, List.of("mysite", "src.app:app", "schema2"));
        SAMPLES.put(Format.PYTHON_MODULE, List.of("mysite.settings.prod"));
        SAMPLES.put(Format.COMMAND, List.of("run-it --fast"));
        SAMPLES.put(Format.FILE_PATH, List.of("requirements/prod.txt"));
        SAMPLES.put(Format.RELATIVE_PATH, List.of("other/dir"));
        SAMPLES.put(Format.SQL_IDENTIFIER, List.of("otherdb"));
        SAMPLES.put(Format.DB_INSTANCE_CLASS, List.of("db.t4g.large"));
        SAMPLES.put(Format.EC2_INSTANCE_TYPE, List.of("t4g.large"));
        SAMPLES.put(Format.DURATION, List.of("45d", "2h", "10m"));
        SAMPLES.put(Format.TIME_WINDOW, List.of("05:00-06:00"));
        SAMPLES.put(Format.TEXT, List.of("Another description"));
        SAMPLES.put(Format.DNS_LABEL, List.of("other-ns"));
        SAMPLES.put(Format.K8S_QUANTITY, List.of("50Gi"));
        SAMPLES.put(Format.GIT_REF_PATTERN, List.of("trunk"));
        SAMPLES.put(Format.GIT_BRANCH, List.of("trunk"));
        SAMPLES.put(Format.STORAGE_PATH, List.of("/app/uploads", "none"));
        SAMPLES.put(Format.ENV_REFERENCE, List.of("${SLACK_URL}"));
        LISTS.put("application.secrets", List.of(List.of("API_KEY")));
        LISTS.put("application.system_packages", List.of(List.of("libmagic1")));
        LISTS.put("application.writable_paths", List.of(List.of("/app/cache")));
        LISTS.put("monitoring.alarms", List.of(List.of(Map.of("type", "cpu", "threshold", 90))));
        LISTS.put("monitoring.dashboards", List.of(List.of("postgres")));
        LISTS.put("monitoring.alerts.channels", List.of(List.of(Map.of("type", "email", "to", "a@example.net")),
                List.of(Map.of("type", "slack", "webhook_url", "${SLACK_URL}"))));
        LISTS.put("monitoring.alerts.rules", List.of(List.of(Map.of("name", "Foo", "condition", "up == 0"))));
        LISTS.put("cicd.triggers", List.of(List.of(Map.of("event", "pull_request", "action", "test"))));
        LISTS.put("cicd.environments", List.of(List.of(Map.of("name", "prod", "approval_required", true)),
                List.of(Map.of("name", "staging"), Map.of("name", "production", "approval_required", true, "auto_deploy", true)),
                List.of(Map.of("name", "staging", "auto_deploy", true), Map.of("name", "production"))));
        LISTS.put("specql.entities", List.of(List.of("model/*.yaml")));
        LISTS.put("platform.availability_zones", List.of(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c")));
    }
}
