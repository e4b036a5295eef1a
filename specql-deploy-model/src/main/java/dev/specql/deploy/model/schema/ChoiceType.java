package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Either a scalar form or a list form of the same setting, chosen by the node's shape. */
public record ChoiceType(ScalarType scalar, ListType list) implements Type {

    @Override
    public Object validate(YNode node, String path, Validation context) {
        return node instanceof YNode.YSeq ? list.validate(node, path, context) : scalar.validate(node, path, context);
    }

    @Override
    public String describe() {
        return scalar.describe() + ", or " + list.describe();
    }

    @Override
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("oneOf", List.of(scalar.jsonSchema(), list.jsonSchema()));
        return schema;
    }
}
