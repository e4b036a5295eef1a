package dev.specql.deploy.engine.escape;

/**
 * Values a Helm chart's values.yaml hands to Kubernetes: YAML double-quoted scalars. A container's command, args and
 * env values are expanded by the kubelet ({@code $(NAME)} becomes another variable's value, {@code $$} one
 * {@code $}), so their text is written with every {@code $} doubled, which the kubelet reads back as exactly that text.
 */
public final class KubernetesEscaper {

    /** Any string as a double-quoted YAML scalar, for a value Kubernetes does not expand. */
    public Safe q(Object value) {
        return new Safe(YamlEscaper.quote(Escapers.text(value)));
    }

    /** A command word or env value that the kubelet expands back to exactly this text. */
    public Safe expanded(Object value) {
        return new Safe(YamlEscaper.quote(literal(Escapers.text(value))));
    }

    /**
     * A command word in which the generator's reference {@code $(variable)} stands wherever {@code marker} stands; the
     * rest is literal, its {@code $} doubled.
     */
    public Safe expandedReplacing(Object value, String marker, String variable) {
        if (!variable.matches("[A-Z_][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not an environment variable name: " + variable);
        }
        String[] parts = Escapers.text(value).split(java.util.regex.Pattern.quote(marker), -1);
        StringBuilder joined = new StringBuilder(literal(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            joined.append("$(").append(variable).append(')').append(literal(parts[i]));
        }
        return new Safe(YamlEscaper.quote(joined.toString()));
    }

    private static String literal(String text) {
        return text.replace("$", "$$");
    }
}
