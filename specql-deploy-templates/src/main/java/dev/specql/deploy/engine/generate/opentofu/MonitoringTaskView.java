package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Entry;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.catalog.Pins;
import java.util.List;
import java.util.Optional;

/**
 * The ECS root's call of the observability module: the monitoring task that runs the observability phase's files in
 * one environment, where the spec turns Prometheus on.
 *
 * @param newSecrets       the monitoring's own secrets (module monitoring_secrets), when it has any the app does not
 * @param configDirectory  the observability phase's folder, as an HCL expression from the root
 * @param prometheusConfig this environment's Prometheus configuration, under the prometheus folder
 * @param dashboards       the dashboard files Grafana loads, as an HCL list
 * @param probe            whether blackbox_exporter probes the public URL
 * @param smtpPort         the mail relay's port, with an e-mail channel
 * @param architecture     the task's CPU architecture, quoted
 * @param images           the task's images, keys aligned
 * @param secrets          the files under /run/secrets, keys aligned
 */
public record MonitoringTaskView(Optional<Safe> newSecrets, Safe configDirectory, Safe prometheusConfig, Safe dashboards, boolean probe,
                                 Safe retention, Optional<Integer> smtpPort, Safe architecture, int cpu, int memory, List<Entry> images,
                                 List<Secret> secrets) {

    private static final HclEscaper HCL = new HclEscaper();
    /**
     * The monitoring task's size, CPU units and MiB. A small app's Prometheus holds a few thousand series (about 200 MB
     * with its head block), Grafana about 200 MB, the rest tens of MB, and scraping a few targets every 15 s keeps a
     * quarter vCPU mostly idle: small-saas's 1 GB keeps observability's share of the budget low; production-saas
     * doubles both, for more tasks, series and dashboard users. The cost estimate prices the same.
     */
    record Size(int cpu, int memory) {
    }

    /** Graviton whatever the app's architecture: every image of the task is multi-arch, and ARM64 Fargate costs about 20% less. */
    static final CpuArchitecture ARCHITECTURE = CpuArchitecture.ARM64;
    private static final Size SMALL = new Size(256, 1024);
    private static final Size LARGE = new Size(512, 2048);
    /** The module call that creates the monitoring's own secrets. */
    static final String SECRETS_MODULE = "monitoring_secrets";

    public MonitoringTaskView {
        images = List.copyOf(images);
        secrets = List.copyOf(secrets);
    }

    /** One file under /run/secrets: its key (aligned), the variable, where ECS reads its value, its reader's user. */
    public record Secret(Safe file, Safe variable, Safe valueFrom, int owner) {
    }

    /** The module call, where the spec runs Prometheus on ECS. */
    static Optional<MonitoringTaskView> of(DeploymentPlan plan, EnvironmentPlan environment) {
        if (!MonitoringTask.runs(plan)) {
            return Optional.empty();
        }
        DeploymentSpec spec = plan.spec();
        List<String> created = MonitoringTask.newSecrets(plan);
        List<MonitoringTask.Secret> taskSecrets = MonitoringTask.secrets(plan);
        int width = taskSecrets.stream().mapToInt(s -> s.file().length()).max().orElse(0);
        List<Secret> secrets = taskSecrets.stream().map(s -> new Secret(new Safe(RootViews.pad(s.file(), width)), HCL.q(s.variable()),
                new Safe((created.contains(s.variable()) ? "module." + SECRETS_MODULE : "module.secrets") + ".arns["
                        + HCL.q(s.variable()).text() + "]"), s.owner())).toList();
        List<Entry> images = RootViews.aligned(List.of(
                new Entry(new Safe("prometheus"), HCL.q(Pins.PROMETHEUS_IMAGE)),
                new Entry(new Safe("alertmanager"), HCL.q(Pins.ALERTMANAGER_IMAGE)),
                new Entry(new Safe("grafana"), HCL.q(Pins.GRAFANA_IMAGE)),
                new Entry(new Safe("postgres_exporter"), HCL.q(Pins.POSTGRES_EXPORTER_IMAGE)),
                new Entry(new Safe("blackbox_exporter"), HCL.q(Pins.BLACKBOX_EXPORTER_IMAGE)),
                new Entry(new Safe("config"), HCL.q(Pins.AWS_CLI_IMAGE))));
        return Optional.of(new MonitoringTaskView(created.isEmpty() ? Optional.empty() : Optional.of(HCL.list(created)),
                HCL.interpolated("path.module", "/" + Layout.relative(Layout.environmentRoot(environment.name()), Layout.OBSERVABILITY)),
                HCL.q(MonitoringTask.prometheusFile(environment)), HCL.list(MonitoringTask.dashboards(spec, environment)),
                spec.platform().domain().isPresent(), HCL.q(spec.monitoring().metricsRetention()), smtpPort(spec),
                HCL.q(ARCHITECTURE.ecs()), size(plan).cpu(), size(plan).memory(), images, secrets));
    }

    static Size size(DeploymentPlan plan) {
        return plan.spec().pattern() == Pattern.PRODUCTION_SAAS ? LARGE : SMALL;
    }

    /** The port of monitoring.alerts.smtp's relay (host:port), when an e-mail channel sends through it. */
    private static Optional<Integer> smtpPort(DeploymentSpec spec) {
        if (spec.monitoring().channels().stream().noneMatch(c -> c.type().equals("email"))) {
            return Optional.empty();
        }
        return spec.monitoring().smtp().map(smtp -> Integer.parseInt(smtp.smarthost().substring(smtp.smarthost().lastIndexOf(':') + 1)));
    }
}
