package dev.specql.deploy.engine.escape;

import dev.specql.deploy.model.text.Json;

/** JSON string literals; the project's one JSON escaper lives in the model module and is reused here. */
public final class JsonEscaper {

    public Safe q(Object value) {
        return new Safe(Json.quote(Escapers.text(value)));
    }
}
