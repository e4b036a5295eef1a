package dev.specql.deploy.engine.generate.helm;

import dev.specql.deploy.engine.escape.Safe;

/** Chart.yaml. */
public record ChartView(Safe header, Safe name, Safe description, Safe kubeVersion, Safe cloudnativePg) {
}
