package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.DeploymentSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract between the observability phase, which writes the rules, Alertmanager's configuration and the
 * dashboards into the chart's files/ folder, and the Helm phase, whose templates read them there for the release's
 * own Prometheus: where the files go, which dashboards there are, which secrets Alertmanager mounts, and the uid of
 * the datasource the dashboards name. Both phases read it here, so neither names the other's files.
 */
public final class ClusterMonitoring {

    /** How often every Prometheus of the stack scrapes and evaluates its rules, wherever it runs. */
    public static final String SCRAPE_INTERVAL = "15s";
    /** Alertmanager's configuration, relative to the chart's files folder; the Helm phase reads the files through it. */
    public static final String ALERTMANAGER_CONFIG = "alertmanager/alertmanager.yml";
    /** Grafana limits a datasource uid to 40 characters. */
    private static final int UID_LIMIT = 40;

    private ClusterMonitoring() {
    }

    /**
     * Whether the release monitors itself: the chart exists, the spec turns Prometheus on and the cluster runs the
     * Prometheus operator (kubernetes.monitoring.prometheus_operator), whose resources the chart's monitoring is.
     */
    public static boolean runs(DeploymentPlan plan) {
        return plan.production().hosting() instanceof ClusterHosting && plan.spec().monitoring().prometheus()
                && plan.spec().kubernetes().prometheusOperator();
    }

    /** The chart's folder of the observability phase's files, relative to the project root. */
    public static String filesDirectory(DeploymentPlan plan) {
        return plan.layout().helm(plan.spec().name() + "/files");
    }

    /**
     * The dashboards of monitoring.dashboards a cluster's Grafana gets, where kubernetes.monitoring.grafana is on: the
     * app's only. PostgreSQL's and the containers' read postgres_exporter's and cAdvisor's names, which the cluster
     * does not export to the release's Prometheus (CloudNativePG publishes its own dashboard; the cluster's monitoring
     * has the containers'), and the aws dashboard is the ECS patterns'.
     */
    public static List<String> dashboards(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        if (!runs(plan) || !spec.kubernetes().grafana()) {
            return List.of();
        }
        return spec.monitoring().dashboards().stream().filter(name -> !name.equals(MonitoringTask.AWS)).map(MonitoringTask::dashboardFile)
                .filter(MonitoringTask.APP_DASHBOARD::equals).distinct().toList();
    }

    /**
     * The uid of the release's Prometheus among the cluster Grafana's datasources, which every panel names: not the
     * Compose stack's "prometheus", which a cluster's own Prometheus datasource often has (kube-prometheus-stack's does).
     */
    public static String datasourceUid(DeploymentPlan plan) {
        String uid = plan.spec().name() + "-prometheus";
        return uid.length() <= UID_LIMIT ? uid : uid.substring(0, UID_LIMIT);
    }

    /** The variables Alertmanager reads, each to the file name it reads under /run/secrets/, as on Compose. */
    public static Map<String, String> alertmanagerSecretFiles(DeploymentPlan plan) {
        Map<String, String> files = new TreeMap<>();
        if (runs(plan)) {
            MonitoringTask.alertmanagerSecrets(plan.spec().monitoring()).forEach(variable -> files.put(variable, MonitoringTask.secretName(variable)));
        }
        return files;
    }
}
