package dev.specql.deploy.engine.escape;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The escapers, one per target language, under the names templates use: {@code $yaml}, {@code $sh},
 * {@code $docker}, {@code $caddy}, {@code $md}, {@code $hcl}, {@code $json}, {@code $dotenv}, {@code $toml}, {@code $gha}, {@code $gitlab},
 * {@code $gotemplate}, {@code $kubernetes}.
 */
public final class Escapers {

    private static final Map<String, Object> ALL;

    static {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("yaml", new YamlEscaper());
        all.put("sh", new ShellEscaper());
        all.put("docker", new DockerfileEscaper());
        all.put("caddy", new CaddyfileEscaper());
        all.put("md", new MarkdownEscaper());
        all.put("hcl", new HclEscaper());
        all.put("json", new JsonEscaper());
        all.put("dotenv", new DotenvEscaper());
        all.put("toml", new TomlEscaper());
        all.put("gha", new WorkflowEscaper());
        all.put("gitlab", new GitlabCiEscaper());
        all.put("gotemplate", new GoTemplateEscaper());
        all.put("kubernetes", new KubernetesEscaper());
        ALL = java.util.Collections.unmodifiableMap(all);
    }

    private Escapers() {
    }

    public static Map<String, Object> all() {
        return ALL;
    }

    /**
     * A value as text. A missing value is a generator bug, never the word "null" in a generated file, so it
     * fails here instead.
     */
    static String text(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("an escaper was given no value (null): a generator bug");
        }
        return String.valueOf(value);
    }

    /** Refuses characters no target language can carry safely on one line. */
    static String requireSingleLine(String language, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "%s cannot carry the control character U+%04X safely", language, (int) c));
            }
        }
        return value;
    }
}
