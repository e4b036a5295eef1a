package dev.specql.deploy.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "JWT_SIGNING_KEY", "ENCRYPTION_KEY", "KEY", "GITHUB_TOKEN", "SMTP_PASS", "DB_PWD",
            "CLIENT_SECRET", "AWS_CREDENTIALS", "SENTRY_DSN", "STRIPE_APIKEY"})
    void namesEndingInASecretWordAreSecret(String name) {
        assertThat(Secrets.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CACHE_KEY_PREFIX", "PRIMARY_KEY_NAME", "KEYBOARD", "BYPASS", "TOKENS_PER_MINUTE", "PASSWORD_MIN_LENGTH",
            "STRIPE_PUBLISHABLE_KEY", "VAPID_PUBLIC_KEY", "LOG_LEVEL"})
    void otherNamesAreNot(String name) {
        assertThat(Secrets.isSecretName(name)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Bearer ghp_0123456789abcdefghijklmnopqrstuvwxyz        | a bearer token",
            "token=ghp_0123456789abcdefghijklmnopqrstuvwxyz         | a GitHub token",
            "postgres://app:hunter2@db.internal:5432/app            | a URL with a password in it",
            "redis://:hunter2@cache:6379                            | a URL with a password in it",
            "https://discord.com/api/webhooks/1/abc                 | a Discord webhook URL",
            "AKIAIOSFODNN7EXAMPLE                                   | an AWS access key ID",
            "whsec_0123456789abcdef                                 | a Stripe secret",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig               | a JSON Web Token"})
    void recognisesCredentialShapesAnywhereInAValue(String value, String shape) {
        assertThat(Secrets.shapeOf(value)).contains(shape);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://app:${DB_PASSWORD}@db/app", "postgres://app@db/app", "http://host:8080/path@x",
            "task-0123456789abcdefghijklmnop", "bearer of bad news", "${PASSWORD:-hunter2}", "info"})
    void leavesOrdinaryValuesAlone(String value) {
        assertThat(Secrets.shapeOf(value)).isEmpty();
    }

    @Test
    void describesAMisplacedReferenceWithoutRepeatingIt() {
        assertThat(Secrets.misplacedReference("https://example.com/hook/abc").problem())
                .isEqualTo("the value looks like a URL, which embeds a secret and must not be in this file");
        assertThat(Secrets.misplacedReference("0123456789abcdef").problem())
                .isEqualTo("the value is invalid (it is not shown, as it may be a secret)");
    }

    @Test
    void aNumberGivenAsAReferenceIsNotPrintedEither() {
        String spec = """
                deployment:
                  name: acme
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                monitoring:
                  alerts:
                    channels:
                      - type: pagerduty
                        routing_key: 987654321012
                """;
        try {
            SpecLoader.load("spec.yaml", spec.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("accepted");
        } catch (SpecException e) {
            assertThat(e.problems()).extracting(Problem::toString).singleElement().asString()
                    .contains("routing_key: expected a reference", "got an integer").doesNotContain("987654321012");
        }
    }
}
