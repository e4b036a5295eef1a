package dev.specql.deploy.model.schema;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The shapes a string in the spec may take. Each regex is valid both as a Java and as an ECMA-262
 * pattern, because the same text goes into the published JSON Schema. A length limit the regex does not
 * bound is a {@link #maxLength()}, which the schema states too. Checks a regex cannot express (".." segments
 * in paths) are Java-only extras, so the schema is at most as strict as the validator.
 */
public enum Format {
    NAME("a lowercase name of letters, digits and '-', starting with a letter, at most 24 characters "
            + "(it prefixes AWS resource names, some of which are limited to 32)",
            "^[a-z]([a-z0-9-]{0,22}[a-z0-9])?$", null),
    ENVIRONMENT_NAME("a lowercase name of letters, digits and '-', at most 16 characters",
            "^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$", null),
    DNS_LABEL("a DNS label: lowercase letters, digits and '-', at most 63 characters",
            "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", null),
    DOMAIN("a lowercase domain name such as app.example.com (internationalised names in punycode)",
            "^(([a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$", 253, null),
    SMTP_HOST("a mail relay as host:port such as smtp.example.com:587",
            "^(([a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9]):[0-9]{1,5}$", 259, null),
    EMAIL("an e-mail address such as ops@example.com",
            "^[A-Za-z0-9._%+-]{1,64}@(([a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])\\.)+[a-z]{2,63}$", null),
    ENV_VAR("an environment variable name: uppercase letters, digits and '_', not starting with a digit",
            "^[A-Z_][A-Z0-9_]{0,127}$", null),
    URL_PATH("an absolute URL path such as /health, of letters, digits and . _ ~ - /",
            "^/[A-Za-z0-9._~/-]{0,127}$", s -> s.contains("//") || s.contains("/../") || s.endsWith("/..")
                    ? Optional.of("must not contain '//' or '..' segments") : Optional.empty()),
    // No part may start with '-': generated shell commands would read it as an option (schema_dir: -rf).
    RELATIVE_PATH("a path relative to the project, of letters, digits and . _ - / * (globs allowed), with no '..' "
            + "and no part starting with '-'",
            "^[A-Za-z0-9._*](?:[A-Za-z0-9._*-]|/(?!-)){0,254}$", Format::relativePath),
    FILE_PATH("a file path relative to the project, of letters, digits and . _ - /, with no '..' and no part starting with '-'",
            "^[A-Za-z0-9._](?:[A-Za-z0-9._-]|/(?![-/])){0,254}$", Format::relativePath),
    COMMAND("a shell command on one line, at most 500 characters", "^[^\\u0000-\\u001f\\u007f]{1,500}$", null),
    CONTAINER_PATH("an absolute path in the container such as /app/cache, of letters, digits and . _ - /, outside the "
            + "system directories", "^/[A-Za-z0-9._-]{1,64}(/[A-Za-z0-9._-]{1,64}){0,15}$", Format::containerPath),
    STORAGE_PATH("an absolute path in the container such as /app/media, or none", "^(none|/[A-Za-z0-9._-]{1,64}(/[A-Za-z0-9._-]{1,64}){0,15})$",
            s -> s.equals("none") ? Optional.empty() : containerPath(s)),
    DEBIAN_PACKAGE("a Debian package name such as libvips42: lowercase letters, digits and + - .",
            "^[a-z0-9][a-z0-9+.-]{1,62}$", null),
    PYTHON_MODULE("a dotted Python module such as mysite.settings.production",
            "^[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}$", null),
    PYTHON_TARGET("a dotted Python module, optionally with :attribute, such as mysite or src.main:app",
            "^[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}(:[A-Za-z_][A-Za-z0-9_]{0,63})?$", null),
    SQL_IDENTIFIER("a lowercase SQL identifier: letters, digits and '_', starting with a letter or '_'",
            "^[a-z_][a-z0-9_]{0,62}$", null),
    DB_INSTANCE_CLASS("an RDS instance class such as db.t4g.micro", "^db\\.[a-z0-9]{2,12}\\.[a-z0-9]{2,12}$", null),
    EC2_INSTANCE_TYPE("an EC2 instance type such as t4g.small", "^[a-z][a-z0-9-]{1,12}\\.[a-z0-9]{2,12}$", null),
    DURATION("a Prometheus duration such as 30s, 5m, 15d or 1h30m", "^([0-9]{1,5}(ms|s|m|h|d|w|y)){1,4}$", null),
    TIME_WINDOW("a UTC time window HH:MM-HH:MM such as 03:00-04:00",
            "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", null),
    K8S_QUANTITY("a Kubernetes storage quantity such as 10Gi", "^[1-9][0-9]{0,5}(Mi|Gi|Ti)$", null),
    GIT_REF_PATTERN("a branch or tag name or glob such as main, release/* or v*",
            "^[A-Za-z0-9_*][A-Za-z0-9._/*-]{0,99}$", s -> s.contains("..") || s.endsWith(".lock") || s.endsWith("/")
                    ? Optional.of("is not a valid git ref name") : Optional.empty()),
    GIT_BRANCH("a branch name such as main or develop (not a pattern)",
            "^[A-Za-z0-9_][A-Za-z0-9._/-]{0,99}$", s -> s.contains("..") || s.endsWith(".lock") || s.endsWith("/")
                    ? Optional.of("is not a valid git branch name") : Optional.empty()),
    ALERT_NAME("an alert name in CamelCase such as CheckoutLatencyHigh", "^[A-Z][A-Za-z0-9]{0,63}$", null),
    ENV_REFERENCE("a reference to an environment variable that holds the secret, such as ${SLACK_WEBHOOK_URL}",
            "^\\$\\{[A-Z_][A-Z0-9_]{0,127}\\}$", null),
    AVAILABILITY_ZONE("an availability zone name such as eu-west-1a", "^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$", null),
    PROMQL("a PromQL expression on one line", "^[^\\n\\r]{1,1000}$", null),
    TEXT("one line of text, at most 200 characters", "^[^\\n\\r]{1,200}$", null),
    ENV_VALUE("a value on one line, at most 1024 characters", "^[^\\n\\r]{0,1024}$", null);

    private final String description;
    private final String regex;
    private final Pattern pattern;
    private final int maxLength;
    private final Function<String, Optional<String>> extraCheck;

    Format(String description, String regex, Function<String, Optional<String>> extraCheck) {
        this(description, regex, 0, extraCheck);
    }

    /** @param maxLength a length limit beyond what the regex bounds, 0 for none; the schema states it as maxLength */
    Format(String description, String regex, int maxLength, Function<String, Optional<String>> extraCheck) {
        this.description = description;
        this.regex = regex;
        this.pattern = Pattern.compile(regex);
        this.maxLength = maxLength;
        this.extraCheck = extraCheck == null ? s -> Optional.empty() : extraCheck;
    }

    /**
     * Whether values of this format stand in for a secret (a reference such as ${SLACK_WEBHOOK_URL}): a wrong value
     * may be the secret itself, so messages about it never print it.
     */
    public boolean standsInForSecret() {
        return this == ENV_REFERENCE;
    }

    public String description() {
        return description;
    }

    public String regex() {
        return regex;
    }

    /** A limit on the length that the regex does not impose (it bounds labels, not their count), or 0 for none. */
    public int maxLength() {
        return maxLength;
    }

    /** Empty when valid, else why not. */
    public Optional<String> check(String value) {
        if (!pattern.matcher(value).matches()) {
            return Optional.of("expected " + description);
        }
        // The formats with a limit are ASCII-only, so Java's length equals JSON Schema's count of code points.
        if (maxLength > 0 && value.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters long");
        }
        return extraCheck.apply(value);
    }

    /** Directories the image's system owns: a volume over one would hide or expose the operating system. */
    private static final java.util.Set<String> SYSTEM_DIRECTORIES = java.util.Set.of("bin", "boot", "dev", "etc", "lib", "lib64",
            "proc", "run", "sbin", "sys", "usr");

    private static Optional<String> containerPath(String s) {
        String[] segments = s.substring(1).split("/");
        if (java.util.Arrays.stream(segments).anyMatch(segment -> segment.equals("..") || segment.equals("."))) {
            return Optional.of("must not contain '.' or '..' segments");
        }
        if (SYSTEM_DIRECTORIES.contains(segments[0])) {
            return Optional.of("must not be in /" + segments[0] + ", which belongs to the operating system");
        }
        return Optional.empty();
    }

    private static Optional<String> relativePath(String s) {
        for (String segment : s.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("must stay inside the project: '..' is not allowed");
            }
            if (segment.isEmpty()) {
                return Optional.of("must not contain empty segments ('//') or end with '/'");
            }
        }
        return Optional.empty();
    }
}
