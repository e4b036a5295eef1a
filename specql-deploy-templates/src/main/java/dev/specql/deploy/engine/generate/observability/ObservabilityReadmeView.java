package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/** README.md of the observability output. */
public record ObservabilityReadmeView(Safe header, Safe name, Safe level, Safe framework, Safe library, boolean libraryPresent,
                                      Safe setup, Safe metricsPath, Safe retention, List<AlertRow> alerts, List<Safe> secrets,
                                      boolean probed, boolean routed, int tested, int untested, List<DashboardRow> dashboards,
                                      boolean awsDashboard, boolean loki, Safe logsRetention, boolean jsonLogs) {

    public record AlertRow(Safe name, Safe severity, Safe duration, Safe summary, Safe file, Safe tests) {
    }

    /** A dashboard: its title, file, uid and how many panels it has. */
    public record DashboardRow(Safe title, Safe file, Safe uid, int panels) {
    }
}
