package dev.specql.deploy.model.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.specql.deploy.model.schema.ChoiceType;
import dev.specql.deploy.model.schema.Field;
import dev.specql.deploy.model.schema.ListType;
import dev.specql.deploy.model.schema.MapType;
import dev.specql.deploy.model.schema.ObjectType;
import dev.specql.deploy.model.schema.SpecSchema;
import dev.specql.deploy.model.schema.Type;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published schema and the Java validator must agree on the shape of a spec: what one accepts, the
 * other accepts; what is malformed, both refuse, at the same key.
 *
 * <p>They are not equal, on purpose, in two ways; the schema is never the stricter one:
 * <ul>
 *   <li>Rules across keys ({@code SpecRules}: a domain for HTTPS patterns, autoscaling bounds, Fargate
 *       CPU and memory pairs, secrets in plain sight, ...) need the effective configuration, which a schema
 *       cannot compute. Such specs are valid to the schema and invalid to the validator:
 *       {@link #semanticRulesAreTheValidatorsAlone}.</li>
 *   <li>The validator reads the YAML text; the schema sees only the JSON data model. It refuses YAML 1.1
 *       spellings (yes/no, 0x10, 1_000), checks regexes cannot express ('..' path segments, amounts written
 *       with a unit) and, as networknt's JDK regex engine uses find(), a trailing newline that Java's '$'
 *       lets through: {@link #textLevelChecksAreTheValidatorsAlone}.</li>
 * </ul>
 */
class SchemaAgreementTest {

    static Stream<Arguments> validSpecs() throws IOException {
        List<Arguments> specs = new ArrayList<>();
        ValidSpecs.ALL.forEach((name, yaml) -> specs.add(Arguments.of(name, yaml)));
        specs.add(Arguments.of("reference example", ReferenceDoc.EXAMPLE));
        // The shipped examples' specs: each example folder holds one deployment.yaml.
        Path examples = Path.of("../examples");
        if (!Files.isDirectory(examples)) {
            throw new IllegalStateException("the examples folder is missing: " + examples.toAbsolutePath());
        }
        try (Stream<Path> folders = Files.list(examples)) {
            List<Path> specFiles = folders.map(f -> f.resolve("deployment.yaml")).filter(Files::isRegularFile).sorted().toList();
            if (specFiles.size() < 3) {
                throw new IllegalStateException("expected an example spec per framework under " + examples.toAbsolutePath());
            }
            for (Path file : specFiles) {
                specs.add(Arguments.of(examples.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return specs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSpecs")
    void validSpecsPassBoth(String name, String yaml) {
        assertThat(SchemaCheck.validatorProblems(yaml)).as("validator").isEmpty();
        assertThat(SchemaCheck.schemaMessages(yaml)).as("schema").isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.specql.deploy.model.reference.InvalidSpecs#structural")
    void structurallyInvalidSpecsFailBothAtTheSameKey(String location, String what, String yaml) {
        List<String> validator = SchemaCheck.validatorErrors(yaml);
        List<String> schema = SchemaCheck.schemaErrors(yaml);
        String report = "validator " + validator + ", schema " + schema;
        assertThat(validator).as(report).isNotEmpty().allMatch(p -> SchemaCheck.within(p, location));
        assertThat(schema).as(report).isNotEmpty().allMatch(p -> SchemaCheck.within(p, location));
    }

    /** Same keys, same required flags, every object closed: what the structural cases rely on. */
    @Test
    void schemaAndDeclarationHaveTheSameKeys() throws IOException {
        JsonNode published;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(JsonSchemaWriter.RESOURCE)) {
            published = new ObjectMapper().readTree(in);
        }
        Set<String> fromSchema = new TreeSet<>();
        walk(published, "", fromSchema);
        Set<String> fromDeclaration = new TreeSet<>();
        walk(SpecSchema.ROOT, "", fromDeclaration);
        assertThat(fromSchema).containsExactlyElementsOf(fromDeclaration);
        assertThat(fromDeclaration).contains("deployment (required)", "deployment.name (required)",
                "cicd.triggers[].action (required)", "environment.*.*", "platform.availability_zones");
    }

    /** Key paths of a declaration: {@code a.b}, {@code a.list[].c}, {@code a.map.*}; required ones marked. */
    private static void walk(Type type, String path, Set<String> paths) {
        if (type instanceof ObjectType object) {
            for (Field field : object.fields()) {
                String child = path.isEmpty() ? field.name() : path + "." + field.name();
                paths.add(child + (field.required() ? " (required)" : ""));
                walk(field.type(), child, paths);
            }
        } else if (type instanceof ListType list) {
            walk(list.itemType(), path + "[]", paths);
        } else if (type instanceof ChoiceType choice) {
            walk(choice.scalar(), path, paths);
            walk(choice.list(), path, paths);
        } else if (type instanceof MapType map) {
            paths.add(path + ".*");
            walk(map.valueType(), path + ".*", paths);
        }
    }

    /** The same paths read from the JSON Schema: properties, items, oneOf branches, additionalProperties. */
    private static void walk(JsonNode schema, String path, Set<String> paths) {
        if (schema.has("properties")) {
            assertThat(schema.get("additionalProperties").isBoolean()).as(path + " is closed").isTrue();
            assertThat(schema.get("additionalProperties").asBoolean()).as(path + " is closed").isFalse();
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            schema.get("properties").fields().forEachRemaining(property -> {
                String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                paths.add(child + (required.contains(property.getKey()) ? " (required)" : ""));
                walk(property.getValue(), child, paths);
            });
        } else if (schema.path("additionalProperties").isObject()) {
            paths.add(path + ".*");
            walk(schema.get("additionalProperties"), path + ".*", paths);
        }
        if (schema.has("items")) {
            walk(schema.get("items"), path + "[]", paths);
        }
        schema.path("oneOf").forEach(branch -> walk(branch, path, paths));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.specql.deploy.model.reference.InvalidSpecs#semantic")
    void semanticRulesAreTheValidatorsAlone(String location, String what, String yaml) {
        assertThat(SchemaCheck.schemaMessages(yaml)).as("schema").isEmpty();
        assertThat(SchemaCheck.validatorErrors(yaml)).as("validator").containsExactly(location);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.specql.deploy.model.reference.InvalidSpecs#textLevel")
    void textLevelChecksAreTheValidatorsAlone(String location, String what, String yaml) {
        assertThat(SchemaCheck.schemaMessages(yaml)).as("schema").isEmpty();
        assertThat(SchemaCheck.validatorErrors(yaml)).as("validator").containsExactly(location);
    }
}
