package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/** README.md of the observability output. */
public record ObservabilityReadmeView(Safe header, Safe name, Safe level, Safe framework, Safe library, boolean libraryPresent,
                                      Safe setup, Safe metricsPath, Safe retention, List<AlertRow> alerts, List<Safe> secrets,
                                      boolean probed, boolean routed, int tested, int untested) {

    public record AlertRow(Safe name, Safe severity, Safe duration, Safe summary, Safe file, Safe tests) {
    }
}
