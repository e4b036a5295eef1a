package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.KeyPath;
import dev.specql.deploy.model.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A mapping with a fixed set of keys; unknown keys are errors with a did-you-mean. */
public record ObjectType(String doc, List<Field> fields) implements Type {

    public ObjectType {
        fields = List.copyOf(fields);
    }

    public static ObjectType of(String doc, Field... fields) {
        return new ObjectType(doc, List.of(fields));
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    @Override
    public Object validate(YNode node, String path, Validation context) {
        if (node instanceof YNode.YScalar scalar && scalar.isNull()) {
            node = new YNode.YMap(Map.of(), scalar.location());
        }
        if (!(node instanceof YNode.YMap map)) {
            context.error(node.location(), path, "expected a mapping of keys (" + String.join(", ", fieldNames())
                    + "), got " + node.describe());
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (YNode.YEntry entry : map.entries().values()) {
            String childPath = KeyPath.child(path, entry.key());
            Optional<Field> field = field(entry.key());
            if (field.isEmpty()) {
                context.unknown(entry.keyLocation(), childPath, "key", entry.key(), fieldNames());
                continue;
            }
            context.locateKey(childPath, entry.keyLocation());
            context.locate(childPath, entry.value().location());
            Object value = field.get().type().validate(entry.value(), childPath, context);
            if (value != null) {
                result.put(entry.key(), value);
            }
        }
        for (Field field : fields) {
            if (field.required() && !map.entries().containsKey(field.name())) {
                context.error(map.location(), KeyPath.child(path, field.name()),
                        "missing required key '" + field.name() + "': " + field.doc());
            }
        }
        return result;
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    @Override
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (doc != null) {
            schema.put("description", doc);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : fields) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("description", field.doc());
            property.putAll(field.type().jsonSchema());
            if (field.type() instanceof ObjectType) {
                // A section written as "specql:" with nothing after it is an empty mapping.
                property.put("type", List.of("object", "null"));
            }
            properties.put(field.name(), property);
            if (field.required()) {
                required.add(field.name());
            }
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
