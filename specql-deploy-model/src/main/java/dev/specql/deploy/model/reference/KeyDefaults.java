package dev.specql.deploy.model.reference;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.config.ConfigMerger;
import dev.specql.deploy.model.config.Defaults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one key defaults to, read from the tables {@link ConfigMerger} applies, so the JSON Schema and the
 * reference never state a default by hand.
 *
 * @param builtIn     the value whatever the framework and pattern; for list items ({@code a.b[].c}), per item
 * @param byFramework the framework runtimes whose table sets the key, by label, in registry order
 * @param byPattern   the patterns whose table sets the key, by id, in declaration order
 * @param derivation  how the value follows from other keys, when it does
 */
record KeyDefaults(Optional<Object> builtIn, Map<String, Object> byFramework, Map<String, Object> byPattern,
                   Optional<String> derivation) {

    static KeyDefaults of(String path) {
        Object builtIn = Defaults.BUILT_IN.get(path);
        if (builtIn == null) {
            builtIn = Defaults.SPECQL.containsKey(path) ? Defaults.SPECQL.get(path) : Defaults.LIST_ITEMS.get(path);
        }
        Map<String, Object> byFramework = new LinkedHashMap<>();
        Defaults.FRAMEWORK.forEach((runtime, table) -> {
            if (table.containsKey(path)) {
                byFramework.put(runtime, table.get(path));
            }
        });
        Map<String, Object> byPattern = new LinkedHashMap<>();
        Defaults.PATTERN.forEach((pattern, table) -> {
            if (table.containsKey(path)) {
                byPattern.put(pattern.id(), table.get(path));
            }
        });
        return new KeyDefaults(Optional.ofNullable(builtIn), Collections.unmodifiableMap(byFramework),
                Collections.unmodifiableMap(byPattern), Optional.ofNullable(ConfigMerger.derivations().get(path)));
    }

    boolean isEmpty() {
        return builtIn.isEmpty() && byFramework.isEmpty() && byPattern.isEmpty() && derivation.isEmpty();
    }

    /** Names grouped by the value they share, in first-seen order: {8000=[fraiseql 1, django], 3000=[rails]}. */
    static Map<Object, List<String>> grouped(Map<String, Object> values) {
        Map<Object, List<String>> groups = new LinkedHashMap<>();
        values.forEach((key, value) -> groups.computeIfAbsent(value, v -> new ArrayList<>()).add(key));
        return groups;
    }

    /** A table value as prose: lists and mappings in YAML flow style. */
    static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(KeyDefaults::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + text(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
