package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.AlloyEscaper;
import dev.specql.deploy.engine.escape.GoTemplateEscaper;
import dev.specql.deploy.engine.escape.JsonEscaper;
import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.YamlEscaper;
import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.FileDeclaration.Verbatim;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.Sources;
import dev.specql.deploy.engine.generate.observability.Alert.RuleTest;
import dev.specql.deploy.engine.plan.ClusterMonitoring;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.MonitoringLevel;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.AppMetrics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Phase 4: observability. Where the spec turns Prometheus on (monitoring.metrics.prometheus, on from the standard
 * level), writes generated/observability/: Prometheus's configuration for the Compose stack, the alert rules of the
 * app, PostgreSQL, containers, host and probes (plus the SLO rules at the enterprise level and the spec's own), a
 * promtool unit test for every built-in alert, Alertmanager's routes to the spec's channels with a notification
 * template, and a README. The rules and routes are the same files wherever the stack runs.
 */
public final class ObservabilityGenerator implements Generator {

    public static final String PHASE = "observability";
    /** Where the stack reads secrets from: files, never the configuration (Compose mounts them here). */
    static final String SECRETS = "/run/secrets/";
    /** Phase 1's database password variable, which postgres_exporter reads too. */
    private static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";
    /** Rules of what only the Compose stack scrapes (cAdvisor, node_exporter): Fargate runs neither. */
    private static final Set<String> COMPOSE_ONLY_RULES = Set.of(InfraAlerts.CONTAINERS_FILE, InfraAlerts.HOST_FILE);

    private static final YamlEscaper YAML = new YamlEscaper();
    private static final MarkdownEscaper MD = new MarkdownEscaper();
    private static final GoTemplateEscaper GO = new GoTemplateEscaper();
    private static final JsonEscaper JSON = new JsonEscaper();
    private static final AlloyEscaper ALLOY = new AlloyEscaper();

    @Override
    public String phase() {
        return PHASE;
    }

    @Override
    public List<FileDeclaration> files(DeploymentPlan plan, Sources sources) {
        if (!plan.spec().monitoring().prometheus()) {
            return List.of();
        }
        List<RuleGroup> groups = groups(plan);
        List<FileDeclaration> files = new ArrayList<>();
        files.add(new Rendered("observability/prometheus.yml.vm", plan.layout().observability("prometheus/prometheus.yml"), prometheus(plan),
                FileMode.REGULAR));
        for (RuleGroup group : groups) {
            files.add(new Rendered("observability/rules.yml.vm", plan.layout().observability("prometheus/rules/" + group.file()),
                    rules(plan, group), FileMode.REGULAR));
            if (group.tested()) {
                files.add(new Rendered("observability/rules-test.yml.vm", plan.layout().observability("prometheus/tests/" + group.file()),
                        tests(plan, group), FileMode.REGULAR));
            }
        }
        files.add(new Rendered("observability/alertmanager.yml.vm", plan.layout().observability("alertmanager/alertmanager.yml"),
                alertmanager(plan), FileMode.REGULAR));
        files.add(new Verbatim("observability/notification.tmpl", plan.layout().observability("alertmanager/templates/notification.tmpl"),
                FileMode.REGULAR));
        if (plan.spec().monitoring().loki()) {
            files.add(new Rendered("observability/loki/loki.yaml.vm", plan.layout().observability("loki/loki.yaml"),
                    new LokiView(Header.lines("#", plan.spec().specFile()), YAML.q(plan.spec().monitoring().logsRetention())), FileMode.REGULAR));
            files.add(new Rendered("observability/alloy/config.alloy.vm", plan.layout().observability("alloy/config.alloy"), alloy(plan),
                    FileMode.REGULAR));
        }
        List<Dashboard> dashboards = dashboards(plan);
        if (!dashboards.isEmpty()) {
            files.add(new Rendered("observability/grafana/datasources.yaml.vm",
                    plan.layout().observability("grafana/provisioning/datasources/datasources.yaml"), datasources(plan), FileMode.REGULAR));
            files.add(new Rendered("observability/grafana/dashboards.yaml.vm",
                    plan.layout().observability("grafana/provisioning/dashboards/dashboards.yaml"),
                    new GrafanaProviderView(Header.lines("#", plan.spec().specFile()), YAML.q(plan.spec().name())), FileMode.REGULAR));
            for (Dashboard dashboard : dashboards) {
                files.add(new Rendered("observability/grafana/dashboard.json.vm", plan.layout().observability("grafana/dashboards/" + dashboard.file()),
                        dashboard(plan, dashboard), FileMode.REGULAR));
            }
        }
        if (MonitoringTask.runs(plan)) {
            files.addAll(ecsFiles(plan, groups));
        }
        if (ClusterMonitoring.runs(plan)) {
            files.addAll(clusterFiles(plan, ClusterMonitoring.filesDirectory(plan)));
        }
        files.add(new Rendered("observability/compose.yaml.vm", plan.layout().observability("compose.yaml"), compose(plan), FileMode.REGULAR));
        if (plan.spec().platform().domain().isPresent()) {
            files.add(new Verbatim("observability/blackbox.yml", plan.layout().observability("blackbox/blackbox.yml"), FileMode.REGULAR));
        }
        files.add(new Rendered("observability/README.md.vm", plan.layout().observability("README.md"), readme(plan, groups), FileMode.REGULAR));
        return files;
    }

    @Override
    public List<String> notes(DeploymentPlan plan) {
        DeploymentSpec.Monitoring monitoring = plan.spec().monitoring();
        if (!monitoring.prometheus()) {
            return List.of("observability: nothing generated: monitoring.metrics.prometheus is off (monitoring.level "
                    + monitoring.level().id() + "); the CloudWatch alarms of the opentofu phase are the monitoring");
        }
        List<String> notes = new ArrayList<>();
        AppMetrics metrics = plan.app().metrics();
        if (!metrics.present()) {
            notes.add("observability: the app's dependencies do not show " + metrics.library() + ", which the app alerts read: "
                    + plan.layout().observability("README.md") + " says how to add it");
        }
        if (!monitoring.rules().isEmpty()) {
            notes.add("observability: the " + monitoring.rules().size() + " rule(s) of monitoring.alerts.rules are written as given, "
                    + "without a generated unit test; check them with promtool (README)");
        }
        return notes;
    }

    /**
     * What a Kubernetes cluster runs of this phase, under dir (the Helm chart's files/): the rules of the app, of
     * PostgreSQL as CloudNativePG exports it, the SLO's and the spec's, each built-in group with its promtool tests;
     * Alertmanager's configuration and template, the same bytes as the Compose stack's (the chart mounts the secrets
     * at the same paths); and the dashboards of {@link ClusterMonitoring#dashboards}. Containers, host and probe rules are not
     * among them: the cluster's own monitoring watches its nodes and containers, and no blackbox exporter runs there.
     */
    private static List<FileDeclaration> clusterFiles(DeploymentPlan plan, String dir) {
        List<FileDeclaration> files = new ArrayList<>();
        for (RuleGroup group : clusterGroups(plan)) {
            files.add(new Rendered("observability/rules.yml.vm", dir + "/prometheus/rules/" + group.file(), rules(plan, group), FileMode.REGULAR));
            if (group.tested()) {
                files.add(new Rendered("observability/rules-test.yml.vm", dir + "/prometheus/tests/" + group.file(), tests(plan, group),
                        FileMode.REGULAR));
            }
        }
        files.add(new Rendered("observability/alertmanager.yml.vm", dir + "/alertmanager/alertmanager.yml", alertmanager(plan), FileMode.REGULAR));
        files.add(new Verbatim("observability/notification.tmpl", dir + "/alertmanager/templates/notification.tmpl", FileMode.REGULAR));
        for (Dashboard dashboard : clusterDashboards(plan)) {
            files.add(new Rendered("observability/grafana/dashboard.json.vm", dir + "/grafana/dashboards/" + dashboard.file(),
                    dashboard(plan, dashboard, uid -> uid.equals(Grafana.PROMETHEUS_UID) ? ClusterMonitoring.datasourceUid(plan) : uid), FileMode.REGULAR));
        }
        return files;
    }

    /** The dashboards of ClusterMonitoring.dashboards, without the logs panel (no Loki runs on the cluster). */
    private static List<Dashboard> clusterDashboards(DeploymentPlan plan) {
        List<String> wanted = ClusterMonitoring.dashboards(plan);
        return dashboards(plan, false).stream().filter(d -> wanted.contains(d.file())).toList();
    }

    /**
     * The rules files a cluster's Prometheus evaluates: the app's, PostgreSQL's as CloudNativePG exports it, the SLO's
     * and the spec's; not the containers', the host's or the public probe's, whose exporters the release does not run.
     */
    static List<RuleGroup> clusterGroups(DeploymentPlan plan) {
        return groups(plan, InfraAlerts.cloudnativePg(), false);
    }

    /** The dashboards of monitoring.dashboards the Compose stack loads, in the spec's order (aws is each ECS environment's: ecsFiles). */
    static List<Dashboard> dashboards(DeploymentPlan plan) {
        return dashboards(plan, plan.spec().monitoring().loki());
    }

    /** The same, with the app's logs panel where Loki holds them (on ECS they are in CloudWatch Logs, without Loki). */
    private static List<Dashboard> dashboards(DeploymentPlan plan, boolean loki) {
        DeploymentSpec spec = plan.spec();
        List<Dashboard> dashboards = new ArrayList<>();
        for (String name : spec.monitoring().dashboards()) {
            switch (name) {
                case "postgres" -> dashboards.add(Dashboards.postgres(spec.name()));
                case "containers" -> dashboards.add(Dashboards.containers(spec.name()));
                case MonitoringTask.AWS -> {
                    // Each ECS environment's own, with its resources' names: ecsFiles.
                }
                default -> dashboards.add(Dashboards.app(spec.name(), plan.app().displayName(), plan.app().label(), plan.app().metrics(),
                        loki));
            }
        }
        return dashboards;
    }

    /** The rules files, in the order Prometheus and the README list them. */
    static List<RuleGroup> groups(DeploymentPlan plan) {
        return groups(plan, InfraAlerts.postgres(), true);
    }

    /** The rules files around the given PostgreSQL group; with exporters, those of cAdvisor, node_exporter and blackbox's. */
    private static List<RuleGroup> groups(DeploymentPlan plan, RuleGroup postgres, boolean exporters) {
        DeploymentSpec spec = plan.spec();
        AppMetrics metrics = plan.app().metrics();
        List<RuleGroup> groups = new ArrayList<>(List.of(AppAlerts.app(metrics, plan.app().port()), postgres));
        if (exporters) {
            groups.add(InfraAlerts.containers());
            groups.add(InfraAlerts.host());
            if (spec.platform().domain().isPresent()) {
                groups.add(InfraAlerts.probes());
            }
        }
        if (spec.monitoring().level() == MonitoringLevel.ENTERPRISE) {
            groups.add(AppAlerts.slo(metrics, spec.name()));
        }
        if (!spec.monitoring().rules().isEmpty()) {
            groups.add(AppAlerts.custom(spec.monitoring().rules()));
        }
        return groups;
    }

    /**
     * What the monitoring task on ECS reads beside the rules and Alertmanager's files: each environment's Prometheus
     * configuration (ECS service discovery instead of Compose's names) and, with dashboards, Grafana's datasources
     * and the dashboards of MonitoringTask.dashboards, without the logs panel (Loki does not run there).
     */
    private static List<FileDeclaration> ecsFiles(DeploymentPlan plan, List<RuleGroup> groups) {
        List<FileDeclaration> files = new ArrayList<>();
        for (EnvironmentPlan environment : plan.environments()) {
            files.add(new Rendered("observability/prometheus-ecs.yml.vm", plan.layout().observability(MonitoringTask.prometheusConfig(environment)),
                    ecsPrometheus(plan, environment, groups), FileMode.REGULAR));
        }
        if (!MonitoringTask.grafana(plan.spec())) {
            return files;
        }
        files.add(new Rendered("observability/grafana/datasources.yaml.vm", plan.layout().observability(MonitoringTask.ECS_DATASOURCES),
                ecsDatasources(plan), FileMode.REGULAR));
        Map<String, Dashboard> dashboards = new TreeMap<>();
        dashboards(plan, false).forEach(dashboard -> dashboards.put(dashboard.file(), dashboard));
        for (EnvironmentPlan environment : plan.environments()) {
            if (plan.spec().monitoring().dashboards().contains(MonitoringTask.AWS)) {
                String file = MonitoringTask.awsDashboard(environment);
                dashboards.put(file, Dashboards.aws(plan.spec().name(), environment.name(), MonitoringTask.awsResources(plan, environment), file));
            }
        }
        for (EnvironmentPlan environment : plan.environments()) {
            List<String> wanted = MonitoringTask.dashboards(plan.spec(), environment);
            if (!dashboards.keySet().containsAll(wanted)) {
                throw new IllegalStateException("the ECS dashboards " + wanted + " are not all among " + dashboards.keySet());
            }
        }
        dashboards.values().stream().filter(d -> !d.file().equals(MonitoringTask.CONTAINERS_DASHBOARD))
                .forEach(dashboard -> files.add(new Rendered("observability/grafana/dashboard.json.vm",
                        plan.layout().observability(MonitoringTask.ECS_DASHBOARDS + dashboard.file()), dashboard(plan, dashboard), FileMode.REGULAR)));
        return files;
    }

    private static EcsPrometheusView ecsPrometheus(DeploymentPlan plan, EnvironmentPlan environment, List<RuleGroup> groups) {
        DeploymentSpec spec = plan.spec();
        MonitoringTask.AwsResources resources = MonitoringTask.awsResources(plan, environment);
        List<Safe> ruleFiles = groups.stream().map(RuleGroup::file).filter(file -> !COMPOSE_ONLY_RULES.contains(file))
                .map(file -> YAML.q("../rules/" + file)).toList();
        return new EcsPrometheusView(Header.lines("#", spec.specFile()), new Safe(environment.name()), new Safe(PrometheusView.SCRAPE_INTERVAL),
                YAML.q(spec.name()), YAML.q(environment.name()), ruleFiles, YAML.q(spec.application().metricsPath()),
                plan.app().metrics().bearerToken().map(variable -> YAML.q(secretFile(variable))), YAML.q(spec.platform().region()),
                YAML.q(resources.cluster()), YAML.q(resources.service()), plan.app().port(),
                spec.platform().domain().map(domain -> YAML.q("https://" + environment.domain() + spec.application().healthPath())));
    }

    private static DatasourcesView ecsDatasources(DeploymentPlan plan) {
        return new DatasourcesView(Header.lines("#", plan.spec().specFile()), new Safe("of the monitoring task on ECS"),
                YAML.q(Grafana.PROMETHEUS_UID), YAML.q("http://127.0.0.1:9090"), YAML.q(Grafana.ALERTMANAGER_UID),
                YAML.q("http://127.0.0.1:9093"), YAML.q(PrometheusView.SCRAPE_INTERVAL), YAML.q(Pins.PROMETHEUS_VERSION), false,
                YAML.q(Grafana.LOKI_UID),
                Optional.of(new DatasourcesView.CloudWatch(YAML.q(Grafana.CLOUDWATCH_UID), YAML.q(plan.spec().platform().region()))));
    }

    private static PrometheusView prometheus(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        Optional<Safe> token = plan.app().metrics().bearerToken().map(variable -> YAML.q(secretFile(variable)));
        return new PrometheusView(Header.lines("#", spec.specFile()), new Safe(PrometheusView.SCRAPE_INTERVAL), YAML.q(spec.name()), YAML.q("app:" + plan.app().port()),
                YAML.q(spec.application().metricsPath()), token,
                spec.platform().domain().map(domain -> YAML.q("https://" + domain + spec.application().healthPath())));
    }

    /** The file a secret held in an environment variable is mounted at: /run/secrets/ and its Compose secret's name. */
    static String secretFile(String variable) {
        return SECRETS + secretName(variable);
    }

    /** The Compose secret of an environment variable (the task on ECS mounts the same file names). */
    static String secretName(String variable) {
        return MonitoringTask.secretName(variable);
    }

    private static ComposeView compose(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        ComposeView.Images images = new ComposeView.Images(YAML.composeQ(Pins.PROMETHEUS_IMAGE), YAML.composeQ(Pins.ALERTMANAGER_IMAGE),
                YAML.composeQ(Pins.POSTGRES_EXPORTER_IMAGE), YAML.composeQ(Pins.NODE_EXPORTER_IMAGE), YAML.composeQ(Pins.CADVISOR_IMAGE),
                YAML.composeQ(Pins.BLACKBOX_EXPORTER_IMAGE), YAML.composeQ(Pins.GRAFANA_IMAGE),
                YAML.composeQ(Pins.LOKI_IMAGE), YAML.composeQ(Pins.ALLOY_IMAGE));
        boolean grafana = !dashboards(plan).isEmpty();
        List<String> prometheusVariables = plan.app().metrics().bearerToken().stream().toList();
        List<String> alertmanagerVariables = MonitoringTask.alertmanagerSecrets(spec.monitoring());
        Map<String, String> all = new TreeMap<>();
        List<String> grafanaVariables = grafana ? List.of(MonitoringTask.GRAFANA_PASSWORD) : List.of();
        for (String variable : Stream.of(prometheusVariables, alertmanagerVariables, grafanaVariables).flatMap(List::stream).toList()) {
            all.put(secretName(variable), variable);
        }
        List<ComposeView.Secret> secrets = all.entrySet().stream()
                .map(e -> new ComposeView.Secret(new Safe(e.getKey()), YAML.composeQ(e.getValue()))).toList();
        return new ComposeView(Header.lines("#", spec.specFile()), images,
                YAML.composeQ("--storage.tsdb.retention.time=" + spec.monitoring().metricsRetention()),
                YAML.composeQ("db:5432/" + spec.database().name() + "?sslmode=disable"), YAML.composeQ(spec.database().user()),
                YAML.q(YamlEscaper.required(POSTGRES_PASSWORD)),
                prometheusVariables.stream().map(v -> new Safe(secretName(v))).toList(),
                alertmanagerVariables.stream().map(v -> new Safe(secretName(v))).toList(), secrets, spec.platform().domain().isPresent(),
                prometheusVariables.isEmpty(), alertmanagerVariables.isEmpty(), grafana, YAML.composeQ(secretFile(MonitoringTask.GRAFANA_PASSWORD)),
                new Safe(secretName(MonitoringTask.GRAFANA_PASSWORD)), spec.monitoring().loki());
    }

    private static RulesView rules(DeploymentPlan plan, RuleGroup group) {
        boolean custom = group.file().equals("custom.yml");
        List<RulesView.Recording> recordings = group.recordings().stream()
                .map(r -> new RulesView.Recording(YAML.q(r.record()), YAML.q(r.expr()))).toList();
        List<RulesView.AlertView> alerts = group.alerts().stream().map(alert -> new RulesView.AlertView(YAML.q(alert.name()),
                YAML.q(alert.expr()), alert.duration().isEmpty() ? Optional.empty() : Optional.of(YAML.q(alert.duration())),
                YAML.q(alert.severity()), YAML.q(custom ? GO.literal(alert.summary()) : alert.summary()),
                YAML.q(custom ? GO.literal(alert.description()) : alert.description()))).toList();
        String comment = custom ? "The spec's own rules (monitoring.alerts.rules), as written there; they have no generated test."
                : "Every alert here has unit tests in ../tests/" + group.file() + " (promtool test rules).";
        return new RulesView(Header.lines("#", plan.spec().specFile()), YAML.comment(comment), YAML.q(group.name()), recordings, alerts);
    }

    private static RulesTestView tests(DeploymentPlan plan, RuleGroup group) {
        List<Safe> files = new ArrayList<>();
        group.needs().forEach(file -> files.add(YAML.q("../rules/" + file)));
        files.add(YAML.q("../rules/" + group.file()));
        List<RulesTestView.Case> cases = new ArrayList<>();
        for (Alert alert : group.alerts()) {
            for (RuleTest test : alert.tests()) {
                List<RulesTestView.Series> series = test.input().stream()
                        .map(s -> new RulesTestView.Series(YAML.q(s.series()), YAML.q(s.values()))).toList();
                Optional<RulesTestView.Expected> expected = test.firing().map(labels -> {
                    Map<String, String> all = new TreeMap<>(labels);
                    all.putAll(alert.labels());
                    return new RulesTestView.Expected(pairs(all), pairs(new TreeMap<>(Map.of(
                            "summary", Alert.expand(alert.summary(), all), "description", Alert.expand(alert.description(), all)))));
                });
                cases.add(new RulesTestView.Case(YAML.q(alert.name() + (test.firing().isPresent() ? " fires: " : " stays silent: ") + test.title()),
                        series, YAML.q(test.evalTime()), YAML.q(alert.name()), expected));
            }
        }
        return new RulesTestView(Header.lines("#", plan.spec().specFile()), files, cases);
    }

    private static List<RulesTestView.Pair> pairs(Map<String, String> values) {
        return values.entrySet().stream().map(e -> new RulesTestView.Pair(YAML.q(e.getKey()), YAML.q(e.getValue()))).toList();
    }

    private static AlertmanagerView alertmanager(DeploymentPlan plan) {
        DeploymentSpec.Monitoring monitoring = plan.spec().monitoring();
        Optional<AlertmanagerView.Smtp> smtp = monitoring.smtp().filter(s -> monitoring.channels().stream().anyMatch(c -> c.type().equals("email")))
                .map(s -> new AlertmanagerView.Smtp(YAML.q(s.smarthost()), YAML.q(s.from()), s.username().map(YAML::q),
                        s.passwordVariable().map(v -> YAML.q(secretFile(v)))));
        return new AlertmanagerView(Header.lines("#", plan.spec().specFile()), smtp, !monitoring.channels().isEmpty(),
                receiver("critical", monitoring.channels()), receiver("warning", Channels.notPaging(monitoring.channels())));
    }

    private static AlertmanagerView.Receiver receiver(String name, List<DeploymentSpec.Channel> channels) {
        List<Safe> emails = new ArrayList<>();
        List<Safe> slack = new ArrayList<>();
        List<Safe> webhooks = new ArrayList<>();
        List<Safe> pagerduty = new ArrayList<>();
        for (DeploymentSpec.Channel channel : channels) {
            switch (channel.type()) {
                case "email" -> emails.add(YAML.q(channel.to().orElseThrow()));
                case "slack" -> slack.add(YAML.q(secretFile(channel.secretVariable().orElseThrow())));
                case "webhook" -> webhooks.add(YAML.q(secretFile(channel.secretVariable().orElseThrow())));
                case "pagerduty" -> pagerduty.add(YAML.q(secretFile(channel.secretVariable().orElseThrow())));
                default -> throw new IllegalStateException("no receiver for channel type " + channel.type());
            }
        }
        return new AlertmanagerView.Receiver(YAML.q(name), emails, slack, webhooks, pagerduty);
    }

    private static DatasourcesView datasources(DeploymentPlan plan) {
        return new DatasourcesView(Header.lines("#", plan.spec().specFile()), new Safe("of the Compose stack"), YAML.q(Grafana.PROMETHEUS_UID),
                YAML.q("http://prometheus:9090"), YAML.q(Grafana.ALERTMANAGER_UID), YAML.q("http://alertmanager:9093"),
                YAML.q(PrometheusView.SCRAPE_INTERVAL), YAML.q(Pins.PROMETHEUS_VERSION),
                plan.spec().monitoring().loki(), YAML.q(Grafana.LOKI_UID), Optional.empty());
    }

    private static AlloyView alloy(DeploymentPlan plan) {
        return new AlloyView(Header.lines("//", plan.spec().specFile()), ALLOY.q(plan.spec().name()),
                ALLOY.q(Grafana.APP_LOGS), plan.app().jsonLogLevelKey().map(ALLOY::q));
    }

    private static DashboardView dashboard(DeploymentPlan plan, Dashboard dashboard) {
        return dashboard(plan, dashboard, UnaryOperator.identity());
    }

    /** A dashboard whose panels name their datasource by the uid the given function maps Grafana's fixed one to. */
    private static DashboardView dashboard(DeploymentPlan plan, Dashboard dashboard, UnaryOperator<String> datasourceUid) {
        List<DashboardView.PanelView> panels = new ArrayList<>();
        List<Dashboard.Position> positions = dashboard.layout();
        for (int i = 0; i < dashboard.panels().size(); i++) {
            Dashboard.Panel panel = dashboard.panels().get(i);
            Dashboard.Position at = positions.get(i);
            List<DashboardView.TargetView> targets = new ArrayList<>();
            for (int q = 0; q < panel.queries().size(); q++) {
                Dashboard.Query query = panel.queries().get(q);
                targets.add(new DashboardView.TargetView(refId(q), JSON.q(query.expr()), JSON.q(query.legend()), Optional.empty()));
            }
            for (int q = 0; q < panel.metrics().size(); q++) {
                Dashboard.Metric metric = panel.metrics().get(q);
                targets.add(new DashboardView.TargetView(refId(q), JSON.q(""), JSON.q(""), Optional.of(new DashboardView.CloudWatchView(
                        JSON.q(metric.namespace()), JSON.q(metric.name()), dimensions(metric.dimensions()), JSON.q(metric.statistic()),
                        JSON.q(metric.label())))));
            }
            panels.add(new DashboardView.PanelView(i + 1, JSON.q(panel.type().id), panel.type() == Dashboard.Type.STAT,
                    panel.type() == Dashboard.Type.LOGS, JSON.q(panel.source().type), JSON.q(datasourceUid.apply(panel.source().uid)), JSON.q(panel.title()),
                    JSON.q(panel.description()), JSON.q(panel.unit()), at.x(), at.y(), at.width(), at.height(),
                    panel.threshold().map(t -> new Safe(new BigDecimal(t).toPlainString())), targets));
        }
        return new DashboardView(JSON.q(dashboard.uid()), JSON.q(dashboard.title()),
                JSON.q(dashboard.description() + " Generated by specql-deploy from " + plan.spec().specFile() + ": change the spec and regenerate."),
                dashboard.tags().stream().map(JSON::q).toList(), panels, dashboard.variables().stream()
                .map(v -> new DashboardView.VariableView(JSON.q(v.name()), JSON.q(v.namespace()), JSON.q(v.metric()), JSON.q(v.dimension()),
                        dimensions(v.filters()), JSON.q(v.regex()))).toList());
    }

    private static Safe refId(int query) {
        return JSON.q(String.valueOf((char) ('A' + query)));
    }

    /** {"Name": "value", ...} in the given order. */
    private static Safe dimensions(List<Dashboard.Dimension> dimensions) {
        return new Safe("{" + dimensions.stream().map(d -> JSON.q(d.name()).text() + ": " + JSON.q(d.value()).text())
                .collect(Collectors.joining(", ")) + "}");
    }

    /** A README line naming a secret's variable, the file it is mounted at, and who reads it. */
    private static Safe secretLine(String variable, String purpose) {
        return new Safe(MD.code(variable).text() + " at " + MD.code(secretFile(variable)).text() + ", " + purpose);
    }

    private static Optional<ObservabilityReadmeView.Ecs> ecsReadme(DeploymentPlan plan) {
        if (!MonitoringTask.runs(plan)) {
            return Optional.empty();
        }
        return Optional.of(new ObservabilityReadmeView.Ecs(MD.code(plan.spec().platform().region()),
                plan.environments().stream().map(e -> new ObservabilityReadmeView.EcsEnvironment(MD.text(e.name()), MD.code(e.prefix()),
                        MD.code(MonitoringTask.prometheusConfig(e)), new Safe(MonitoringTask.dashboards(plan.spec(), e).stream()
                        .map(file -> MD.code(file).text()).collect(Collectors.joining(", "))))).toList(),
                MonitoringTask.newSecrets(plan).stream().map(Safe::new).toList(),
                MonitoringTask.grafana(plan.spec()),
                MonitoringTask.handovers(plan).stream()
                        .map(h -> new ObservabilityReadmeView.Handover(MD.code(h.alarm()), MD.code(h.alert()))).toList()));
    }

    private static ObservabilityReadmeView readme(DeploymentPlan plan, List<RuleGroup> groups) {
        DeploymentSpec spec = plan.spec();
        AppMetrics metrics = plan.app().metrics();
        List<ObservabilityReadmeView.AlertRow> rows = new ArrayList<>();
        int tested = 0;
        int untested = 0;
        for (RuleGroup group : groups) {
            for (Alert alert : group.alerts()) {
                long fires = alert.tests().stream().filter(t -> t.firing().isPresent()).count();
                long silent = alert.tests().size() - fires;
                if (alert.tests().isEmpty()) {
                    untested++;
                } else {
                    tested++;
                }
                rows.add(new ObservabilityReadmeView.AlertRow(MD.code(alert.name()), MD.text(alert.severity()),
                        MD.text(alert.duration().isEmpty() ? "at once" : alert.duration()),
                        MD.text(Alert.placeholders(alert.summary())), MD.code(group.file()),
                        MD.text(alert.tests().isEmpty() ? "none" : fires + " firing, " + silent + " silent")));
            }
        }
        List<Safe> secrets = new ArrayList<>();
        metrics.bearerToken().ifPresent(v -> secrets.add(new Safe(MD.code(v).text() + " at " + MD.code(secretFile(v)).text()
                + ", read by Prometheus to scrape the app")));
        spec.monitoring().channels().stream().flatMap(c -> c.secretVariable().stream()).distinct()
                .forEach(v -> secrets.add(secretLine(v, "read by Alertmanager")));
        spec.monitoring().smtp().flatMap(DeploymentSpec.Smtp::passwordVariable)
                .ifPresent(v -> secrets.add(secretLine(v, "the mail relay's password")));
        if (!dashboards(plan).isEmpty()) {
            secrets.add(secretLine(MonitoringTask.GRAFANA_PASSWORD, "Grafana's admin password"));
        }
        return new ObservabilityReadmeView(Header.html(spec.specFile()), MD.text(spec.name()), MD.text(spec.monitoring().level().id()),
                MD.text(plan.app().summary()), MD.text(metrics.library()), metrics.present(), MD.snippet(metrics.setup()),
                MD.code(spec.application().metricsPath()), MD.code(spec.monitoring().metricsRetention()), rows, secrets,
                spec.platform().domain().isPresent(), !spec.monitoring().channels().isEmpty(), tested, untested,
                dashboards(plan).stream().map(d -> new ObservabilityReadmeView.DashboardRow(MD.text(d.title()),
                        MD.code("grafana/dashboards/" + d.file()), MD.code(d.uid()), d.panels().size())).toList(),
                spec.monitoring().dashboards().contains(MonitoringTask.AWS), spec.monitoring().loki(), MD.code(spec.monitoring().logsRetention()),
                plan.app().jsonLogLevelKey().isPresent(), ecsReadme(plan));
    }
}
