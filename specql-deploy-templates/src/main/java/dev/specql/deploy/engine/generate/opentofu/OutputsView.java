package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/** The view of an environment root's outputs.tf. @param secrets whether the app has secrets of its own (module secrets) */
public record OutputsView(Safe header, boolean secrets) {
}
