package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.KeyPath;
import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list; {@code unique} rejects repeated scalar items. */
public record ListType(Type itemType, int minItems, int maxItems, boolean unique) implements Type {

    @Override
    public Object validate(YNode node, String path, Validation context) {
        if (!(node instanceof YNode.YSeq seq)) {
            context.error(node.location(), path, "expected a list of " + itemType.describe() + ", got " + node.describe());
            return null;
        }
        if (seq.items().size() < minItems || seq.items().size() > maxItems) {
            context.error(seq.location(), path, "has " + seq.items().size() + " items; expected "
                    + (minItems == maxItems ? String.valueOf(minItems) : minItems + " to " + maxItems));
            return null;
        }
        List<Object> result = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            String itemPath = KeyPath.item(path, i);
            context.locate(itemPath, item.location());
            Object value = itemType.validate(item, itemPath, context);
            if (value == null) {
                valid = false;
                continue;
            }
            if (unique && result.contains(value)) {
                context.error(item.location(), itemPath, Printable.quote(String.valueOf(value)) + " is listed twice");
                valid = false;
                continue;
            }
            result.add(value);
        }
        return valid ? List.copyOf(result) : null;
    }

    @Override
    public String describe() {
        return "a list of " + itemType.describe();
    }

    @Override
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "array");
        schema.put("items", itemType.jsonSchema());
        if (minItems > 0) {
            schema.put("minItems", minItems);
        }
        schema.put("maxItems", maxItems);
        if (unique) {
            schema.put("uniqueItems", true);
        }
        return schema;
    }
}
