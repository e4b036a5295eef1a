package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Defects a review and a first real run of a generated stack found (the "really runs" issue), each pinned by what
 * the generated files must now say.
 */
class ReviewFindingsTest {

    private static Map<String, String> generate(String example, Path workspace) throws Exception {
        Files.copy(GoldenExamplesTest.EXAMPLES.resolve(example).resolve("deployment.yaml"), workspace.resolve("deployment.yaml"));
        ProjectDetectionTest.run(workspace);
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(workspace)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(workspace.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    @Test
    void theDevelopmentStackNeverSharesTheProductionStacksVolumes(@TempDir Path workspace) throws Exception {
        Map<String, String> files = generate("django", workspace);
        assertThat(files.get("generated/deployment/compose.yaml")).contains("\nname: bookshelf-dev\n");
        assertThat(files.get("generated/deployment/compose.production.yaml")).contains("\nname: bookshelf\n");
    }

    /** A CI run saw a healthy worker reported unhealthy: the check's 5 seconds were less than the ping's own wait. */
    @Test
    @SuppressWarnings("unchecked")
    void theCeleryProbeAsksItsOwnNodeAndAnswersBeforeTheHealthCheckTimesOut(@TempDir Path workspace) throws Exception {
        Map<String, Object> compose = new Yaml().load(generate("django", workspace).get("generated/deployment/compose.production.yaml"));
        Map<String, Object> check = (Map<String, Object>) ((Map<String, Map<String, Object>>) compose.get("services")).get("worker")
                .get("healthcheck");
        String probe = String.join(" ", (List<String>) check.get("test"));
        assertThat(probe).contains("inspect ping --destination celery@$$HOSTNAME --timeout ");
        int pingSeconds = Integer.parseInt(probe.replaceAll(".* --timeout (\\d+).*", "$1"));
        int checkSeconds = Integer.parseInt(((String) check.get("timeout")).replace("s", ""));
        assertThat(checkSeconds).as("the health check outlasts the ping and a Python start").isGreaterThanOrEqualTo(pingSeconds + 15);
    }

    @Test
    void serversKeepIdleConnectionsLongerThanTheLoadBalancer(@TempDir Path workspace) throws Exception {
        assertThat(generate("django", workspace).get("generated/deployment/Dockerfile")).contains("\"--keep-alive\", \"75\"");
    }

    @Test
    void noNewPrivilegesUsesTheSeparatorDockerdAccepts(@TempDir Path workspace) throws Exception {
        assertThat(generate("rails", workspace).get("generated/deployment/compose.production.yaml"))
                .contains("security_opt: [\"no-new-privileges=true\"]").doesNotContain("no-new-privileges:true");
    }

    @Test
    void theBuildContextLeavesOutLocalDatabasesUploadsAndCompiledAssets(@TempDir Path workspace) throws Exception {
        assertThat(generate("django", workspace).get(".dockerignore")).contains("\n*.sqlite3\n").contains("\nmedia\n");
        Path rails = Files.createDirectory(workspace.resolve("rails"));
        assertThat(generate("rails", rails).get(".dockerignore")).contains("\nstorage/*\n").contains("\npublic/assets\n");
    }

    @Test
    void fraiseql1GetsOnlySettingsItReads(@TempDir Path workspace) throws Exception {
        Files.writeString(workspace.resolve("deployment.yaml"), "deployment: {name: api, framework: fraiseql, framework_major: 1}\n"
                + "platform: {domain: api.example.com}\n");
        ProjectDetectionTest.run(workspace);
        assertThat(Files.readString(workspace.resolve("generated/deployment/compose.production.yaml")))
                .contains("FRAISEQL_ENVIRONMENT").doesNotContain("FRAISEQL_PRODUCTION");
    }

    @Test
    void theRegenerationHintWorksWithoutAPom(@TempDir Path workspace) throws Exception {
        assertThat(generate("fraiseql", workspace).get("generated/deployment/Dockerfile"))
                .contains("Regenerate with: mvn dev.specql:specql-deploy-maven-plugin:generate\n");
    }

    @Test
    void pythonServersKeepTheirRuntimeSocketsOffTheReadOnlyAppDirectory(@TempDir Path workspace) throws Exception {
        // gunicorn 25.1+ creates a control socket under $XDG_RUNTIME_DIR, else under $HOME (/app, read-only in production).
        assertThat(generate("django", workspace).get("generated/deployment/Dockerfile")).contains("XDG_RUNTIME_DIR=/tmp");
    }
}
