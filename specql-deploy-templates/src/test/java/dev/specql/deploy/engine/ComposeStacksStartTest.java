package dev.specql.deploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * What `docker compose up --wait` needs of every generated stack, for every spec of the conformance matrix and the
 * examples: found by running the stacks (conformance/runtime.py), pinned here on the parsed files so a spec the
 * runtime stage does not run is held to it too.
 */
class ComposeStacksStartTest {

    static final Path MATRIX = Path.of("..", "conformance", "matrix").toAbsolutePath().normalize();

    static Stream<Path> specs() throws IOException {
        Stream<Path> examples = GoldenExamplesTest.examples()
                .map(example -> GoldenExamplesTest.EXAMPLES.resolve(example).resolve("deployment.yaml"));
        try (Stream<Path> matrix = Files.list(MATRIX)) {
            List<Path> specs = matrix.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
            return Stream.concat(examples, specs.stream());
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyLongRunningServiceHasAHealthCheckUpWaitCanWaitFor(Path spec, @TempDir Path workspace) throws Exception {
        for (Map.Entry<String, Map<String, Object>> service : services(spec, workspace).entrySet()) {
            Map<String, Object> definition = service.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Object> check = (Map<String, Object>) definition.get("healthcheck");
            if ("no".equals(definition.get("restart"))) {
                continue; // a one-off (migrate): up --wait waits for it to exit
            }
            // "disable: true" on a running service makes up --wait fail: "has no healthcheck configured".
            assertThat(check).as(service.getKey() + " has a health check").isNotNull().doesNotContainKey("disable").containsKey("test");
            assertThat(check.get("start_interval")).as(service.getKey() + " checks often while it starts").isEqualTo("2s");
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void eachImageIsBuiltByOneServiceOnly(Path spec, @TempDir Path workspace) throws Exception {
        for (String file : List.of("compose.yaml", "compose.production.yaml")) {
            Map<Object, Integer> builds = new HashMap<>();
            for (Map<String, Object> definition : compose(spec, workspace, file).values()) {
                if (definition.containsKey("build")) {
                    builds.merge(definition.get("image"), 1, Integer::sum);
                }
            }
            // Two builds of one image give two image ids: the next up recreates every service of the other one.
            assertThat(builds.values()).as(file + " builds " + builds).allMatch(count -> count == 1);
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    @SuppressWarnings("unchecked")
    void aThreadedWorkersConnectionPoolHoldsEveryThread(Path spec, @TempDir Path workspace) throws Exception {
        for (Map.Entry<String, Map<String, Object>> service : services(spec, workspace).entrySet()) {
            List<String> command = (List<String>) service.getValue().get("command");
            int flag = command == null ? -1 : Math.max(command.indexOf("--concurrency"), command.indexOf("--max-threads"));
            Map<String, Object> environment = (Map<String, Object>) service.getValue().get("environment");
            if (flag < 0 || environment == null || !environment.containsKey("RAILS_MAX_THREADS")) {
                continue;
            }
            // Each Sidekiq or GoodJob thread holds a connection from the pool database.yml sizes by RAILS_MAX_THREADS:
            // a smaller pool makes busy threads time out waiting for one (ActiveRecord::ConnectionTimeoutError).
            assertThat(environment.get("RAILS_MAX_THREADS")).as(service.getKey() + " pool").isEqualTo(command.get(flag + 1));
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    @SuppressWarnings("unchecked")
    void caddyIsHealthyOnlyWhenItServesTheSiteOverHttps(Path spec, @TempDir Path workspace) throws Exception {
        Map<String, Object> caddy = compose(spec, workspace, "compose.production.yaml").get("caddy");
        String site = Files.readString(workspace.resolve("generated/deployment/Caddyfile")).lines()
                .filter(line -> line.endsWith(" {") && !line.startsWith("\t")).findFirst().orElseThrow();
        String address = site.substring(0, site.length() - 2);
        // A domain is served under SITE_DOMAIN's value, the domain by default: Caddy's placeholder, Compose's interpolation.
        String domain = address.startsWith("{$SITE_DOMAIN:") ? address.substring("{$SITE_DOMAIN:".length(), address.length() - 1) : address;
        String name = domain.equals("localhost") ? domain : "${SITE_DOMAIN:-" + domain + "}";
        List<String> test = (List<String>) ((Map<String, Object>) caddy.get("healthcheck")).get("test");
        // The admin API answers while no certificate can be served; the site's own name, resolved to Caddy itself, cannot.
        assertThat(test).noneMatch(argument -> argument.contains(":2019")).anyMatch(argument -> argument.startsWith("https://" + name + "/"));
        if (!domain.equals("localhost")) {
            assertThat((List<String>) caddy.get("extra_hosts")).containsExactly(name + ":127.0.0.1");
            assertThat((Map<String, Object>) caddy.get("environment")).containsEntry("SITE_DOMAIN", name);
        }
    }

    private static Map<String, Map<String, Object>> services(Path spec, Path workspace) throws Exception {
        Map<String, Map<String, Object>> all = new HashMap<>();
        compose(spec, workspace, "compose.yaml").forEach((name, definition) -> all.put("dev " + name, definition));
        compose(spec, workspace, "compose.production.yaml").forEach((name, definition) -> all.put("production " + name, definition));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> compose(Path spec, Path workspace, String file) throws Exception {
        Path compose = workspace.resolve("generated/deployment").resolve(file);
        if (!Files.exists(compose)) {
            Files.copy(spec, workspace.resolve("deployment.yaml"));
            ProjectDetectionTest.run(workspace);
        }
        Map<String, Object> document = new Yaml().load(Files.readString(compose));
        return (Map<String, Map<String, Object>>) document.get("services");
    }
}
