package dev.specql.deploy.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void knownSha256Vectors() {
        assertThat(Hashes.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashes.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashesTheUtf8BytesWhateverTheDefaultCharset() {
        assertThat(Hashes.sha256("café")).isEqualTo(Hashes.sha256("café".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Hashes.sha256("café".getBytes(StandardCharsets.ISO_8859_1)))
                .matches("[0-9a-f]{64}");
    }
}
