package dev.specql.deploy.engine.generate.helm;

import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.YamlEscaper;
import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.FileDeclaration.Verbatim;
import dev.specql.deploy.engine.generate.FileDeclaration.VerbatimTree;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.Sources;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.ClusterHosting;
import dev.specql.deploy.engine.plan.ClusterMonitoring;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.Worker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 5a: the Helm chart of the kubernetes pattern, in generated/helm/NAME/. The chart's templates are the same
 * files for every app (they ship verbatim: Helm's syntax is not Velocity's); what differs between apps is decided
 * here and written into values.yaml ({@link ChartValues}), which values.schema.json holds to its types.
 */
public final class HelmGenerator implements Generator {

    public static final String PHASE = "helm";
    private static final String CHART = "helm/chart";

    private static final YamlEscaper YAML = new YamlEscaper();
    private static final MarkdownEscaper MD = new MarkdownEscaper();

    @Override
    public String phase() {
        return PHASE;
    }

    /** Whether the plan runs on a Kubernetes cluster, the only pattern with a chart. */
    public static boolean charted(DeploymentPlan plan) {
        return plan.production().hosting() instanceof ClusterHosting;
    }

    /** The chart's folder, relative to the project root. */
    public static String chartDirectory(DeploymentPlan plan) {
        return plan.layout().helm(plan.spec().name());
    }

    @Override
    public List<FileDeclaration> files(DeploymentPlan plan, Sources sources) {
        if (!charted(plan)) {
            return List.of();
        }
        String chart = chartDirectory(plan);
        DeploymentSpec spec = plan.spec();
        return List.of(
                new Rendered("helm/Chart.yaml.vm", chart + "/Chart.yaml", chart(plan), FileMode.REGULAR),
                new Rendered("helm/values.yaml.vm", chart + "/values.yaml", ChartValues.of(plan), FileMode.REGULAR),
                new Verbatim(CHART + "/values.schema.json", chart + "/values.schema.json", FileMode.REGULAR),
                new Verbatim(CHART + "/.helmignore", chart + "/.helmignore", FileMode.REGULAR),
                new VerbatimTree(CHART, chart, List.of("templates")),
                new Rendered("helm/README.md.vm", chart + "/README.md", readme(plan), FileMode.REGULAR));
    }

    /** The image the chart runs is phase 1's; its monitoring reads the observability phase's files (files/). */
    @Override
    public List<String> reads(DeploymentPlan plan) {
        if (!charted(plan)) {
            return List.of();
        }
        List<String> reads = new ArrayList<>(List.of(plan.layout().dockerfile()));
        if (ClusterMonitoring.runs(plan)) {
            reads.add(ClusterMonitoring.filesDirectory(plan) + "/" + ClusterMonitoring.ALERTMANAGER_CONFIG);
        }
        return reads;
    }

    @Override
    public List<String> notes(DeploymentPlan plan) {
        if (!charted(plan)) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        String chart = chartDirectory(plan);
        List<String> keys = new ArrayList<>(ChartValues.secretKeys(plan));
        ChartValues.alertmanagerKeys(plan).stream().filter(key -> !keys.contains(key)).forEach(keys::add);
        if (!keys.isEmpty()) {
            notes.add("helm: create the Secret " + plan.spec().name() + "-secrets (keys " + String.join(", ", keys)
                    + ") in the namespace before installing: " + chart + "/README.md says how");
        }
        notes.add("helm: no database backups until database.backup.destinationPath names object storage (" + chart + "/README.md)");
        return notes;
    }

    private static ChartView chart(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        String description = spec.deployment().description().orElse(plan.app().summary() + " on Kubernetes, with PostgreSQL by CloudNativePG");
        return new ChartView(Header.lines("#", spec.specFile()), YAML.q(spec.name()), YAML.q(description),
                YAML.q(">=" + Pins.KUBERNETES_MINIMUM + ".0-0"), YAML.q(Pins.CLOUDNATIVE_PG_VERSION));
    }

    private static ReadmeView readme(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        DeploymentSpec.Kubernetes kubernetes = spec.kubernetes();
        AppPlan app = plan.app();
        // Each key once, described by its first reader: the app, then Prometheus, then Alertmanager.
        Map<String, String> described = new LinkedHashMap<>();
        app.secrets().forEach(secret -> described.putIfAbsent(secret.name(), secret.description()));
        app.metrics().bearerToken().ifPresent(token -> described.putIfAbsent(token, "The bearer token Prometheus sends to the metrics path"));
        ChartValues.alertmanagerKeys(plan).forEach(key -> described.putIfAbsent(key, "Read by the release's Alertmanager (monitoring.alerts)"));
        List<ReadmeView.Secret> all = described.entrySet().stream()
                .map(e -> new ReadmeView.Secret(MD.code(e.getKey()), MD.text(e.getValue()))).toList();
        Optional<String> uploads = app.storageDirectory();
        return new ReadmeView(Header.html(spec.specFile()), MD.text(spec.name()), MD.inFence(spec.name()), MD.text(app.summary()),
                MD.inFence(chartDirectory(plan)), MD.inFence(kubernetes.namespace()), kubernetes.cluster().map(MD::inFence),
                MD.code(ChartValues.host(spec)), Safe.constant(Pins.KUBERNETES_CHECKED), Safe.constant(Pins.KUBERNETES_MINIMUM),
                Safe.constant(Pins.CLOUDNATIVE_PG_VERSION), Safe.constant(Pins.BARMAN_CLOUD_PLUGIN_VERSION),
                Safe.constant(Pins.CERT_MANAGER_VERSION), Safe.constant(Pins.PROMETHEUS_OPERATOR_VERSION), Safe.constant(Pins.HELM_VERSION),
                MD.code(kubernetes.ingressClass()), ChartValues.tls(spec), MD.code(kubernetes.clusterIssuer()),
                MD.code(spec.name() + "-secrets"), all, app.migrateCommand().isPresent(),
                MD.code(app.migrateCommand().map(words -> String.join(" ", words)).orElse("")), app.worker().isPresent(),
                MD.text(app.worker().map(Worker::kind).orElse("")), app.broker(),
                MD.code(Pins.cloudnativePgImage(spec.database().version())), kubernetes.databaseReplicas(), MD.code(kubernetes.databaseSize()),
                MD.code(spec.database().backup().retentionDays() + "d"), ClusterMonitoring.runs(plan),
                !ClusterMonitoring.dashboards(plan).isEmpty(), app.writablePaths().stream().map(MD::code).toList(), uploads.map(MD::code));
    }

    /** A DNS-label name for a path's volume: "/app/tmp" gives "app-tmp". */
    static String volumeName(String path, List<String> taken) {
        String base = path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        base = base.isEmpty() ? "root" : base.substring(0, Math.min(base.length(), 50)).replaceAll("-+$", "");
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
