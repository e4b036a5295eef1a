package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * compose.yaml of phase 4: the monitoring services merged over phase 1's compose.production.yaml (same project, same
 * networks, same .env), every value escaped for Compose.
 *
 * @param images             the pinned image of each service, by service name
 * @param databaseUri        postgres_exporter's DATA_SOURCE_URI: the database service, port and database
 * @param databasePassword   phase 1's database password, read from .env as phase 1's services read it
 * @param prometheusSecrets  the secrets Prometheus reads (the app's metrics token), by Compose secret name
 * @param alertmanagerSecrets the secrets Alertmanager reads (channel URLs and keys, the mail relay's password)
 * @param secrets            every secret above with the environment variable it comes from
 * @param probed             whether blackbox_exporter runs (the spec names a domain)
 * @param grafana            whether Grafana runs (the spec names dashboards), with its admin password's secret
 * @param loki               whether Loki and Alloy run (monitoring.logs.loki)
 * @param prometheusReadOnly whether Prometheus's root is read-only: Compose copies a secret taken from the environment
 *                           into the container, which a read-only root refuses, so a service that reads one keeps a
 *                           writable root (its data is on a volume either way); alertmanagerReadOnly likewise
 */
public record ComposeView(Safe header, Images images, Safe retention, Safe databaseUri, Safe databaseUser, Safe databasePassword,
                          List<Safe> prometheusSecrets, List<Safe> alertmanagerSecrets, List<Secret> secrets, boolean probed,
                          boolean prometheusReadOnly, boolean alertmanagerReadOnly, boolean grafana, Safe grafanaPasswordFile,
                          Safe grafanaSecret, boolean loki) {

    public ComposeView {
        prometheusSecrets = List.copyOf(prometheusSecrets);
        alertmanagerSecrets = List.copyOf(alertmanagerSecrets);
        secrets = List.copyOf(secrets);
    }

    public record Images(Safe prometheus, Safe alertmanager, Safe postgresExporter, Safe nodeExporter, Safe cadvisor, Safe blackboxExporter,
                         Safe grafana, Safe loki, Safe alloy) {
    }

    /** A Compose secret read from the environment (the project's .env); mounted at /run/secrets/{name}. */
    public record Secret(Safe name, Safe variable) {
    }
}
