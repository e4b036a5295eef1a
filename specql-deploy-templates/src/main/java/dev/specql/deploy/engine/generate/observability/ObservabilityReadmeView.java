package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/** README.md of the observability output. */
public record ObservabilityReadmeView(Safe header, Safe name, Safe level, Safe framework, Safe library, boolean libraryPresent,
                                      Safe setup, Safe metricsPath, Safe retention, List<AlertRow> alerts, List<Safe> secrets,
                                      boolean probed, boolean routed, int tested, int untested, List<DashboardRow> dashboards,
                                      boolean awsDashboard, boolean loki, Safe logsRetention, boolean jsonLogs,
                                      Optional<Ecs> ecs) {

    /**
     * The monitoring task of the ECS patterns.
     *
     * @param environments each environment's name, its cluster (and resource prefix), its Prometheus file and dashboards
     * @param secrets      the monitoring's own secrets, which the operator sets in Secrets Manager: variable names,
     *                     [A-Z0-9_] (safe in shell and Markdown code)
     * @param grafana      whether Grafana runs there
     * @param handovers    the CloudWatch alarms that notify no one, each with the alert that pages instead
     */
    public record Ecs(Safe region, List<EcsEnvironment> environments, List<Safe> secrets, boolean grafana,
                      List<Handover> handovers) {
        public Ecs {
            environments = List.copyOf(environments);
            secrets = List.copyOf(secrets);
            handovers = List.copyOf(handovers);
        }
    }

    public record Handover(Safe alarm, Safe alert) {
    }

    /** @param dashboards the files its Grafana loads, a Markdown list */
    public record EcsEnvironment(Safe name, Safe cluster, Safe config, Safe dashboards) {
    }

    public record AlertRow(Safe name, Safe severity, Safe duration, Safe summary, Safe file, Safe tests) {
    }

    /** A dashboard: its title, file, uid and how many panels it has. */
    public record DashboardRow(Safe title, Safe file, Safe uid, int panels) {
    }
}
