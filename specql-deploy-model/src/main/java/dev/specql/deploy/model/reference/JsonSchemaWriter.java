package dev.specql.deploy.model.reference;

import dev.specql.deploy.model.schema.Field;
import dev.specql.deploy.model.schema.ListType;
import dev.specql.deploy.model.schema.ObjectType;
import dev.specql.deploy.model.schema.SpecSchema;
import dev.specql.deploy.model.text.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the published JSON Schema of the spec from {@link SpecSchema#ROOT}, adding what the default tables
 * say: a {@code default} for built-in values and a sentence for values that depend on the framework or the
 * pattern. Editors use it for completion and checks as the user types; it cannot express the cross-key
 * rules, which stay with the validator.
 */
public final class JsonSchemaWriter {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** Where the schema ships, in the jar and under src/main/resources. */
    public static final String RESOURCE = "dev/specql/deploy/model/deployment.schema.json";

    static final String TITLE = "specql-deploy deployment spec";

    private JsonSchemaWriter() {
    }

    /** The schema document as deterministic JSON text. */
    public static String write() {
        return Json.write(document());
    }

    public static Map<String, Object> document() {
        Map<String, Object> root = SpecSchema.ROOT.jsonSchema();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("$schema", DIALECT);
        document.put("$id", SpecSchema.SCHEMA_ID);
        document.put("title", TITLE);
        document.put("description", SpecSchema.ROOT.doc() + " A value the spec leaves out comes from the project's own "
                + "files where they say it (a Python or Ruby version file), then the pattern, then the framework, then the "
                + "built-in defaults. Rules that relate several keys (a domain for "
                + "the patterns that serve HTTPS, autoscaling bounds, Fargate CPU and memory pairs, ...) are checked "
                + "by specql-deploy, not by this schema.");
        root.forEach((key, value) -> document.putIfAbsent(key, value));
        annotate(SpecSchema.ROOT, document, "");
        return document;
    }

    /** Adds defaults along the object tree and into list items; user-keyed maps have no table entries. */
    @SuppressWarnings("unchecked")
    private static void annotate(ObjectType type, Map<String, Object> schema, String prefix) {
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        for (Field field : type.fields()) {
            String path = prefix.isEmpty() ? field.name() : prefix + "." + field.name();
            Map<String, Object> property = (Map<String, Object>) properties.get(field.name());
            KeyDefaults defaults = KeyDefaults.of(path);
            List<String> sentences = sentences(defaults);
            if (!sentences.isEmpty()) {
                property.put("description", property.get("description") + " " + String.join(" ", sentences));
            }
            defaults.builtIn().ifPresent(value -> property.put("default", value));
            if (field.type() instanceof ObjectType child) {
                annotate(child, property, path);
            } else if (field.type() instanceof ListType list && list.itemType() instanceof ObjectType item) {
                annotate(item, (Map<String, Object>) property.get("items"), path + "[]");
            }
        }
    }

    /** "Default: 8000 for fraiseql and django; 3000 for rails." and the like. */
    static List<String> sentences(KeyDefaults defaults) {
        List<String> sentences = new ArrayList<>();
        if (!defaults.byFramework().isEmpty()) {
            sentences.add("Default: " + byValue(KeyDefaults.grouped(defaults.byFramework())) + ".");
        }
        if (!defaults.byPattern().isEmpty()) {
            sentences.add("Default by pattern: " + byValue(KeyDefaults.grouped(defaults.byPattern())) + ".");
        }
        defaults.derivation().ifPresent(note -> sentences.add(Character.toUpperCase(note.charAt(0)) + note.substring(1) + "."));
        return sentences;
    }

    private static String byValue(Map<Object, List<String>> groups) {
        List<String> parts = new ArrayList<>();
        groups.forEach((value, keywords) -> parts.add(KeyDefaults.text(value) + " for " + KeyDefaults.and(keywords)));
        // Semicolons between groups: "20 for hobby-project, small-saas and kubernetes; 100 for production-saas".
        return String.join("; ", parts);
    }
}
