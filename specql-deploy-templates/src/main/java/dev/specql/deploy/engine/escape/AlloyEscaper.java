package dev.specql.deploy.engine.escape;

import dev.specql.deploy.model.text.Json;

/**
 * Grafana Alloy configuration strings. Alloy's syntax reads Go's string escapes, of which JSON's are a subset: the
 * project's JSON quoting is a valid Alloy string literal.
 */
public final class AlloyEscaper {

    public Safe q(Object value) {
        return new Safe(Json.quote(Escapers.text(value)));
    }
}
