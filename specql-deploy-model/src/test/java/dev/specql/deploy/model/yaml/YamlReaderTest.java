package dev.specql.deploy.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the hostile corpus does not pin: the reader's edge cases. */
class YamlReaderTest {

    private static List<String> problems(byte[] bytes) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> YamlReader.read("spec.yaml", bytes));
        assertThat(e).as("the reader must refuse it").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static List<String> problems(String yaml) {
        return problems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void positionsCountCrLfAsOneLineBreakAndLoneCrAsOne() {
        assertThat(problems("a: 1\r\nb: 2\rc: x\u0007")).containsExactly(
                "spec.yaml:3:5: the character U+0007 is not allowed in a deployment spec (remove the invisible or control character)");
    }

    @Test
    void namesWideEncodingsWithoutAByteOrderMark() {
        assertThat(problems("a: 1\n".getBytes(StandardCharsets.UTF_16BE))).singleElement().asString().contains("UTF-16 encoded");
        assertThat(problems("a: 1\n".getBytes(Charset.forName("UTF-32BE")))).singleElement().asString().contains("UTF-32 encoded");
        assertThat(problems("a: 1\n".getBytes(Charset.forName("UTF-32LE")))).singleElement().asString().contains("UTF-32 encoded");
    }

    @Test
    void readsShortFilesAndAUtf8ByteOrderMark() throws SpecException {
        assertThat(YamlReader.read("spec.yaml", new byte[] {'a'})).isInstanceOf(YNode.YScalar.class);
        YNode root = YamlReader.read("spec.yaml", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', '1'});
        assertThat(root).isInstanceOfSatisfying(YNode.YMap.class, map -> assertThat(map.entries()).containsKey("a"));
    }

    @Test
    void refusesWhatSnakeYamlsReaderWouldRefuseWithALocation() {
        assertThat(problems("a: \uFFFE")).singleElement().asString().startsWith("spec.yaml:1:4: the character U+FFFE is not allowed");
        assertThat(problems("a: \"\\uD800\"")).singleElement().asString().contains("a: the character U+D800 is not allowed");
    }

    @Test
    void allowsTheJoinersThatEmojiAndSomeScriptsNeed() throws SpecException {
        assertThat(YamlReader.read("spec.yaml", "a: \"👩\u200D💻 \u200C\"".getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void refusesAnEscapedCharacterInAKeyAndPrintsThePathEscaped() {
        assertThat(problems("a:\n  \"b\\u200Bc\": 1\n")).containsExactly("spec.yaml:2:3: a.b\\u200Bc: the character U+200B is not allowed "
                + "in a deployment spec (here written as an escape sequence) (remove the escape sequence)");
    }

    @Test
    void refusesAnExplicitTagOnTextOfAnotherType() throws SpecException {
        assertThat(problems("a: !!int abc\nb: !!null x\n")).containsExactly(
                "spec.yaml:1:4: a: 'abc' is not a valid !!int value: expected an integer",
                "spec.yaml:2:4: b: 'x' is not a valid !!null value: expected null (~ or nothing)");
        YNode root = YamlReader.read("spec.yaml", "a: !!float 1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(((YNode.YMap) root).entries().get("a").value()).isEqualTo(
                new YNode.YScalar("1", YNode.ScalarKind.FLOAT, ((YNode.YMap) root).entries().get("a").value().location()));
    }

    @Test
    void limitsTheDepthAliasesExpandTo() {
        String deep = "[".repeat(20) + "x" + "]".repeat(20);
        assertThat(problems("a: &d " + deep + "\nb: [[[[[[*d]]]]]]\n")).singleElement().asString()
                .contains("the document nests deeper than 24 levels");
    }

    @Test
    void pointsAtTheOpeningQuoteOfAnUnclosedSingleQuotedScalar() {
        assertThat(problems("a: 'abc\nb: 1\n")).containsExactly("spec.yaml:1:4: YAML syntax error: the quoted scalar that starts here "
                + "is not closed (at line 3, column 1: found unexpected end of stream) (add the closing single quote)");
    }

    @Test
    void aSecondDocumentIsRefusedEvenWhenEmpty() {
        assertThat(problems("a: 1\n---\n")).singleElement().asString().startsWith("spec.yaml:2:1: the file holds another document here");
    }

    @Test
    void anEmptyDocumentIsNull() throws SpecException {
        assertThat(YamlReader.read("spec.yaml", "# nothing\n".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
