package dev.specql.deploy.engine.generate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.engine.plan.Planner;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservabilityGeneratorTest {

    static DeploymentPlan plan(String yaml) throws Exception {
        return Planner.plan(SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).spec(), new Layout("generated"));
    }

    static List<String> files(DeploymentPlan plan) {
        return new ObservabilityGenerator().files(plan, path -> "").stream().map(file -> ((FileDeclaration.OneFile) file).destination())
                .toList();
    }

    static List<String> groups(DeploymentPlan plan) {
        return ObservabilityGenerator.groups(plan).stream().map(RuleGroup::file).toList();
    }

    /** An alarm that notifies no one on ECS must have its Prometheus alert among the rules the monitoring task loads. */
    @Test
    void everyAlarmPrometheusTakesOverHasItsAlertOnEcs() throws Exception {
        for (String framework : List.of("django", "rails", "fraiseql")) {
            // Django names its settings module; the others need nothing more.
            String application = framework.equals("django") ? "application: {module: a}\n" : "";
            DeploymentPlan plan = plan("""
                    deployment: {name: a, framework: %s, pattern: production-saas}
                    platform: {domain: a.example.com}
                    """.formatted(framework) + application);
            List<String> ecsAlerts = ObservabilityGenerator.groups(plan).stream()
                    .filter(group -> !List.of("containers.yml", "host.yml").contains(group.file()))
                    .flatMap(group -> group.alerts().stream()).map(Alert::name).toList();
            assertThat(MonitoringTask.handovers(plan)).as(framework).isNotEmpty()
                    .allSatisfy(handover -> assertThat(ecsAlerts).as(framework).contains(handover.alert()));
        }
        DeploymentPlan asked = plan("""
                deployment: {name: a, framework: rails, pattern: small-saas}
                platform: {domain: a.example.com}
                monitoring: {alarms: [{type: error_rate, threshold: 2, email: ops@example.com}]}
                """);
        assertThat(MonitoringTask.handovers(asked)).extracting(MonitoringTask.Handover::alarm)
                .as("an alarm the spec asks for keeps notifying").doesNotContain("alb-5xx-rate").contains("alb-no-healthy-hosts");
        assertThat(MonitoringTask.handovers(plan("""
                deployment: {name: a, framework: rails}
                platform: {domain: a.example.com}
                """))).as("the hobby server's overlay is started by hand: its alarms keep notifying").isEmpty();
    }

    @Test
    void theBasicLevelLeavesMonitoringToCloudWatch() throws Exception {
        DeploymentPlan plan = plan("""
                deployment: {name: a, framework: django}
                platform: {domain: a.example.com}
                application: {module: a}
                monitoring: {level: basic}
                """);
        assertThat(files(plan)).isEmpty();
        assertThat(new ObservabilityGenerator().notes(plan)).singleElement().asString().contains("monitoring.metrics.prometheus is off");
    }

    @Test
    void withoutADomainNothingProbesThePublicUrl() throws Exception {
        // Only the kubernetes pattern may leave platform.domain out, naming its ingress's host instead.
        DeploymentPlan plan = plan("""
                deployment: {name: a, framework: rails, pattern: kubernetes}
                kubernetes: {ingress: {domain: a.example.com}}
                monitoring: {level: standard}
                """);
        assertThat(groups(plan)).containsExactly("app.yml", "postgres.yml", "containers.yml", "host.yml");
        assertThat(files(plan)).noneMatch(file -> file.contains("blackbox")).contains("generated/observability/compose.yaml");
    }

    @Test
    void theEnterpriseLevelAddsTheSloAndTheSpecsOwnRulesComeLastUntested() throws Exception {
        DeploymentPlan plan = plan("""
                deployment: {name: a, framework: rails, pattern: small-saas}
                platform: {domain: a.example.com}
                monitoring:
                  level: enterprise
                  alerts:
                    rules:
                      - {name: QueueBacklog, condition: "sidekiq_queue_size > 100", duration: 5m, severity: warning}
                """);
        assertThat(groups(plan)).containsExactly("app.yml", "postgres.yml", "containers.yml", "host.yml", "probes.yml", "slo.yml", "custom.yml");
        assertThat(files(plan)).contains("generated/observability/blackbox/blackbox.yml", "generated/observability/prometheus/tests/slo.yml")
                .doesNotContain("generated/observability/prometheus/tests/custom.yml");
        ObservabilityGenerator.groups(plan).stream().filter(group -> !group.file().equals("custom.yml")).flatMap(group -> group.alerts().stream())
                .forEach(alert -> assertThat(alert.tests()).as(alert.name())
                        .anyMatch(test -> test.firing().isPresent()).anyMatch(test -> test.firing().isEmpty()));
    }

    @Test
    void dashboardsFollowTheSpecsListAndTheAwsOneIsEachEcsEnvironments() throws Exception {
        DeploymentPlan plan = plan("""
                deployment: {name: shop, framework: fraiseql, pattern: small-saas}
                platform: {domain: a.example.com}
                monitoring: {level: standard}
                """);
        assertThat(ObservabilityGenerator.dashboards(plan)).extracting(Dashboard::uid).containsExactly("shop-app", "shop-postgres", "shop-containers");
        assertThat(files(plan)).contains("generated/observability/grafana/dashboards/app.json",
                "generated/observability/grafana/provisioning/datasources/datasources.yaml",
                "generated/observability/grafana/ecs/dashboards/aws-staging.json", "generated/observability/grafana/ecs/dashboards/aws-production.json")
                .doesNotContain("generated/observability/grafana/dashboards/aws-production.json");
        assertThat(new ObservabilityGenerator().notes(plan)).noneMatch(note -> note.contains("aws dashboard"));

        DeploymentPlan none = plan("""
                deployment: {name: shop, framework: fraiseql}
                platform: {domain: a.example.com}
                monitoring: {level: standard, dashboards: []}
                """);
        assertThat(files(none)).noneMatch(file -> file.contains("grafana"));
    }

    @Test
    void theAppDashboardReadsTheFrameworksOwnMetricsOnTheGrid() throws Exception {
        DeploymentPlan plan = plan("""
                deployment: {name: shop, framework: django}
                platform: {domain: a.example.com}
                application: {module: shop}
                monitoring: {level: standard, dashboards: [django]}
                """);
        Dashboard app = ObservabilityGenerator.dashboards(plan).get(0);
        assertThat(app.panels()).flatExtracting(Dashboard.Panel::queries).extracting(Dashboard.Query::expr)
                .anyMatch(expr -> expr.contains("django_http_responses_total_by_status_view_method_total"))
                .anyMatch(expr -> expr.contains("topk(10, sum by (view)"));
        // Four stats fill the first row; graphs go two to a row below it, and nothing leaves the 24 columns.
        assertThat(app.layout()).first().isEqualTo(new Dashboard.Position(0, 0, 6, 4));
        assertThat(app.layout().get(4)).isEqualTo(new Dashboard.Position(0, 4, 12, 8));
        assertThat(app.layout()).allMatch(at -> at.x() + at.width() <= 24);
    }

    @Test
    void alertmanagerReadsEachChannelSecretOnceAndTheRelayPasswordOnlyForEmail() throws Exception {
        DeploymentSpecs specs = new DeploymentSpecs();
        assertThat(MonitoringTask.alertmanagerSecrets(plan(specs.channels("""
                      - {type: slack, webhook_url: "${HOOK}"}
                      - {type: webhook, webhook_url: "${HOOK}"}
                """)).spec().monitoring())).containsExactly("HOOK");
        assertThat(MonitoringTask.alertmanagerSecrets(plan(specs.channels("""
                      - {type: email, to: ops@a.example.com}
                      - {type: pagerduty, routing_key: "${PD_KEY}"}
                """)).spec().monitoring())).containsExactly("PD_KEY", "SMTP_PASSWORD");
        assertThat(ObservabilityGenerator.secretFile("PD_KEY")).isEqualTo("/run/secrets/pd_key");
    }

    /** A small-saas spec at the standard level with the given channels and a mail relay. */
    private static final class DeploymentSpecs {
        String channels(String channels) {
            return """
                    deployment: {name: a, framework: rails, pattern: small-saas}
                    platform: {domain: a.example.com}
                    monitoring:
                      level: standard
                      alerts:
                        smtp: {smarthost: "smtp.a.example.com:587", from: alerts@a.example.com, password: "${SMTP_PASSWORD}"}
                        channels:
                    """ + channels;
        }
    }
}
