package dev.specql.deploy.maven;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Effective values as one readable line each, for the console. */
final class Printable {

    private Printable() {
    }

    static String value(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Printable::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }
}
