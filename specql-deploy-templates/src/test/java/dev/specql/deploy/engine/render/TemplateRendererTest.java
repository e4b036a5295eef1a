package dev.specql.deploy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.engine.escape.Safe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

    record None() {
    }

    record Name(Object name) {
    }

    record Header(Safe header) {
    }

    record Values(boolean on, String name, int count) {
    }

    /** A view whose component would hide the YAML escaper. */
    record Hiding(Safe yaml) {
    }

    @TempDir
    Path overrides;

    private Path template(String name, String content) throws Exception {
        Path file = overrides.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aMissingReferenceFailsInsteadOfPrintingItself() throws Exception {
        template("t/missing.vm", "value: $typo\n");
        TemplateRenderer renderer = new TemplateRenderer(Optional.of(overrides));
        assertThatThrownBy(() -> renderer.render("t/missing.vm", new None()))
                .isInstanceOf(TemplateRenderer.TemplateException.class)
                .hasMessageContaining("t/missing.vm (user override)")
                .hasMessageContaining("$typo");
    }

    @Test
    void aRawStringCannotBePrinted() throws Exception {
        template("t/raw.vm", "name: $name\n");
        TemplateRenderer renderer = new TemplateRenderer(Optional.of(overrides));
        assertThatThrownBy(() -> renderer.render("t/raw.vm", new Name("x: y")))
                .isInstanceOf(TemplateRenderer.TemplateException.class)
                .hasMessageContaining("without an escaper");
        assertThat(renderer.render("t/raw.vm", new Name(new Safe("ok")))).isEqualTo("name: ok\n");
    }

    @Test
    void escapersNumbersAndDirectiveLinesLayOutCleanly() throws Exception {
        template("t/ok.vm", "#if($on)\nv: $yaml.q($name)\nn: $count\n#end\n");
        String out = new TemplateRenderer(Optional.of(overrides)).render("t/ok.vm", new Values(true, "a: b", 3));
        assertThat(out).isEqualTo("v: \"a: b\"\nn: 3\n");
    }

    @Test
    void anOverrideReplacesTheBundledTemplateAndIsWhatGetsFingerprinted() throws Exception {
        TemplateRenderer bundled = new TemplateRenderer(Optional.of(overrides));
        assertThat(bundled.isOverridden("docker/gitignore.vm")).isFalse();
        byte[] original = bundled.source("docker/gitignore.vm");
        assertThat(new String(original, StandardCharsets.UTF_8)).contains(".env");

        template("docker/gitignore.vm", "${header}\ncustom\n");
        TemplateRenderer overridden = new TemplateRenderer(Optional.of(overrides));
        assertThat(overridden.isOverridden("docker/gitignore.vm")).isTrue();
        assertThat(overridden.source("docker/gitignore.vm")).isEqualTo("${header}\ncustom\n".getBytes(StandardCharsets.UTF_8));
        assertThat(overridden.render("docker/gitignore.vm", new Header(new Safe("# h")))).isEqualTo("# h\ncustom\n");
    }

    @Test
    void templatesCannotReadOtherTemplates() throws Exception {
        template("t/parse.vm", "#parse(\"docker/gitignore.vm\")\n");
        template("t/include.vm", "#include(\"docker/gitignore.vm\")\n");
        TemplateRenderer renderer = new TemplateRenderer(Optional.of(overrides));
        for (String name : java.util.List.of("t/parse.vm", "t/include.vm")) {
            assertThatThrownBy(() -> renderer.render(name, new None())).isInstanceOf(TemplateRenderer.TemplateException.class)
                    .hasMessageContaining("is not allowed");
        }
    }

    @Test
    void aViewCannotHideAnEscaper() throws Exception {
        template("t/hide.vm", "$yaml\n");
        assertThatThrownBy(() -> new TemplateRenderer(Optional.of(overrides)).render("t/hide.vm", new Hiding(new Safe("x"))))
                .isInstanceOf(TemplateRenderer.TemplateException.class).hasMessageContaining("would hide the escaper");
    }

    @Test
    void theRendererRemembersWhatItRead() throws Exception {
        template("t/ok.vm", "$count\n");
        TemplateRenderer renderer = new TemplateRenderer(Optional.of(overrides));
        renderer.source("docker/gitignore.vm");
        renderer.render("t/ok.vm", new Values(false, "n", 1));
        assertThat(renderer.read()).containsExactly("docker/gitignore.vm", "t/ok.vm");
    }

    /** Engines are shared within a JVM; an override added or edited between runs must still win. */
    @Test
    void anOverrideAddedOrEditedBetweenRunsIsRendered() throws Exception {
        template("t/keep.vm", "x\n");
        TemplateRenderer first = new TemplateRenderer(Optional.of(overrides));
        assertThat(first.render("docker/gitignore.vm", new Header(new Safe("# h")))).contains(".env");

        template("docker/gitignore.vm", "${header}\nmine\n");
        assertThat(new TemplateRenderer(Optional.of(overrides)).render("docker/gitignore.vm", new Header(new Safe("# h"))))
                .isEqualTo("# h\nmine\n");
        template("docker/gitignore.vm", "${header}\nedited\n");
        assertThat(new TemplateRenderer(Optional.of(overrides)).render("docker/gitignore.vm", new Header(new Safe("# h"))))
                .isEqualTo("# h\nedited\n");
        Files.delete(overrides.resolve("docker/gitignore.vm"));
        assertThat(new TemplateRenderer(Optional.of(overrides)).render("docker/gitignore.vm", new Header(new Safe("# h"))))
                .contains(".env");
    }

    @Test
    void anAbsentOverrideDirectoryMeansBundledTemplatesOnly() {
        TemplateRenderer renderer = new TemplateRenderer(Optional.of(overrides.resolve("nope")));
        assertThat(renderer.isOverridden("docker/gitignore.vm")).isFalse();
        assertThatThrownBy(() -> renderer.source("docker/none.vm")).isInstanceOf(TemplateRenderer.TemplateException.class);
        assertThatThrownBy(() -> new Safe(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Safe.constant("x")).hasToString("x");
    }
}
