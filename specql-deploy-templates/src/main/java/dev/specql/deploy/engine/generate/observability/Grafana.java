package dev.specql.deploy.engine.generate.observability;

/**
 * Grafana's datasource uids, fixed so that the dashboards name them: the provisioning and every panel use these; and
 * the log label the collector sets and the dashboards select.
 */
final class Grafana {

    static final String PROMETHEUS_UID = "prometheus";
    static final String ALERTMANAGER_UID = "alertmanager";
    static final String LOKI_UID = "loki";
    static final String CLOUDWATCH_UID = "cloudwatch";
    /** The Loki label Alloy gives each container's lines: its Compose service, which the app's logs panel selects. */
    static final String SERVICE_LABEL = "service";
    /** The LogQL selector of the app's lines. */
    static final String APP_LOGS = "{" + SERVICE_LABEL + "=\"" + Jobs.APP + "\"}";

    private Grafana() {
    }
}
