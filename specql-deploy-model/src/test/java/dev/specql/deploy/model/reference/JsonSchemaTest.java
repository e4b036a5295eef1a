package dev.specql.deploy.model.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.specql.deploy.model.config.ConfigMerger;
import dev.specql.deploy.model.config.Defaults;
import dev.specql.deploy.model.schema.SpecSchema;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {

    static final Path COMMITTED = Path.of("src/main/resources", JsonSchemaWriter.RESOURCE);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().locale(Locale.ROOT).build();

    @Test
    void committedSchemaMatchesTheDeclaration() throws Exception {
        Golden.check(COMMITTED, JsonSchemaWriter.write(), "JsonSchemaTest");
    }

    @Test
    void shipsOnTheClasspath() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(JsonSchemaWriter.RESOURCE)) {
            assertThat(in).isNotNull();
            JsonNode schema = MAPPER.readTree(in);
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("$id").asText()).isEqualTo(SpecSchema.SCHEMA_ID);
            assertThat(schema.get("title").asText()).isEqualTo(JsonSchemaWriter.TITLE);
            assertThat(schema.get("required")).hasSize(1);
            assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        }
    }

    @Test
    void isStableAcrossRuns() {
        assertThat(JsonSchemaWriter.write()).isEqualTo(JsonSchemaWriter.write());
    }

    @Test
    void builtInDefaultsBecomeDefaultKeywords() {
        JsonNode schema = schema();
        assertThat(property(schema, "deployment.pattern").get("default").asText()).isEqualTo("hobby-project");
        assertThat(property(schema, "kubernetes.autoscaling.max").get("default").asLong()).isEqualTo(10);
        assertThat(property(schema, "cicd.triggers").get("default")).hasSize(3);
        assertThat(property(schema, "specql.schema_dir").get("default").asText()).isEqualTo("db/schema");
        assertThat(property(schema, "monitoring.alerts.rules[].severity").get("default").asText()).isEqualTo("warning");
        assertThat(property(schema, "application.port").has("default")).isFalse();
    }

    @Test
    void frameworkPatternAndDerivedDefaultsAreDescribed() {
        JsonNode schema = schema();
        assertThat(description(schema, "application.port")).endsWith(" Default: 8080 for fraiseql; 8000 for fraiseql 1 and django; 3000 for rails.");
        assertThat(description(schema, "platform.availability_zones")).endsWith(
                " Default by pattern: 1 for hobby-project; 2 for small-saas and kubernetes; 3 for production-saas.");
        assertThat(description(schema, "database.name")).endsWith(" Derived from deployment.name, with '-' replaced by '_'.");
        assertThat(description(schema, "application.module")).endsWith(" Default: schema for fraiseql; src.main:app for fraiseql 1. "
                + "For django, derived from deployment.name, with '-' replaced by '_'.");
        assertThat(description(schema, "platform.domain")).doesNotContain("Default");
    }

    /** Each table value must be one the key accepts, or the generator would start from an invalid spec. */
    @Test
    void everyDefaultIsValidForItsKey() {
        JsonNode schema = schema();
        Map<String, Object> values = new LinkedHashMap<>();
        Defaults.BUILT_IN.forEach(values::put);
        Defaults.SPECQL.forEach(values::put);
        Defaults.LIST_ITEMS.forEach(values::put);
        Defaults.FRAMEWORK.forEach((framework, table) -> table.forEach((k, v) -> values.put(k + " (" + framework + ")", v)));
        Defaults.PATTERN.forEach((pattern, table) -> table.forEach((k, v) -> values.put(k + " (" + pattern + ")", v)));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        values.forEach((key, value) -> {
            ObjectNode subschema = property(schema, key.replaceFirst(" \\(.*", "")).deepCopy();
            subschema.put("$schema", JsonSchemaWriter.DIALECT);
            assertThat(factory.getSchema(subschema, CONFIG).validate(MAPPER.valueToTree(value))).as(key + " = " + value).isEmpty();
        });
    }

    /** The reference says "derived from" only where no table overrides it for every framework or pattern. */
    @Test
    void derivedKeysAreInNoBuiltInOrPatternTable() {
        for (String path : ConfigMerger.derivations().keySet()) {
            KeyDefaults defaults = KeyDefaults.of(path);
            assertThat(defaults.builtIn()).as(path).isEmpty();
            assertThat(defaults.byPattern()).as(path).isEmpty();
            assertThat(property(schema(), path)).as(path).isNotNull();
        }
    }

    static JsonNode schema() {
        try {
            return MAPPER.readTree(JsonSchemaWriter.write());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The property schema of a dotted key path through nested objects and list items ({@code a.b[].c}). */
    static ObjectNode property(JsonNode schema, String path) {
        JsonNode node = schema;
        for (String name : path.split("\\.")) {
            boolean item = name.endsWith("[]");
            node = node.get("properties").get(item ? name.substring(0, name.length() - 2) : name);
            assertThat(node).as(path).isNotNull();
            node = item ? node.get("items") : node;
        }
        return (ObjectNode) node;
    }

    private static String description(JsonNode schema, String path) {
        return property(schema, path).get("description").asText();
    }
}
