package dev.specql.deploy.model.framework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.load.SpecLoader;
import dev.specql.deploy.model.text.Snippet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The framework classes against each other and against the spec: facts stated once must agree everywhere. */
class FrameworksTest {

    static DeploymentSpec spec(String yaml) throws Exception {
        return SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).spec();
    }

    /** A spec per framework with workers and a scheduler where the framework has them, on an odd port. */
    static Stream<DeploymentSpec> specs() throws Exception {
        List<DeploymentSpec> specs = new ArrayList<>();
        for (FrameworkRuntime runtime : Frameworks.all()) {
            String worker = !runtime.jobSystems().isEmpty()
                    ? "worker: {enabled: true" + (runtime.scheduler().isPresent() ? ", scheduler: true" : "") + "}" : "worker: {enabled: false}";
            specs.add(spec("deployment: {name: shop-app, framework: " + runtime.framework().id()
                    + runtime.major().map(major -> ", framework_major: " + major).orElse("") + "}\n"
                    + "platform: {domain: shop.example.com}\n"
                    + "application: {port: 8123, health_path: /alive, " + worker + "}\n"));
        }
        return specs.stream();
    }

    static String plain(Snippet snippet) {
        return String.join("", snippet.spans().stream().map(Snippet.Span::text).toList());
    }

    @Test
    void instanceTypesAreReadForTheirArchitecture() {
        assertThat(CpuArchitecture.ofInstanceType("t4g.micro")).isEqualTo(CpuArchitecture.ARM64);
        assertThat(CpuArchitecture.ofInstanceType("c7gn.large")).isEqualTo(CpuArchitecture.ARM64);
        assertThat(CpuArchitecture.ofInstanceType("t3a.micro")).isEqualTo(CpuArchitecture.X86_64);
        assertThat(CpuArchitecture.ofInstanceType("m7i.large")).isEqualTo(CpuArchitecture.X86_64);
        for (CpuArchitecture architecture : CpuArchitecture.values()) {
            assertThat(CpuArchitecture.ofInstanceType(architecture.smallestInstance())).isEqualTo(architecture);
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void everyFrameworkHasExactlyItsRuntime(Framework framework) {
        assertThat(Frameworks.of(framework).framework()).isEqualTo(framework);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theStackNeverLetsASpecSetWhatItWires(DeploymentSpec spec) {
        FrameworkRuntime runtime = Frameworks.of(spec.framework());
        List<EnvVar> wired = new ArrayList<>();
        for (boolean production : List.of(false, true)) {
            Wiring wiring = new Wiring(production, "https://shop.example.com", "shop.example.com", production);
            wired.addAll(runtime.settings(spec, wiring));
            wired.addAll(runtime.brokerSettings(spec, wiring));
        }
        List<String> endpoints = wired.stream().filter(v -> v.value() instanceof EnvVar.Endpoint).map(EnvVar::name).toList();
        assertThat(Frameworks.reservedVariables()).containsAll(endpoints).containsAll(runtime.reservedVariables())
                .containsAll(runtime.secrets(spec).stream().map(SecretVar::name).toList())
                .contains(StackVariables.DATABASE_URL, StackVariables.REDIS_URL).doesNotContain(StackVariables.WEB_CONCURRENCY);
        assertThat(runtime.reservedVariables()).containsAll(runtime.secrets(spec).stream().map(SecretVar::name).toList());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void defaultsAreValuesTheFrameworkAccepts(DeploymentSpec spec) {
        FrameworkRuntime runtime = Frameworks.of(spec.framework());
        assertThat(runtime.runtimeVersions()).contains((String) runtime.defaults().get("application.runtime_version"));
        assertThat(runtime.packageManagers())
                .contains(Keyword.parse(PackageManager.class, (String) runtime.defaults().get("application.package_manager")));
        MigrationTool tool = Keyword.parse(MigrationTool.class, (String) runtime.defaults().get("database.migration_tool"));
        assertThat(Frameworks.owning(tool).map(FrameworkRuntime::framework)).isIn(Optional.empty(), Optional.of(spec.framework()));
        assertThat(runtime.baseImage(spec.application().runtimeVersion())).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void processesListenWhereTheSpecSays(DeploymentSpec spec) {
        FrameworkRuntime runtime = Frameworks.of(spec.framework(), spec.deployment().frameworkMajor());
        // A server with a configuration file reads its address there; the others take it on the command line.
        runtime.serverImage(spec).ifPresentOrElse(server -> assertThat(server.config()).containsEntry("bind_addr", "0.0.0.0:8123"), () -> {
            assertThat(String.join(" ", runtime.serverCommand(spec))).contains("8123");
            assertThat(String.join(" ", runtime.devCommand(spec))).contains("8123").contains("0.0.0.0");
        });
        assertThat(String.join(" ", runtime.healthcheck("http://127.0.0.1:8123/alive"))).contains("http://127.0.0.1:8123/alive");
        assertThat(runtime.writablePaths()).contains("/tmp");
        assertThat(runtime.appDirectory()).startsWith("/");
        assertThat(runtime.requirements(spec)).isNotEmpty().anySatisfy(line -> assertThat(plain(line)).contains("/alive"));
        // Two code spans in a row render in Markdown as one malformed span with doubled backticks.
        List<Snippet> lines = new ArrayList<>(runtime.requirements(spec));
        lines.add(runtime.secretRotation());
        for (Snippet line : lines) {
            for (int i = 1; i < line.spans().size(); i++) {
                assertThat(line.spans().get(i - 1).kind() == Snippet.Kind.CODE && line.spans().get(i).kind() == Snippet.Kind.CODE)
                        .as("adjacent code spans in: " + plain(line)).isFalse();
            }
        }
        assertThat(plain(runtime.secretRotation())).isNotBlank();
        assertThat(runtime.summary()).startsWith("a ");
        assertThat(runtime.worker(spec).isPresent()).isEqualTo(!runtime.jobSystems().isEmpty());
        runtime.worker(spec).ifPresent(worker -> {
            assertThat(worker.system()).isEqualTo(runtime.jobSystems().get(0));
            assertThat(worker.scheduler().isPresent()).isEqualTo(runtime.scheduler().isPresent());
        });
    }

    @Test
    void onlyFrameworksWithArm64WheelsRunOnGraviton() {
        FrameworkRuntime fraiseql = Frameworks.of(Framework.FRAISEQL);
        assertThat(fraiseql.preferredArchitecture()).isEqualTo(CpuArchitecture.X86_64);
        assertThat(fraiseql.requiredArchitecture()).contains(CpuArchitecture.X86_64);
        assertThat(fraiseql.architectureLimit()).isPresent();
        for (Framework other : List.of(Framework.DJANGO, Framework.RAILS)) {
            assertThat(Frameworks.of(other).preferredArchitecture()).isEqualTo(CpuArchitecture.ARM64);
            assertThat(Frameworks.of(other).requiredArchitecture()).isEmpty();
            assertThat(Frameworks.of(other).architectureLimit()).isEmpty();
        }
        assertThat(CpuArchitecture.X86_64.docker()).isEqualTo("linux/amd64");
        assertThat(CpuArchitecture.ARM64.ec2()).isEqualTo("arm64");
    }

    @Test
    void migrationsRunWithTheToolTheSpecNames() throws Exception {
        DeploymentSpec django = spec("deployment: {name: a, framework: django}\nplatform: {domain: a.example.com}\n");
        assertThat(Migrations.command(django)).contains(List.of("python", "manage.py", "migrate", "--noinput"));
        assertThat(Migrations.requirements(django)).isEmpty();
        DeploymentSpec confiture = spec("deployment: {name: a, framework: rails}\nplatform: {domain: a.example.com}\n"
                + "database: {migration_tool: confiture}\nspecql: {migrations_dir: db/up}\n");
        assertThat(Migrations.command(confiture).orElseThrow()).endsWith("--migrations-dir", "db/up");
        assertThat(plain(Migrations.requirements(confiture).get(0))).contains("db/up");
        DeploymentSpec none = spec("deployment: {name: a, framework: fraiseql}\nplatform: {domain: a.example.com}\n"
                + "database: {migration_tool: none}\n");
        assertThat(Migrations.command(none)).isEmpty();
        assertThat(Frameworks.of(Framework.FRAISEQL).migrations()).isEmpty();
        assertThat(Frameworks.owning(MigrationTool.CONFITURE)).isEmpty();
        assertThat(Frameworks.owning(MigrationTool.RAILS).map(FrameworkRuntime::framework)).contains(Framework.RAILS);
    }

    @Test
    void modulesAreCheckedTheWayEachFrameworkNamesThem() {
        assertThat(Frameworks.of(Framework.FRAISEQL, Optional.of(1)).checkModule("app.main", false)).map(Complaint::suggestion)
                .contains("e.g. app.main:app");
        assertThat(Frameworks.of(Framework.FRAISEQL).checkModule("app.main:app", true)).map(Complaint::suggestion).contains("e.g. app.main");
        assertThat(Frameworks.of(Framework.DJANGO).checkModule("site.wsgi:application", true)).map(Complaint::suggestion).contains("e.g. site");
        assertThat(Frameworks.of(Framework.RAILS).checkModule("x", true)).isPresent();
        assertThat(Frameworks.of(Framework.RAILS).checkModule("x", false)).isEmpty();
    }

    @Test
    void snippetsKeepWordsCodeAndValuesApart() {
        Snippet snippet = Snippet.words("Run ").thenCode("make").then(" in ").thenCode("my dir");
        assertThat(plain(snippet)).isEqualTo("Run make in my dir");
        assertThat(snippet.spans()).extracting(Snippet.Span::kind)
                .containsExactly(Snippet.Kind.WORDS, Snippet.Kind.CODE, Snippet.Kind.WORDS, Snippet.Kind.CODE);
    }
}
