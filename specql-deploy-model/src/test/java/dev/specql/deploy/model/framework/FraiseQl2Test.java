package dev.specql.deploy.model.framework;

import static dev.specql.deploy.model.framework.DetectionTest.files;
import static dev.specql.deploy.model.framework.DetectionTest.load;
import static dev.specql.deploy.model.framework.DetectionTest.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.load.SpecLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FraiseQL 2 (the Rust server) and how a project says which FraiseQL major it uses. */
class FraiseQl2Test {

    static final String FRAISEQL = "deployment: {name: api, framework: fraiseql}\nplatform: {domain: api.example.com}\n";

    /** A FraiseQL 2 starter: fraiseql.toml, the schema module, uv with both Python packages locked. */
    static Map<String, String> starter() {
        Map<String, String> files = new HashMap<>();
        files.put("fraiseql.toml", "[project]\nname = \"blog\"\n\n[server]\nhost = \"0.0.0.0\"\nport = 8090\n");
        files.put("pyproject.toml", "[project]\nname = \"blog\"\nrequires-python = \">=3.14\"\ndependencies = [\"fraiseql>=2.18\", "
                + "\"fraiseql-confiture>=1.41\"]\n");
        files.put("uv.lock", "version = 1\n\n[[package]]\nname = \"fraiseql\"\nversion = \"2.18.0\"\n\n[[package]]\n"
                + "name = \"fraiseql-confiture\"\nversion = \"1.41.0\"\n");
        files.put("schema.py", "import fraiseql\n");
        files.put("db/migrations/001_posts.up.sql", "CREATE TABLE tb_post (id bigint PRIMARY KEY);\n");
        return files;
    }

    @Test
    void aSpecWithoutAMajorGetsTheCurrentOne() throws Exception {
        DeploymentSpec spec = load(FRAISEQL, Map.of()).spec();
        assertThat(spec.deployment().frameworkMajor()).contains(2);
        assertThat(spec.application().port()).isEqualTo(8080);
        assertThat(spec.application().server()).isEqualTo(AppServer.FRAISEQL_SERVER);
        assertThat(spec.database().version()).isEqualTo("18");
    }

    @Test
    void fraiseqlTomlSaysTwoAndItsServerPortIsKept() throws Exception {
        SpecLoader.LoadedSpec loaded = load(FRAISEQL, starter());
        assertThat(provenance(loaded, "deployment.framework_major")).isEqualTo("detected fraiseql.toml:1");
        assertThat(loaded.spec().application().port()).isEqualTo(8090);
        assertThat(provenance(loaded, "application.port")).isEqualTo("detected fraiseql.toml:6");
        FrameworkRuntime runtime = Frameworks.of(Framework.FRAISEQL, loaded.spec().deployment().frameworkMajor());
        ServerImage server = runtime.serverImage(loaded.spec()).orElseThrow();
        assertThat(server.crates()).containsExactly("fraiseql-server@2.18.0", "fraiseql-cli@2.18.0");
        assertThat(server.config()).containsEntry("bind_addr", "0.0.0.0:8090").containsEntry("cors_enabled", false)
                .containsEntry("schema_path", "/opt/fraiseql/schema.compiled.json").containsEntry("pool_max_size", 20);
        assertThat(runtime.serverCommand(loaded.spec())).containsExactly("python", "/opt/fraiseql/launch.py", "--config",
                "/opt/fraiseql/server.toml");
        assertThat(runtime.devCommand(loaded.spec())).contains("--compile", "schema");
        assertThat(runtime.imageSteps(loaded.spec()).afterCode()).extracting(FrameworksTest::plain)
                .containsExactly("mkdir -p /opt/fraiseql", "python -m schema",
                        "fraiseql-cli compile schema.json -o /opt/fraiseql/schema.compiled.json");
        assertThat(runtime.dependencyFiles(loaded.spec())).containsExactly("pyproject.toml", "uv.lock");
        assertThat(loaded.spec().project().values("python.package")).contains("fraiseql", "fraiseql-confiture");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "requirements.txt | gunicorn\\nuvicorn\\nfraiseql<2\\n          | requirements.txt:3",
            "requirements.txt | fraiseql==1.9.16 --hash=sha256:0\\n     | requirements.txt:1",
            "requirements.txt | fraiseql[rust]~=1.9\\n                  | requirements.txt:1",
            "pyproject.toml   | dependencies = [\\n  \"fraiseql>=1.9,<2\",\\n] | pyproject.toml:2"})
    void aPinBelowTwoSaysOne(String file, String content, String origin) throws Exception {
        Map<String, String> project = new HashMap<>(Map.of(file, content.replace("\\n", "\n")));
        project.putIfAbsent("requirements.txt", "gunicorn\nuvicorn\n");
        Detected major = Frameworks.runtimes(Framework.FRAISEQL).get(1).recognize(files(project)).orElseThrow();
        assertThat(major.value()).isEqualTo(1L);
        assertThat(major.origin().file() + ":" + major.origin().line()).isEqualTo(origin);
    }

    @Test
    void aLockedOneXReleaseSaysOneAndTheOneRuntimeReadsTheProject() throws Exception {
        Map<String, String> project = Map.of("pyproject.toml", "[project]\nname = \"api\"\n", "uv.lock",
                "[[package]]\nname = \"fraiseql\"\nversion = \"1.9.16\"\n\n[[package]]\nname = \"gunicorn\"\n\n[[package]]\nname = \"uvicorn\"\n",
                "db/migrations/001_init.up.sql", "");
        SpecLoader.LoadedSpec loaded = load(FRAISEQL, project);
        assertThat(provenance(loaded, "deployment.framework_major")).isEqualTo("detected uv.lock:3");
        assertThat(loaded.spec().application().port()).isEqualTo(8000);
        assertThat(loaded.spec().application().server()).isEqualTo(AppServer.GUNICORN);
        assertThat(Frameworks.reading(Framework.FRAISEQL, files(Map.of("uv.lock", "[[package]]\nname = \"fraiseql\"\nversion = \"2.18.0\"\n")))
                .getKey().major()).contains(2);
    }

    @Test
    void majorsAreCheckedPerFramework() {
        assertThatThrownBy(() -> load("deployment: {name: api, framework: fraiseql, framework_major: 3}\n"
                + "platform: {domain: api.example.com}\n", Map.of()))
                .hasMessageContaining("deployment.framework_major: FraiseQL 3 is not supported (use 2 or 1)");
        assertThatThrownBy(() -> load("deployment: {name: shop, framework: django, framework_major: 5}\n"
                + "platform: {domain: shop.example.com}\n", Map.of()))
                .hasMessageContaining("deployment.framework_major: Django versions deploy alike; there is no major version to choose "
                        + "(remove it)");
        assertThat(Frameworks.majors(Framework.FRAISEQL)).containsExactly(2, 1);
        assertThat(Frameworks.of(Framework.FRAISEQL, Optional.of(7)).major()).contains(2);
    }

    @Test
    void theServerNeedsPostgres18AndCountsNoWorkers() {
        assertThatThrownBy(() -> load(FRAISEQL + "database: {version: \"17\"}\napplication: {workers: 4}\n", Map.of()))
                .hasMessageContaining("database.version: FraiseQL 2 needs PostgreSQL 18 or later (use database.version: \"18\")")
                .hasMessageContaining("application.workers: FraiseQL's server is one process with a thread per core; there are no "
                        + "worker processes to count (remove it; scale with application.instances and application.cpu)");
    }

    @Test
    void preflightNeedsTheAuthoringPackageAndConfiture() throws Exception {
        Map<String, String> project = starter();
        project.put("uv.lock", "[[package]]\nname = \"pydantic\"\n");
        assertThatThrownBy(() -> load(FRAISEQL, project))
                .hasMessageContaining("application.module: the image exports the schema with the fraiseql package, which uv.lock does "
                        + "not list (add fraiseql>=2 to uv.lock)")
                .hasMessageContaining("database.migration_tool: Confiture applies the migrations, and fraiseql-confiture is not in uv.lock "
                        + "(add fraiseql-confiture to uv.lock, or set database.migration_tool: none)");
        project.put("uv.lock", "[[package]]\nname = \"fraiseql\"\nversion = \"2.18.0\"\n");
        assertThat(load(FRAISEQL + "database: {migration_tool: none}\n", project).spec().database().migrationTool().id()).isEqualTo("none");
        project.put("uv.lock", "[[package]]\nname = \"fraiseql\"\n\n[[package]]\nname = \"fraiseql-confiture\"\n");
        project.remove("db/migrations/001_posts.up.sql");
        assertThatThrownBy(() -> load(FRAISEQL, project)).hasMessageContaining("deployment.yaml:1:1: database.migration_tool: "
                + "Confiture applies the migrations in db/migrations, which does not exist (create it with the first migration "
                + "(confiture migrate generate), add a specql section with migrations_dir, or set database.migration_tool: none)");
        assertThatThrownBy(() -> load(FRAISEQL + "specql: {migrations_dir: db/migrate}\n", project))
                .hasMessageContaining("specql.migrations_dir: Confiture applies the migrations in db/migrate, which does not exist");
    }
}
