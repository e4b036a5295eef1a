package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.escape.Safe;

/** The view of a template that prints only the generated-by header. */
public record HeaderView(Safe header) {
}
