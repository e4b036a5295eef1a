package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.KeyPath;
import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping whose keys the user chooses (environment variable names, environment names). */
public record MapType(Format keyFormat, Type valueType, int maxEntries) implements Type {

    @Override
    public Object validate(YNode node, String path, Validation context) {
        if (node instanceof YNode.YScalar scalar && scalar.isNull()) {
            return Map.of();
        }
        if (!(node instanceof YNode.YMap map)) {
            context.error(node.location(), path, "expected a mapping, got " + node.describe());
            return null;
        }
        if (map.entries().size() > maxEntries) {
            context.error(map.location(), path, "has " + map.entries().size() + " entries; at most " + maxEntries + " are allowed");
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (YNode.YEntry entry : map.entries().values()) {
            String childPath = KeyPath.child(path, entry.key());
            var keyProblem = keyFormat.check(entry.key());
            if (keyProblem.isPresent()) {
                context.error(entry.keyLocation(), childPath, "invalid key " + Printable.quote(entry.key()) + ": " + keyProblem.get());
                continue;
            }
            context.locateKey(childPath, entry.keyLocation());
            context.locate(childPath, entry.value().location());
            Object value = valueType.validate(entry.value(), childPath, context);
            if (value != null) {
                result.put(entry.key(), value);
            }
        }
        return result;
    }

    @Override
    public String describe() {
        return "a mapping of " + keyFormat.description() + " to " + valueType.describe();
    }

    @Override
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", java.util.List.of("object", "null"));
        schema.put("propertyNames", Map.of("pattern", keyFormat.regex()));
        schema.put("additionalProperties", valueType.jsonSchema());
        schema.put("maxProperties", maxEntries);
        return schema;
    }
}
