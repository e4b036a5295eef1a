package dev.specql.deploy.model.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.load.SpecLoader;
import dev.specql.deploy.model.config.ConfigMerger;
import dev.specql.deploy.model.schema.Field;
import dev.specql.deploy.model.schema.ObjectType;
import dev.specql.deploy.model.schema.SpecSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReferenceDocTest {

    static final Path COMMITTED = Path.of("../docs/spec-reference.md");

    @Test
    void committedReferenceMatchesTheDeclaration() throws Exception {
        Golden.check(COMMITTED, ReferenceDoc.render(), "ReferenceDocTest");
    }

    @Test
    void exampleIsAValidFifteenLineSmallSaasSpec() throws Exception {
        assertThat(ReferenceDoc.EXAMPLE.lines()).hasSize(15);
        var loaded = SpecLoader.load("example.yaml", ReferenceDoc.EXAMPLE.getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.spec().framework()).isEqualTo(Framework.FRAISEQL);
        assertThat(loaded.spec().pattern()).isEqualTo(Pattern.SMALL_SAAS);
        assertThat(ReferenceDoc.render()).contains("```yaml\n" + ReferenceDoc.EXAMPLE + "```\n");
    }

    @Test
    void everyKeyHasARow() {
        String doc = ReferenceDoc.render();
        for (String path : ConfigMerger.schemaPaths(SpecSchema.ROOT, "")) {
            assertThat(doc).as(path).contains("| `" + path + "` |");
        }
        assertThat(doc).contains("| `monitoring.alerts.rules[].severity` |", "| `environment.<environment_name>.<env_var>` |");
    }

    @Test
    void defaultColumnComesFromTheTables() {
        String doc = ReferenceDoc.render();
        assertThat(row(doc, "application.port")).contains("| fraiseql: `8080`, fraiseql 1: `8000`, django: `8000`, rails: `3000` |");
        assertThat(row(doc, "database.name")).contains("| derived from `deployment.name`, with '-' replaced by '\\_' |");
        assertThat(row(doc, "deployment.pattern")).contains("| `hobby-project` |");
        assertThat(row(doc, "deployment.name")).contains("| required |");
        assertThat(row(doc, "platform.domain")).contains("| none |");
        assertThat(row(doc, "application.module")).contains("| fraiseql: `schema`, fraiseql 1: `src.main:app`; for django, derived from `deployment.name`");
        assertThat(row(doc, "monitoring.level")).contains(
                "| hobby-project: `basic`, small-saas: `standard`, production-saas: `enterprise`, kubernetes: `standard` |");
        assertThat(row(doc, "cicd.environments[].auto_deploy")).contains("| `false` |");
        assertThat(row(doc, "environment")).contains("| a mapping of up to 8 entries |");
        assertThat(doc).contains("Its defaults apply only when the spec has a `specql` section.");
    }

    @Test
    void tableCellsEscapeMarkdown() {
        assertThat(ReferenceDoc.code("a`b")).isEqualTo("``a`b``");
        assertThat(ReferenceDoc.code("`x")).isEqualTo("`` `x ``");
        assertThat(ReferenceDoc.code(" x ")).isEqualTo("`  x  `");
        assertThat(ReferenceDoc.cell(ReferenceDoc.code("a|b"))).isEqualTo("`a\\|b`");
        assertThat(ReferenceDoc.cell(ReferenceDoc.escape("x | y `z` *w* _v_ snake_case ~t~ <b> [l]")))
                .isEqualTo("x \\| y \\`z\\` \\*w\\* \\_v\\_ snake_case \\~t\\~ \\<b> \\[l\\]");
    }

    @Test
    void typesReadAsProse() {
        assertThat(ReferenceDoc.typeText(SpecSchema.ROOT.field("platform").map(Field::type)
                .map(t -> ((ObjectType) t).field("availability_zones").orElseThrow().type()).orElseThrow()))
                .isEqualTo("an integer from 1 to 6, or a list (1 to 6 items, no repeats) of an availability zone name such as eu-west-1a");
    }

    private static String row(String doc, String path) {
        return doc.lines().filter(line -> line.startsWith("| `" + path + "` |")).findFirst().orElseThrow();
    }
}
