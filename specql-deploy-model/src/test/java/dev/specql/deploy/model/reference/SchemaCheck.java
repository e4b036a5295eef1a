package dev.specql.deploy.model.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.load.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Runs a YAML text through both checkers: the published schema, as an editor would apply it, and the Java
 * validator. Both report dotted paths ({@code cicd.triggers[0].event}) so cases can name one location.
 */
final class SchemaCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The schema as it ships: read from the classpath, not regenerated. */
    static final JsonSchema SCHEMA = load();

    private SchemaCheck() {
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .build();
        try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(JsonSchemaWriter.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JsonSchemaWriter.RESOURCE + " is not on the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * YAML to JSON as an editor sees it. Timestamps stay strings, as in the validator's reader (and in YAML
     * 1.2, which editors speak); every other scalar keeps SnakeYAML's YAML 1.1 typing.
     */
    static JsonNode toJson(String yaml) {
        LoaderOptions options = new LoaderOptions();
        SafeConstructor constructor = new SafeConstructor(options) {
            {
                yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            }
        };
        Object tree = new Yaml(constructor).load(yaml);
        return MAPPER.valueToTree(tree);
    }

    /** Where the schema objects, as dotted paths; a missing or unknown key is named by its own path. */
    static List<String> schemaErrors(String yaml) {
        return SCHEMA.validate(toJson(yaml)).stream().map(SchemaCheck::path).distinct().sorted().toList();
    }

    static List<ValidationMessage> schemaMessages(String yaml) {
        return List.copyOf(SCHEMA.validate(toJson(yaml)));
    }

    /** Where the validator objects; empty when the spec loads. */
    static List<String> validatorErrors(String yaml) {
        return validatorProblems(yaml).stream().map(Problem::path).distinct().sorted().toList();
    }

    static List<Problem> validatorProblems(String yaml) {
        try {
            SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8));
            return List.of();
        } catch (SpecException e) {
            return e.problems();
        }
    }

    static String path(ValidationMessage message) {
        String path = dotted(message.getInstanceLocation());
        boolean namesAKey = List.of("required", "additionalProperties", "propertyNames").contains(message.getType());
        if (namesAKey && message.getProperty() != null) {
            path = path.isEmpty() ? message.getProperty() : path + "." + message.getProperty();
        }
        return path;
    }

    static String dotted(JsonNodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(element);
            }
        }
        return sb.toString();
    }

    /** {@code path} is {@code prefix} or lies under it: a key below, or an item of a list. */
    static boolean within(String path, String prefix) {
        return prefix.isEmpty() || path.equals(prefix)
                || (path.startsWith(prefix) && (path.charAt(prefix.length()) == '.' || path.charAt(prefix.length()) == '['));
    }
}
