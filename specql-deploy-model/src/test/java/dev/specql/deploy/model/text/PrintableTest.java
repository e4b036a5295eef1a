package dev.specql.deploy.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void escapesLineBreaksControlsAndInvisibleCharacters() {
        assertThat(Printable.escape("a\nb\r\tc\u001B[31m\u0085\u202E\u200B\u2060\uFEFF"))
                .isEqualTo("a\\nb\\r\\tc\\u001B[31m\\u0085\\u202E\\u200B\\u2060\\uFEFF");
        assertThat(Printable.escape("tag" + new String(Character.toChars(0xE0069)))).isEqualTo("tag\\U000E0069");
    }

    @Test
    void leavesPrintableTextAndBackslashesAlone() {
        String text = "café 🚀 שלום مرحبا C:\\path\\ 'quoted'";
        assertThat(Printable.escape(text)).isSameAs(text);
        assertThat(Printable.escape(Printable.escape("a\nb"))).isEqualTo("a\\nb");
    }

    @Test
    void quotesAndCutsLongValuesByCodePoint() {
        assertThat(Printable.quote("acme\n")).isEqualTo("'acme\\n'");
        String rockets = "🚀".repeat(Printable.MAX_SHOWN + 5);
        assertThat(Printable.quote(rockets)).isEqualTo("'" + "🚀".repeat(Printable.MAX_SHOWN) + "\u2026'");
        assertThat(Printable.shorten("x".repeat(Printable.MAX_SHOWN))).isEqualTo("x".repeat(Printable.MAX_SHOWN));
    }

    @Test
    void aProblemIsAlwaysOneSafeLine() {
        Problem problem = Problem.of(Location.startOf("spec.yaml"), "environment.dev.A\u202EB", "bad\nvalue", "fix\u001B");
        assertThat(problem.toString()).isEqualTo("spec.yaml:1:1: environment.dev.A\\u202EB: bad\\nvalue (fix\\u001B)");
    }
}
