package dev.specql.deploy.model.text;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Heuristics for secrets written in plain sight: variable names that end in a secret word, and values shaped like
 * well-known credentials. Everything in a spec ends up in generated files and build logs, so a message about such a
 * value says what it looks like and never prints it.
 */
public final class Secrets {

    /**
     * A name that ends with a secret word: DB_PASSWORD, GITHUB_TOKEN, JWT_SIGNING_KEY. Only the end counts, so
     * CACHE_KEY_PREFIX and PRIMARY_KEY_NAME, which name something about a key, are not secrets.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|KEY|APIKEY|CREDENTIALS?|DSN)$");

    /** Keys that are public by design (Stripe's publishable key, a VAPID or SSH public key). */
    private static final Pattern PUBLIC_KEY_NAME = Pattern.compile("(^|_)(PUBLIC|PUBLISHABLE)_KEY$");

    /** What a credential looks like, and how to call it. */
    private record Shape(String description, Pattern pattern) {
        static Shape of(String description, String regex) {
            return new Shape(description, Pattern.compile(regex));
        }
    }

    /** Shapes found anywhere in a value ("Bearer ghp_..."), at the start of a token: not after a letter or digit. */
    private static final List<Shape> SHAPES = List.of(
            Shape.of("a Slack webhook URL", "https://hooks\\.slack\\.com/"),
            Shape.of("a Discord webhook URL", "https://(?:[a-z]+\\.)?discord(?:app)?\\.com/api/webhooks/"),
            // A password that is itself a ${VARIABLE} reference is how such URLs are written safely.
            Shape.of("a URL with a password in it", "(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:]*:(?!\\$)[^/?#@\\s]+@"),
            Shape.of("a bearer token", "(?i)(?<![a-z0-9])bearer\\s+[a-z0-9._~+/=-]{16,}"),
            Shape.of("an AWS access key ID", "(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{12,}"),
            Shape.of("a GitHub token", "(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_)"),
            Shape.of("a GitLab token", "(?<![A-Za-z0-9])glpat-"),
            Shape.of("a Slack token", "(?<![A-Za-z0-9])xox[abposr]-"),
            Shape.of("a Stripe secret", "(?<![A-Za-z0-9])(?:sk_live_|rk_live_|whsec_)"),
            Shape.of("an API secret key (sk-...)", "(?<![A-Za-z0-9])sk-[A-Za-z0-9]{20,}"),
            Shape.of("a Google API key", "(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{30,}"),
            Shape.of("a PEM key or certificate", "-----BEGIN"),
            Shape.of("a JSON Web Token", "(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{10,}\\."));

    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern BARE_NAME = Pattern.compile("^[A-Z_][A-Z0-9_]*$");
    /** Compose's ${NAME:-default}, ${NAME-default}, ${NAME:?error} and friends. */
    private static final Pattern REFERENCE_WITH_MODIFIER = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?[-+?=]");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    /**
     * Why a value is not a plain reference where one to a secret belongs (a webhook URL, a routing key), and the fix.
     * The value may be the secret itself, so the words never repeat it.
     */
    public record Misplaced(String problem, String suggestion) {
    }

    private Secrets() {
    }

    /** Whether an environment variable of this name most likely holds a secret. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).find() && !PUBLIC_KEY_NAME.matcher(name).find();
    }

    /** What credential the value looks like, e.g. "a GitHub token"; empty when it looks like none. */
    public static Optional<String> shapeOf(String value) {
        return SHAPES.stream().filter(shape -> shape.pattern().matcher(value).find()).map(Shape::description).findFirst();
    }

    /** {@link Misplaced} for a value that is not a plain ${NAME} reference; a URL counts as a secret (webhooks embed it). */
    public static Misplaced misplacedReference(String value) {
        Optional<String> shape = shapeOf(value).or(() -> URL.matcher(value).find() ? Optional.of("a URL") : Optional.empty());
        if (shape.isPresent()) {
            return new Misplaced("the value looks like " + shape.get() + ", which embeds a secret and must not be in this file",
                    "put it in an environment variable (in .env or the secret store) and write ${THAT_VARIABLE} here");
        }
        String writeReference = "write ${NAME}, with the name of the environment variable that holds the secret";
        if (BARE_NAME.matcher(value).matches()) {
            return new Misplaced("the value is a bare name, not a ${NAME} reference", writeReference);
        }
        if (REFERENCE_WITH_MODIFIER.matcher(value).find()) {
            return new Misplaced("the value adds a default or another modifier to its reference, and a default would put "
                    + "the secret in this file", "keep only ${NAME}");
        }
        if (REFERENCE.matcher(value).find()) {
            return new Misplaced("the value holds other text besides its ${NAME} reference", "keep only ${NAME}");
        }
        return new Misplaced("the value is invalid (it is not shown, as it may be a secret)", writeReference);
    }
}
