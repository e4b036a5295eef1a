package dev.specql.deploy.engine.escape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.HostileCorpus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Each escaper against hostile strings, checked by a real reader of the target language where one runs
 * in a test: SnakeYAML for YAML and JSON, /bin/sh for shell words.
 */
class EscapersTest {

    /** Every value the validator accepts on purpose, plus strings that break naive quoting. */
    static Stream<String> hostileStrings() {
        List<String> values = new ArrayList<>();
        HostileCorpus.acceptedButEscaped().forEach(v -> values.add(v.value()));
        values.addAll(List.of("", " ", "'", "\"", "\\", "\\\"", "'\"'\"'", "$", "$$", "${HOME}", "$(id)", "`id`", "a\tb",
                "#", "# comment", "key: value", "- item", "[1, 2]", "{a: 1}", "&a *a", "!tag", "%x", "@x", "|", ">", "---",
                "null", "~", "true", "no", "0x10", "1e3", ".nan", "日本語", "emoji 🚀", "</script><script>alert(1)</script>",
                "%{ if true }", "a\\nb", "trailing space ", "${{ secrets.GITHUB_TOKEN }}", "${{", "a${{ x }}", "$${{ x }}", "${{ '${{' }}"));
        return values.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void yamlRoundTrips(String value) {
        YamlEscaper yaml = new YamlEscaper();
        assertThat(parseYaml("v: " + yaml.q(value).text())).isEqualTo(value);
        // Compose reads $$ as a literal $: after YAML, undoing that gives the value back.
        assertThat(((String) parseYaml("v: " + yaml.composeQ(value).text())).replace("$$", "$")).isEqualTo(value);
    }

    @Test
    void composeRequiresOnlyVariableNames() {
        assertThat(YamlEscaper.required("POSTGRES_PASSWORD")).isEqualTo("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env (see .env.example)}");
        assertThatThrownBy(() -> YamlEscaper.required("A}${B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> YamlEscaper.required("lower")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void jsonRoundTrips(String value) {
        assertThat(parseYaml("v: " + new JsonEscaper().q(value).text())).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void shellWordsReachTheProgramUnchanged(String value) throws Exception {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            assertThatThrownBy(() -> new ShellEscaper().q(value)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        Process process = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + new ShellEscaper().q(value).text())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void shellCommandsReachTheProgramWordForWord(String value) throws Exception {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return;
        }
        String line = new ShellEscaper().command(List.of("printf", "%s|", value, "plain-word_1.2/x:y@z")).text();
        Process process = new ProcessBuilder("/bin/sh", "-c", line).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(value + "|plain-word_1.2/x:y@z|");
        assertThat(line).endsWith(" plain-word_1.2/x:y@z");
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void workflowStringsHoldNoExpressionGitHubWouldEvaluate(String value) {
        String quoted = new WorkflowEscaper().q(value).text();
        String parsed = (String) parseYaml("v: " + quoted);
        // GitHub evaluates each opener; what remains outside the generated literal-opener expressions is plain text.
        String[] parts = parsed.split(java.util.regex.Pattern.quote("${{ '${{' }}"), -1);
        assertThat(String.join("${{", parts)).isEqualTo(value);
        for (String part : parts) {
            assertThat(part).doesNotContain("${{");
        }
    }

    /** The kubelet's expansion of a command word or env value: $$ is one $, $(NAME) a defined variable's value. */
    private static String kubeletExpands(String text, Map<String, String> defined) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i++;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(' && text.indexOf(')', i) > 0
                    && defined.containsKey(text.substring(i + 2, text.indexOf(')', i)))) {
                out.append(defined.get(text.substring(i + 2, text.indexOf(')', i))));
                i = text.indexOf(')', i);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void kubernetesValuesExpandBackToTheText(String value) {
        Map<String, String> defined = Map.of("HEALTH_URL", "http://app/up", "PORT", "8000", "A", "b");
        String parsed = (String) parseYaml("v: " + new KubernetesEscaper().expanded(value).text());
        assertThat(kubeletExpands(parsed, defined)).isEqualTo(value);
        assertThat(kubeletExpands((String) parseYaml("v: " + new KubernetesEscaper().expandedReplacing(value + "@@", "@@", "HEALTH_URL").text()),
                defined)).isEqualTo(value + "http://app/up");
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void gitlabValuesExpandBackToTheText(String value) {
        String parsed = (String) parseYaml("v: " + new GitlabCiEscaper().q(value).text());
        // GitLab's expansion reads $$ as one literal $ and leaves no other $ in the value to expand.
        assertThat(parsed.replace("$$", "")).doesNotContain("$");
        assertThat(parsed.replace("$$", "$")).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void dockerfileValuesStayOnOneLineWithEveryDollarEscaped(String value) {
        if (value.indexOf('\t') >= 0) {
            return;
        }
        String quoted = new DockerfileEscaper().q(value).text();
        assertThat(quoted).startsWith("\"").endsWith("\"").doesNotContain("\n");
        assertThat(quoted.replace("\\\\", "").replace("\\$", "")).doesNotContain("$");
        assertThat(quoted.substring(1, quoted.length() - 1).replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void markdownNeverPassesHtmlOrStructure(String value) {
        String text = new MarkdownEscaper().text(value).text();
        assertThat(text).doesNotContain("<").doesNotContain(">").doesNotContain("\n");
        String code = new MarkdownEscaper().code(value).text();
        int fence = 0;
        while (fence < code.length() && code.charAt(fence) == '`') {
            fence++;
        }
        assertThat(value.isEmpty() ? code.isEmpty() : fence > 0).isTrue();
        if (fence > 0) {
            assertThat(code.substring(fence, code.length() - fence)).doesNotContain("`".repeat(fence));
        }
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hclStringsCannotStartTemplates(String value) {
        String quoted = new HclEscaper().q(value).text();
        String body = quoted.substring(1, quoted.length() - 1);
        // Read the body as HCL's template scanner does, left to right: $${ and %%{ are literal, ${ and %{ open a template.
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if ((c == '$' || c == '%') && body.startsWith(c + "" + c + "{", i)) {
                literal.append(c).append('{');
                i += 2;
            } else {
                assertThat(body.startsWith("${", i) || body.startsWith("%{", i)).as("a template opens at %d in %s", i, body).isFalse();
                literal.append(c);
            }
        }
        assertThat(literal.toString().replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
    }

    @Test
    void gitlabExpressionsTakeRefNamesOnlyAndMatchPrefixesLiterally() {
        GitlabCiEscaper gitlab = new GitlabCiEscaper();
        assertThat(gitlab.expressionString("release/1.2").text()).isEqualTo("\"release/1.2\"");
        assertThat(gitlab.prefixPattern("release/v1.").text()).isEqualTo("/^release\\/v1\\./");
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("^release\\/v1\\.");
        assertThat(pattern.matcher("release/v1.4").lookingAt()).isTrue();
        assertThat(pattern.matcher("release/v1x4").lookingAt()).as("the dot is literal").isFalse();
        // An expression string has no escapes: anything but a ref name's characters could end it.
        for (String hostile : List.of("main\" || $CI", "a b", "$CI_JOB_TOKEN", "v*", "x/", "é")) {
            if (!hostile.equals("x/")) {
                assertThatThrownBy(() -> gitlab.expressionString(hostile)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> gitlab.prefixPattern(hostile)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void languagesThatCannotCarryAValueSafelyRefuseIt() {
        assertThatThrownBy(() -> new CaddyfileEscaper().q("a } import evil {")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaddyfileEscaper().q("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DockerfileEscaper().q("a\nRUN evil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DotenvEscaper().q("a\nB=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarkdownEscaper().inFence("```")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CaddyfileEscaper().q("say \"hi\"").text()).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void dotenvUsesLiteralSingleQuotesUnlessTheValueHasOne() {
        assertThat(new DotenvEscaper().q("a $b \"c\"").text()).isEqualTo("'a $b \"c\"'");
        assertThat(new DotenvEscaper().q("it's $x").text()).isEqualTo("\"it's \\$x\"");
    }

    @Test
    void everyEscaperIsOfferedToTemplates() {
        Map<String, Object> all = Escapers.all();
        assertThat(all).containsOnlyKeys("yaml", "sh", "docker", "caddy", "md", "hcl", "json", "dotenv", "toml", "gha", "gitlab", "gotemplate", "kubernetes");
    }

    @Test
    void goTemplateLiteralsPrintTheirBracesInsteadOfRunningThem() {
        assertThat(new GoTemplateEscaper().literal("p99 {{ $labels.instance }} {{ query \"up\" }}"))
                .isEqualTo("p99 {{ \"{{\" }} $labels.instance }} {{ \"{{\" }} query \"up\" }}");
        assertThat(new GoTemplateEscaper().literal("no action } here {")).isEqualTo("no action } here {");
    }

    private static Object parseYaml(String document) {
        Map<?, ?> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(document);
        return map.get("v");
    }
}
