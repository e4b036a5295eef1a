package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.engine.write.Action;
import dev.specql.deploy.engine.write.WriteOptions;
import dev.specql.deploy.engine.write.WriteReport;
import dev.specql.deploy.model.HostileCorpus;
import dev.specql.deploy.model.SpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class DeployEngineTest {

    @TempDir
    Path project;

    private void spec(String yaml) throws Exception {
        Files.writeString(project.resolve("deployment.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private void exampleSpec(String example) throws Exception {
        Files.copy(GoldenExamplesTest.EXAMPLES.resolve(example).resolve("deployment.yaml"), project.resolve("deployment.yaml"));
    }

    @Test
    void everyHostileSpecFailsWithLocatedProblemsAndChangesNoFile() throws Exception {
        exampleSpec("django");
        EngineFixture.run(project);
        Files.writeString(project.resolve("generated/deployment/Caddyfile"), "edited by the user\n");
        int cases = 0;
        for (HostileCorpus.Case hostile : HostileCorpus.cases()) {
            if (hostile.isKnownBug()) {
                continue;
            }
            Files.write(project.resolve("deployment.yaml"), hostile.bytes());
            Map<String, String> before = EngineFixture.snapshot(project);
            assertThatThrownBy(() -> EngineFixture.run(project), hostile.name())
                    .isInstanceOf(SpecException.class)
                    .satisfies(e -> assertThat(((SpecException) e).problems()).allSatisfy(p -> {
                        assertThat(p.location().file()).isEqualTo("deployment.yaml");
                        assertThat(p.location().line()).isPositive();
                    }));
            assertThat(EngineFixture.snapshot(project)).as(hostile.name()).isEqualTo(before);
            cases++;
        }
        assertThat(cases).isGreaterThanOrEqualTo(HostileCorpus.MINIMUM_CASES);
    }

    @Test
    void aSecondRunWithNothingChangedIsANoOp() throws Exception {
        exampleSpec("rails");
        EngineResult first = EngineFixture.run(project);
        assertThat(first.upToDate()).isFalse();
        WriteReport created = first.report().orElseThrow();
        assertThat(created.count(Action.CREATE)).isEqualTo(created.results().size()).isGreaterThan(10);
        Map<String, String> before = EngineFixture.snapshot(project);

        EngineResult second = EngineFixture.run(project);
        assertThat(second.upToDate()).isTrue();
        assertThat(second.report()).isEmpty();
        assertThat(EngineFixture.snapshot(project)).isEqualTo(before);
    }

    @Test
    void aTemplateOverrideOrASpecChangeMakesTheNextRunRegenerate() throws Exception {
        exampleSpec("fraiseql");
        EngineFixture.run(project);
        Path override = project.resolve(".specql-deploy/templates/docker/gitignore.vm");
        Files.createDirectories(override.getParent());
        Files.writeString(override, "${header}\n.env\n");
        EngineResult afterOverride = EngineFixture.run(project);
        assertThat(afterOverride.upToDate()).isFalse();
        assertThat(afterOverride.report().orElseThrow().count(Action.UPDATE)).isEqualTo(1);

        Files.writeString(project.resolve("deployment.yaml"),
                Files.readString(project.resolve("deployment.yaml")).replace("domain: crm.acme.example", "domain: sales.acme.example"));
        WriteReport afterSpec = EngineFixture.run(project).report().orElseThrow();
        assertThat(afterSpec.results()).filteredOn(r -> r.action() == Action.UPDATE).extracting(r -> r.path())
                .contains("generated/deployment/Caddyfile", "generated/deployment/DEPLOYMENT_README.md");
    }

    @Test
    void aDryRunReportsWithoutWriting() throws Exception {
        exampleSpec("django");
        Map<String, String> before = EngineFixture.snapshot(project);
        EngineResult result = EngineFixture.run(project, new WriteOptions(false, true, true));
        WriteReport report = result.report().orElseThrow();
        assertThat(report.dryRun()).isTrue();
        assertThat(report.count(Action.CREATE)).isEqualTo(report.results().size()).isGreaterThan(10);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.diff()).isPresent());
        assertThat(EngineFixture.snapshot(project)).isEqualTo(before);
    }

    @Test
    void outputIsByteForByteTheSameInAnotherDirectory(@TempDir Path other) throws Exception {
        exampleSpec("django");
        Files.copy(project.resolve("deployment.yaml"), other.resolve("deployment.yaml"));
        EngineFixture.run(project);
        EngineFixture.run(other);
        for (String file : new String[] {"generated/deployment/Dockerfile", "generated/deployment/compose.production.yaml",
                "generated/deployment/DEPLOYMENT_README.md", "generated/.specql-deploy-manifest", ".dockerignore"}) {
            assertThat(Files.readAllBytes(other.resolve(file))).as(file).isEqualTo(Files.readAllBytes(project.resolve(file)));
        }
    }

    @Test
    void theOutputDirectoryMustBeInsideTheProject() throws Exception {
        exampleSpec("django");
        assertThatThrownBy(() -> new DeployEngine().run(new EngineRequest(project, Path.of("deployment.yaml"), Path.of("../elsewhere"),
                Optional.empty(), Phase.all(), WriteOptions.defaults(), "test")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("outside the project");
    }

    @Test
    void aMissingSpecIsAProblemNotACrash() {
        assertThatThrownBy(() -> EngineFixture.run(project)).isInstanceOf(SpecException.class)
                .hasMessageContaining("deployment.yaml:1:1: the spec file does not exist");
    }

    @Test
    void injectionStringsArriveVerbatimInComposeEnvironments() throws Exception {
        int checked = 0;
        for (HostileCorpus.AcceptedValue accepted : HostileCorpus.acceptedButEscaped()) {
            if (!accepted.key().startsWith("environment.dev.")) {
                continue;
            }
            Files.write(project.resolve("deployment.yaml"), accepted.spec());
            EngineFixture.run(project, new WriteOptions(true, false, false));
            Map<?, ?> compose = strictYaml()
                    .load(Files.readString(project.resolve("generated/deployment/compose.yaml")));
            Map<?, ?> app = (Map<?, ?>) ((Map<?, ?>) compose.get("services")).get("app");
            String name = accepted.key().substring("environment.dev.".length());
            String composeValue = (String) ((Map<?, ?>) app.get("environment")).get(name);
            // Compose turns $$ into $ when it interpolates; the app sees exactly what the spec said.
            assertThat(composeValue.replace("$$", "$")).as(accepted.key()).isEqualTo(accepted.value());
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void aSpecValueReplacesTheGeneratorsValueOfTheSameVariableInsteadOfRepeatingIt() throws Exception {
        spec("""
                deployment: {name: tuned, framework: django}
                platform: {domain: tuned.example.com}
                application: {module: tuned, secrets: [WEB_CONCURRENCY]}
                environment:
                  dev: {DJANGO_DEBUG: "false"}
                  production: {DJANGO_ALLOWED_HOSTS: tuned.example.com}
                """);
        EngineFixture.run(project);
        Yaml yaml = strictYaml();
        Map<?, ?> dev = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) yaml.<Map<?, ?>>load(
                Files.readString(project.resolve("generated/deployment/compose.yaml"))).get("services")).get("app")).get("environment");
        assertThat(dev.get("DJANGO_DEBUG")).isEqualTo("false");
        Map<?, ?> production = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) yaml.<Map<?, ?>>load(
                Files.readString(project.resolve("generated/deployment/compose.production.yaml"))).get("services")).get("app"))
                .get("environment");
        assertThat(production.get("DJANGO_ALLOWED_HOSTS")).isEqualTo("tuned.example.com");
        assertThat(production.get("WEB_CONCURRENCY")).isEqualTo("${WEB_CONCURRENCY:?set WEB_CONCURRENCY in .env (see .env.example)}");
    }

    /** A YAML reader that refuses duplicate keys, as Compose's own loader does. */
    private static Yaml strictYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }
}
