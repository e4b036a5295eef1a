package dev.specql.deploy.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys that change nothing yet are accepted with a warning, once per reason, at the first such key. */
class InertKeysTest {

    private static final String SPEC = "deployment: {name: shop, framework: django, pattern: small-saas}\n"
            + "platform: {domain: shop.example.com}\n";

    private static List<String> warnings(String yaml) throws Exception {
        return SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).config().warnings().stream()
                .map(Problem::toString).toList();
    }

    @Test
    void keysOfAPhaseNotBuiltYetGetOneWarningNamingThemAll() throws Exception {
        assertThat(warnings(SPEC + "cicd:\n  default_branch: trunk\n  registry: ecr\n  migrations: {auto_run: false}\n  environments: [{name: staging}, {name: production}]\n"))
                .containsExactly("deployment.yaml:5:13: cicd.registry: nothing is generated from cicd.registry, cicd.migrations.auto_run "
                        + "yet: the pipelines push images to the bootstrap's ECR repository and run the migrations before every deploy, "
                        + "whatever these keys say (keep them for when it is, or remove them)");
    }

    @Test
    void everyMonitoringKeyIsRead() throws Exception {
        assertThat(warnings(SPEC + "monitoring:\n  alarms: [{type: cpu, threshold: 80}]\n  level: standard\n"
                + "  alerts: {channels: [{type: slack, webhook_url: '${SLACK_URL}'}]}\n  dashboards: [postgres]\n"
                + "  logs: {loki: true, retention: 3d}\n")).isEmpty();
    }
}
