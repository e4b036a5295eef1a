package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.yaml.YNode;
import java.util.Map;

/**
 * A type in the spec schema. The same declaration validates YAML, writes the JSON Schema and the
 * reference documentation, so the three cannot drift apart.
 */
public sealed interface Type permits ObjectType, MapType, ListType, ScalarType, ChoiceType {

    /**
     * Checks a node and returns its normalised value ({@link String}, {@link Long},
     * {@link java.math.BigDecimal}, {@link Boolean}, {@code List}, {@code Map}), or {@code null} after
     * reporting a problem to the context.
     */
    Object validate(YNode node, String path, Validation context);

    /** "an integer from 1 to 35", for messages and docs. */
    String describe();

    /** This type as a JSON Schema (draft 2020-12) object. */
    Map<String, Object> jsonSchema();
}
