package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;

/** Grafana's dashboard provider: the folder the dashboards go in (the spec's name, which has no '$' to interpolate). */
public record GrafanaProviderView(Safe header, Safe folder) {
}
