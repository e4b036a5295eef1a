package dev.specql.deploy.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    private static final String H1 = Hashes.sha256("one");
    private static final String H2 = Hashes.sha256("two");
    private static final String H3 = Hashes.sha256("three");

    private static Manifest sample() {
        return Manifest.of(List.of(
                new Manifest.Entry("deploy/compose.yml", "compose", H2),
                new Manifest.Entry("Dockerfile", "docker", H1),
                new Manifest.Entry("deploy/Caddyfile", "compose", H3)),
                Map.of("docker", "ffff", "compose+docker", "abcd"));
    }

    @Test
    void formatsSortedWithLfEndings() {
        assertThat(sample().format()).isEqualTo(
                Manifest.HEADER + "\n"
                        + "# fingerprint compose+docker abcd\n"
                        + "# fingerprint docker ffff\n"
                        + H1 + "  docker  Dockerfile\n"
                        + H3 + "  compose  deploy/Caddyfile\n"
                        + H2 + "  compose  deploy/compose.yml\n");
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".specql-deploy-manifest");
        Files.writeString(file, sample().format(), StandardCharsets.UTF_8);
        Manifest read = Manifest.read(file);
        assertThat(read).isEqualTo(sample());
        assertThat(read.format()).isEqualTo(sample().format());
        assertThat(read.entry("Dockerfile")).map(Manifest.Entry::hash).contains(H1);
        assertThat(read.entry("missing")).isEmpty();
        assertThat(read.fingerprint("docker")).contains("ffff");
        assertThat(read.fingerprint("compose")).isEmpty();
        assertThat(read.entriesOf(Set.of("compose"))).extracting(Manifest.Entry::path)
                .containsExactly("deploy/Caddyfile", "deploy/compose.yml");
    }

    @Test
    void pathsWithSpacesSurviveTheRoundTrip() throws IOException {
        Manifest manifest = Manifest.of(List.of(new Manifest.Entry("docs/my  notes.md", "docs", H1)), Map.of());
        assertThat(Manifest.parse(manifest.format(), "m")).isEqualTo(manifest);
    }

    @Test
    void aMissingFileIsAnEmptyManifest(@TempDir Path dir) throws IOException {
        Manifest manifest = Manifest.read(dir.resolve("nope"));
        assertThat(manifest).isEqualTo(Manifest.empty());
        assertThat(manifest.entries()).isEmpty();
        assertThat(manifest.format()).isEqualTo(Manifest.HEADER + "\n");
    }

    @Test
    void toleratesCrLfBlankLinesAndComments() throws IOException {
        String text = sample().format().replace("\n", "\r\n") + "\n# a note someone added\n\n";
        assertThat(Manifest.parse(text, "m")).isEqualTo(sample());
    }

    @Test
    void phaseKeyIsSortedAndJoined() {
        assertThat(Manifest.phaseKey(Set.of("docker", "compose", "caddy"))).isEqualTo("caddy+compose+docker");
        assertThat(Manifest.phaseKey(Set.of("docker"))).isEqualTo("docker");
        assertThatIllegalArgumentException().isThrownBy(() -> Manifest.phaseKey(Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> Manifest.phaseKey(Set.of("a+b")));
    }

    @Test
    void corruptLinesNameTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".specql-deploy-manifest");
        Files.writeString(file, Manifest.HEADER + "\n" + H1 + "  docker  Dockerfile\nnot an entry\n");
        assertThatThrownBy(() -> Manifest.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ":3: corrupt specql-deploy manifest: expected '<sha256>  <phase>  <path>' or a '#' comment;"
                        + " restore it from version control");
    }

    @Test
    void rejectsEveryKindOfDamage() {
        assertCorrupt(H1.substring(1) + "  docker  Dockerfile", 1, "expected '<sha256>  <phase>  <path>'");
        assertCorrupt(H1.toUpperCase(Locale.ROOT) + "  docker  Dockerfile", 1, "expected '<sha256>");
        assertCorrupt(H1 + " docker Dockerfile", 1, "expected '<sha256>");
        assertCorrupt(H1 + "  docker  ../etc/passwd", 1, "must not contain '..' segments");
        assertCorrupt(H1 + "  docker  /etc/passwd", 1, "must be relative to the project root");
        assertCorrupt(H1 + "  dock+er  Dockerfile", 1, "invalid phase");
        assertCorrupt("# comment\n" + H1 + "  docker  a\n" + H2 + "  docker  a", 3, "second entry for 'a'");
        assertCorrupt("# fingerprint docker", 1, "expected '# fingerprint <phases> <hash>'");
        assertCorrupt("# fingerprint docker a b", 1, "expected '# fingerprint <phases> <hash>'");
        assertCorrupt("# fingerprint docker a\n# fingerprint docker b", 2, "second fingerprint for 'docker'");
    }

    private static void assertCorrupt(String text, int line, String message) {
        assertThatThrownBy(() -> Manifest.parse(text, "out/.specql-deploy-manifest"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("out/.specql-deploy-manifest:" + line + ": corrupt specql-deploy manifest: ")
                .hasMessageContaining(message);
    }

    @Test
    void rejectsBytesThatAreNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> Manifest.read(file)).isInstanceOf(IOException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void validatesEntriesAndFingerprints() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Manifest.Entry("a", "docker", "abc"))
                .withMessageContaining("64 lowercase hex");
        assertThatIllegalArgumentException().isThrownBy(() -> new Manifest.Entry("a", "docker", null));
        assertThatIllegalArgumentException().isThrownBy(() -> Manifest.of(List.of(), Map.of("docker", "a b")))
                .withMessageContaining("invalid fingerprint");
        assertThatIllegalArgumentException().isThrownBy(() -> Manifest.of(List.of(), Map.of("", "ab")))
                .withMessageContaining("invalid phase key");
        Manifest.Entry entry = new Manifest.Entry("a", "docker", H1);
        assertThatIllegalArgumentException().isThrownBy(() -> Manifest.of(List.of(entry, entry), Map.of()))
                .withMessageContaining("duplicate");
        assertThatIllegalArgumentException().isThrownBy(() -> new Manifest(
                new TreeMap<>(Map.of("b", entry)), new TreeMap<>()))
                .withMessageContaining("does not match");
    }

    @Test
    void isImmutable() {
        Manifest manifest = sample();
        assertThatThrownBy(() -> manifest.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> manifest.fingerprints().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
