package dev.specql.deploy.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.Origin;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {

    static SpecLoader.LoadedSpec load(String yaml) throws SpecException {
        return SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    static SpecException failure(String yaml) {
        try {
            load(yaml);
        } catch (SpecException e) {
            return e;
        }
        throw new AssertionError("expected the spec to be rejected:\n" + yaml);
    }

    @Test
    void minimalSpecGetsEveryDefault() throws Exception {
        var loaded = load("""
                deployment:
                  name: acme-crm
                  framework: fraiseql
                platform:
                  domain: crm.acme.example
                """);
        DeploymentSpec spec = loaded.spec();
        assertThat(spec.pattern()).isEqualTo(Pattern.HOBBY_PROJECT);
        assertThat(spec.application().port()).isEqualTo(8080);
        assertThat(spec.deployment().frameworkMajor()).contains(2);
        assertThat(spec.application().healthPath()).isEqualTo("/health");
        assertThat(spec.database().name()).isEqualTo("acme_crm");
        assertThat(spec.database().migrationTool()).isEqualTo(MigrationTool.CONFITURE);
        assertThat(loaded.config().setting("application.port").orElseThrow().origin()).isEqualTo(Origin.FRAMEWORK);
        assertThat(loaded.config().setting("application.instances").orElseThrow().origin()).isEqualTo(Origin.PATTERN);
        assertThat(loaded.config().setting("database.name").orElseThrow().origin()).isEqualTo(Origin.DERIVED);
        assertThat(loaded.config().setting("deployment.name").orElseThrow().provenance()).isEqualTo("spec deployment.yaml:2:9");
    }

    @Test
    void reportsEveryProblemWithItsLocation() {
        SpecException e = failure("""
                deployment:
                  name: Acme_CRM
                  framework: fraisql
                  patern: small-saas
                database:
                  backup:
                    retention: 90
                """);
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "deployment.yaml:2:9: deployment.name: 'Acme_CRM' is invalid: expected a lowercase name of letters, digits and '-', "
                        + "starting with a letter, at most 24 characters (it prefixes AWS resource names, some of which are limited to 32)",
                "deployment.yaml:3:14: deployment.framework: unknown value 'fraisql'; expected one of fraiseql, django, rails "
                        + "(did you mean 'fraiseql'?)",
                "deployment.yaml:4:3: deployment.patern: unknown key 'patern'; expected one of name, framework, framework_major, pattern, description "
                        + "(did you mean 'pattern'?)",
                "deployment.yaml:7:16: database.backup.retention: 90 is out of range: expected an integer from 1 to 35");
    }

    @Test
    void aRangeRuleBlamesTheBoundTheUserWroteWhenTheCountIsADefault() {
        SpecException e = failure("""
                deployment:
                  name: acme
                  framework: fraiseql
                  pattern: small-saas
                platform:
                  domain: acme.example.com
                application:
                  autoscale:
                    min: 3
                """);
        assertThat(e.problems()).extracting(Problem::toString).containsExactly("deployment.yaml:9:10: application.autoscale.min: "
                + "application.instances (2) is outside the autoscaling range 3 to 10 (keep application.instances between min and max)");
    }

    @Test
    void aRangeRuleBlamesTheUpperBoundWhenTheCountIsAboveIt() {
        SpecException e = failure("""
                deployment:
                  name: acme
                  framework: fraiseql
                  pattern: kubernetes
                kubernetes:
                  autoscaling:
                    max: 2
                platform:
                  domain: acme.example.com
                """);
        assertThat(e.problems()).extracting(Problem::toString).containsExactly("deployment.yaml:7:10: kubernetes.autoscaling.max: "
                + "kubernetes.replicas (3) is outside the autoscaling range 2 to 2 (keep kubernetes.replicas between min and max)");
    }

    @Test
    void anEnvironmentWithNothingUnderItIsAcceptedWhenKnown() throws SpecException {
        var loaded = load("""
                deployment:
                  name: acme
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                environment:
                  staging:
                  dev: {}
                """);
        assertThat(loaded.config().writtenKeys("environment")).containsExactly("staging", "dev");
        assertThat(loaded.config().locateKey("environment.staging")).hasToString("deployment.yaml:7:3");
        assertThat(loaded.config().locateKey("environment.nowhere")).hasToString("deployment.yaml:7:3");
    }

    @Test
    void theHostedZoneIsDerivedFromTheDomainAndMustHoldIt() throws Exception {
        assertThat(load("""
                deployment: {name: a, framework: rails}
                platform: {domain: shop.example.co.uk}
                """).spec().platform().hostedZone()).contains("example.co.uk");
        assertThat(load("""
                deployment: {name: a, framework: rails}
                platform: {domain: example.com}
                """).spec().platform().hostedZone()).contains("example.com");
        assertThat(failure("""
                deployment: {name: a, framework: rails}
                platform: {domain: shop.example.com, hosted_zone: example.org}
                """).problems()).extracting(Problem::path).containsExactly("platform.hosted_zone");
    }

    @Test
    void theHobbyServerIsArmExceptForFraiseqlWhoseWheelsAreX86Only() throws Exception {
        assertThat(load("""
                deployment: {name: a, framework: fraiseql}
                platform: {domain: a.example.com}
                """).spec().platform().instanceType()).contains("t3a.micro");
        assertThat(load("""
                deployment: {name: a, framework: django}
                platform: {domain: a.example.com}
                """).spec().platform().instanceType()).contains("t4g.micro");
        assertThat(load("""
                deployment: {name: a, framework: django, pattern: small-saas}
                platform: {domain: a.example.com}
                """).spec().platform().instanceType()).isEmpty();
    }
}
