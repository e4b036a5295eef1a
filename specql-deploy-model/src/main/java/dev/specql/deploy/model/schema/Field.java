package dev.specql.deploy.model.schema;

/**
 * A key of a mapping in the spec.
 *
 * @param name     the YAML key
 * @param type     what its value must be
 * @param required whether the key must be present
 * @param doc      one or two sentences for the reference and editor tooltips
 */
public record Field(String name, Type type, boolean required, String doc) {

    public static Field required(String name, Type type, String doc) {
        return new Field(name, type, true, doc);
    }

    public static Field optional(String name, Type type, String doc) {
        return new Field(name, type, false, doc);
    }
}
