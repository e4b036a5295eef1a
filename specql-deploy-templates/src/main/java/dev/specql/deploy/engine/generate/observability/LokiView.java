package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;

/** loki.yaml: one Loki process on a volume, with the spec's retention (monitoring.logs.retention). */
public record LokiView(Safe header, Safe retention) {
}
