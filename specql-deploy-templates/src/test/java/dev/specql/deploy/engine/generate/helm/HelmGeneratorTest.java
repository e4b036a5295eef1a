package dev.specql.deploy.engine.generate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.DeployEngine;
import dev.specql.deploy.engine.EngineRequest;
import dev.specql.deploy.engine.Phase;
import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.Planner;
import dev.specql.deploy.engine.write.WriteOptions;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class HelmGeneratorTest {

    private static final Path CHART_SOURCE = Path.of("src/main/resources/specql-deploy/templates/helm/chart");

    static DeploymentPlan plan(String yaml) throws Exception {
        return Planner.plan(SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).spec(), new Layout("generated"));
    }

    @Test
    void onlyTheKubernetesPatternHasAChart() throws Exception {
        DeploymentPlan ecs = plan("""
                deployment: {name: a, framework: rails, pattern: small-saas}
                platform: {domain: a.example.com}
                """);
        assertThat(new HelmGenerator().files(ecs, path -> "")).isEmpty();
        assertThat(new HelmGenerator().notes(ecs)).isEmpty();
        DeploymentPlan cluster = plan("""
                deployment: {name: shop, framework: rails, pattern: kubernetes}
                platform: {domain: a.example.com}
                """);
        assertThat(new HelmGenerator().files(cluster, path -> "")).filteredOn(FileDeclaration.OneFile.class::isInstance)
                .extracting(file -> ((FileDeclaration.OneFile) file).destination())
                .containsExactly("generated/helm/shop/Chart.yaml", "generated/helm/shop/values.yaml", "generated/helm/shop/values.schema.json",
                        "generated/helm/shop/.helmignore", "generated/helm/shop/README.md");
        assertThat(new HelmGenerator().reads(cluster)).containsExactly("generated/deployment/Dockerfile",
                "generated/helm/shop/files/alertmanager/alertmanager.yml");
        assertThat(new HelmGenerator().notes(cluster)).anySatisfy(note -> assertThat(note).contains("shop-secrets", "SECRET_KEY_BASE"));
    }

    /** The index is how the chart's templates are found on the classpath: it must name every one of them. */
    @Test
    void theIndexListsEveryTemplateOfTheChart() throws Exception {
        List<String> listed = Files.readAllLines(CHART_SOURCE.resolve("index.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        try (Stream<Path> walk = Files.walk(CHART_SOURCE.resolve("templates"))) {
            List<String> present = walk.filter(Files::isRegularFile).map(path -> CHART_SOURCE.relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
        }
    }

    /**
     * The goal helm alone brings the observability phase's files the chart's monitoring reads: the rules (PostgreSQL's
     * as CloudNativePG exports them) with their tests, Alertmanager's configuration, whose secrets the values mount
     * from the app's Secret, and the app's dashboard naming the release's datasource; none where Grafana is off.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theHelmGoalAloneWritesTheMonitoringTheChartReads(@TempDir Path workspace) throws Exception {
        Files.writeString(workspace.resolve("deployment.yaml"), """
                deployment: {name: shop, framework: rails, pattern: kubernetes}
                platform: {domain: shop.example.com}
                monitoring:
                  level: standard
                  alerts:
                    channels: [{type: slack, webhook_url: "${SLACK_URL}"}]
                """);
        new DeployEngine().run(new EngineRequest(workspace, Path.of("deployment.yaml"), Path.of("generated"), Optional.empty(),
                List.of(Phase.HELM), WriteOptions.defaults(), "test"));
        Path files = workspace.resolve("generated/helm/shop/files");
        assertThat(files.resolve("prometheus/rules/cloudnative-pg.yml")).content().contains("cnpg_collector_up == 0").doesNotContain("pg_up");
        assertThat(files.resolve("prometheus/tests/cloudnative-pg.yml")).exists();
        assertThat(files.resolve("prometheus/rules/app.yml")).exists();
        assertThat(files.resolve("prometheus/rules/containers.yml")).doesNotExist();
        assertThat(files.resolve("alertmanager/alertmanager.yml")).content().contains("/run/secrets/slack_url").doesNotContain("hooks.slack");
        assertThat(files.resolve("grafana/dashboards/app.json")).content().contains("\"uid\": \"shop-prometheus\"");
        Map<String, Object> values = new Yaml().load(Files.readString(workspace.resolve("generated/helm/shop/values.yaml")));
        assertThat((List<Map<String, String>>) at(values, "metrics.alertmanager.secretFiles"))
                .containsExactly(Map.of("key", "SLACK_URL", "file", "slack_url"));
        assertThat((Boolean) at(values, "metrics.prometheus.enabled")).isTrue();

        Files.writeString(workspace.resolve("deployment.yaml"), """
                deployment: {name: shop, framework: rails, pattern: kubernetes}
                platform: {domain: shop.example.com}
                monitoring: {level: standard}
                kubernetes: {monitoring: {grafana: false}}
                """);
        new DeployEngine().run(new EngineRequest(workspace, Path.of("deployment.yaml"), Path.of("generated"), Optional.empty(),
                List.of(Phase.HELM), WriteOptions.defaults(), "test"));
        assertThat(files.resolve("grafana/dashboards/app.json")).doesNotExist();
        values = new Yaml().load(Files.readString(workspace.resolve("generated/helm/shop/values.yaml")));
        assertThat((Boolean) at(values, "metrics.dashboards.enabled")).isFalse();
    }

    /** values.yaml as the chart reads it, for a spec written for the test. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(Path workspace, String spec) throws Exception {
        Files.writeString(workspace.resolve("deployment.yaml"), spec);
        new DeployEngine().run(new EngineRequest(workspace, Path.of("deployment.yaml"), Path.of("generated"), Optional.empty(),
                Phase.all(), WriteOptions.defaults(), "test"));
        Path chart;
        try (Stream<Path> charts = Files.list(workspace.resolve("generated/helm"))) {
            chart = charts.findFirst().orElseThrow();
        }
        return new Yaml().load(Files.readString(chart.resolve("values.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> values, String path) {
        Object current = values;
        for (String key : path.split("\\.")) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    @Test
    void theDatabaseIsReachedWithoutAPasswordInAnyUrlAndOverTls(@TempDir Path workspace) throws Exception {
        Map<String, Object> values = values(workspace, """
                deployment: {name: shop, framework: django, pattern: kubernetes}
                platform: {domain: shop.example.com}
                application: {module: shop}
                """);
        List<Map<String, String>> urls = at(values, "app.database.urls");
        assertThat(urls).extracting(url -> url.get("name")).contains("DATABASE_URL");
        assertThat(urls).allSatisfy(url -> assertThat(url.get("suffix")).startsWith("?sslmode=require"));
        assertThat((List<String>) at(values, "app.database.passwords")).startsWith("PGPASSWORD");
        assertThat((List<String>) at(values, "app.secrets.keys")).contains("DJANGO_SECRET_KEY");
        assertThat((String) at(values, "database.imageName")).startsWith("ghcr.io/cloudnative-pg/postgresql:").endsWith("-standard-trixie");
        assertThat((Boolean) at(values, "valkey.enabled")).as("Celery queues through a broker").isTrue();
        assertThat(values.toString()).doesNotContainIgnoringCase("password=");
    }

    @Test
    void theSpecsOwnValuesWinAndDollarsReachTheProcessAsWritten(@TempDir Path workspace) throws Exception {
        Map<String, Object> values = values(workspace, """
                deployment: {name: shop, framework: rails, pattern: kubernetes}
                platform: {domain: shop.example.com}
                application: {command: 'bundle exec puma -p $PORT', worker: {enabled: false}}
                environment: {production: {RAILS_MAX_THREADS: "8", GREETING: "costs $(price) or $$5"}}
                kubernetes: {namespace: shops, replicas: 4, autoscaling: {enabled: false}, database: {size: 20Gi, replicas: 2},
                             ingress: {class: traefik, ssl: none}}
                """);
        List<Map<String, String>> env = at(values, "app.env");
        assertThat(env).filteredOn(v -> v.get("name").equals("RAILS_MAX_THREADS")).singleElement()
                .satisfies(v -> assertThat(v.get("value")).isEqualTo("8"));
        assertThat(env).filteredOn(v -> v.get("name").equals("GREETING")).singleElement()
                .satisfies(v -> assertThat(v.get("value")).as("the kubelet reads $$ back as $").isEqualTo("costs $$(price) or $$$$5"));
        assertThat((List<String>) at(values, "app.command")).contains("exec bundle exec puma -p $$PORT");
        assertThat((Integer) at(values, "replicaCount")).isEqualTo(4);
        assertThat((Boolean) at(values, "autoscaling.enabled")).isFalse();
        assertThat((String) at(values, "database.storage.size")).isEqualTo("20Gi");
        assertThat((Integer) at(values, "database.instances")).isEqualTo(2);
        assertThat((String) at(values, "ingress.className")).isEqualTo("traefik");
        assertThat((Boolean) at(values, "ingress.tls.enabled")).isFalse();
        assertThat((Boolean) at(values, "worker.enabled")).isFalse();
        List<String> test = at(values, "tests.command");
        assertThat(String.join(" ", test)).as("the test pod's check reads the URL the template sets").contains("$(HEALTH_URL)");
    }

    @Test
    void aPostgisDatabaseIsRefusedOnKubernetesWithItsPlace() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan("""
                        deployment: {name: shop, framework: django, pattern: kubernetes}
                        platform: {domain: shop.example.com}
                        application: {module: shop}
                        database: {url_scheme: postgis}
                        """)).hasMessageContaining("database.url_scheme").hasMessageContaining("PostGIS");
    }
}
