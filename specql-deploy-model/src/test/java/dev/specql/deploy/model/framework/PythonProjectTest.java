package dev.specql.deploy.model.framework;

import static dev.specql.deploy.model.framework.DetectionTest.files;
import static dev.specql.deploy.model.framework.DetectionTest.load;
import static dev.specql.deploy.model.framework.DetectionTest.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.load.SpecLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Python apps' dependency files, entry points and Procfiles say, and the preflight that judges them. */
class PythonProjectTest {

    static final String DJANGO = "deployment: {name: shop, framework: django}\nplatform: {domain: shop.example.com}\n";
    /** FraiseQL 1: a Python app served by gunicorn, uvicorn or granian. */
    static final String FRAISEQL = "deployment: {name: api, framework: fraiseql, framework_major: 1}\nplatform: {domain: api.example.com}\n";

    /** A Django project in the layout of a settings package: manage.py names dev settings, production.py exists. */
    static Map<String, String> djangoProject() {
        Map<String, String> files = new HashMap<>();
        files.put("manage.py", "import os\n\ndef main():\n    os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings.dev\")\n");
        files.put("shop/__init__.py", "");
        files.put("shop/wsgi.py", "import os\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n");
        files.put("shop/settings/__init__.py", "");
        files.put("shop/settings/base.py", "INSTALLED_APPS = []\nSTATIC_ROOT = BASE_DIR / \"staticfiles\"\n");
        files.put("shop/urls.py", "from django.urls import path\n\nurlpatterns = [\n    path(\"healthz\", health, name=\"health\"),\n]\n");
        files.put("shop/settings/dev.py", "from .base import *\n");
        files.put("shop/settings/production.py", "from .base import *\n");
        files.put("requirements.txt", "# production\n-r requirements/production.txt\n");
        files.put("requirements/production.txt", "-r base.txt\n-c constraints.txt\ngunicorn==23.0.0 \\\n    --hash=sha256:abc\n");
        files.put("requirements/base.txt", "Django>=5.2,<6  # the framework\ncelery[redis]==5.5.3 ; python_version >= \"3.12\"\n"
                + "-e git+https://example.com/lib.git#egg=lib\n--index-url https://pypi.org/simple\nwhitenoise\n");
        files.put("requirements/constraints.txt", "urllib3<3\n");
        return files;
    }

    // ------------------------------------------------------------------------------------------ requirements files

    @Test
    void aRequirementsTreeFollowsIncludesRelativeToEachFileAndKeepsConstraintsOutOfThePackages() {
        PythonDependencies.RequirementsTree tree = PythonDependencies.requirements(files(djangoProject()), "requirements.txt");
        assertThat(tree.files()).containsExactly(
                Map.entry("requirements.txt", new Location("requirements.txt", 1, 1)),
                Map.entry("requirements/production.txt", new Location("requirements.txt", 2, 1)),
                Map.entry("requirements/base.txt", new Location("requirements/production.txt", 1, 1)),
                Map.entry("requirements/constraints.txt", new Location("requirements/production.txt", 2, 1)));
        assertThat(tree.packages()).containsOnlyKeys("gunicorn", "django", "celery", "whitenoise");
        assertThat(tree.packages().get("gunicorn")).isEqualTo(new Location("requirements/production.txt", 3, 1));
        assertThat(tree.packages().get("celery")).isEqualTo(new Location("requirements/base.txt", 2, 1));
        assertThat(tree.problems()).isEmpty();
    }

    @Test
    void includesOutsideTheProjectOrOfMissingFilesAreProblemsAtTheirLine() {
        PythonDependencies.RequirementsTree tree = PythonDependencies.requirements(files(Map.of("requirements.txt",
                "-r ../shared/base.txt\n--requirement=missing.txt\n-rhttps://example.com/r.txt\n")), "requirements.txt");
        assertThat(tree.problems()).extracting(Problem::toString).containsExactly(
                "requirements.txt:1:1: application.requirements_file: requirements.txt includes ../shared/base.txt, which is not a "
                        + "file inside the project, where the image build can read it (include a file inside the project)",
                "requirements.txt:3:1: application.requirements_file: requirements.txt includes https://example.com/r.txt, which is "
                        + "not a file inside the project, where the image build can read it (include a file inside the project)",
                "requirements.txt:2:1: application.requirements_file: missing.txt, which requirements.txt includes, does not exist "
                        + "in the project (fix the include, or add the file)");
    }

    @Test
    void anIncludeCycleEnds() {
        var tree = PythonDependencies.requirements(files(Map.of("a.txt", "-r b.txt\nflask\n", "b.txt", "-r a.txt\n")), "a.txt");
        assertThat(tree.files()).containsOnlyKeys("a.txt", "b.txt");
        assertThat(tree.packages()).containsOnlyKeys("flask");
    }

    @Test
    void pyprojectDependenciesAreReadFromPep621AndPoetryTables() {
        Map<String, Location> pep621 = PythonDependencies.pyproject(files(Map.of("pyproject.toml", "[project]\nname = \"x\"\n"
                + "dependencies = [\n  \"Django>=5\",\n  \"uvicorn[standard]>=0.30\",  # server\n]\n\n[tool.other]\ndependencies = [\"no\"]\n")));
        assertThat(pep621).containsExactly(Map.entry("django", new Location("pyproject.toml", 4, 1)),
                Map.entry("uvicorn", new Location("pyproject.toml", 5, 1)));
        Map<String, Location> poetry = PythonDependencies.pyproject(files(Map.of("pyproject.toml",
                "[tool.poetry.dependencies]\npython = \"^3.12\"\nDjango_Environ = \"^0.11\"\n")));
        assertThat(poetry).containsOnlyKeys("django-environ");
    }

    @Test
    void uvLockListsEveryResolvedPackage() {
        Map<String, Location> locked = PythonDependencies.uvLock(files(Map.of("uv.lock", "version = 1\n\n[[package]]\nname = \"granian\"\n"
                + "version = \"2.5.0\"\n\n[[package]]\nname = \"fraiseql\"\n")));
        assertThat(locked).containsExactly(Map.entry("granian", new Location("uv.lock", 4, 1)), Map.entry("fraiseql", new Location("uv.lock", 8, 1)));
    }

    // ------------------------------------------------------------------------------------------------- detection

    @Test
    void aDjangoProjectYieldsItsPackageProductionSettingsRequirementsServerAndJobs() throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO, djangoProject());
        DeploymentSpec.Application app = loaded.spec().application();
        assertThat(app.module()).contains("shop");
        assertThat(provenance(loaded, "application.module")).isEqualTo("detected manage.py:4");
        assertThat(app.settingsModule()).contains("shop.settings.production");
        assertThat(provenance(loaded, "application.settings_module")).isEqualTo("detected shop/settings/production.py:1");
        assertThat(app.requirementsFile()).contains("requirements.txt");
        assertThat(app.server()).isEqualTo(AppServer.GUNICORN);
        assertThat(provenance(loaded, "application.server")).isEqualTo("detected requirements/production.txt:3");
        assertThat(app.worker().enabled()).isTrue();
        assertThat(provenance(loaded, "application.worker.enabled")).isEqualTo("detected requirements/base.txt:2");
        assertThat(loaded.spec().project().values("python.requirements_file")).containsExactly("requirements.txt",
                "requirements/production.txt", "requirements/base.txt", "requirements/constraints.txt");
        assertThat(loaded.spec().project().values("python.package")).containsExactly("gunicorn", "celery", "whitenoise");
        assertThat(Frameworks.of(Framework.DJANGO).dependencyFiles(loaded.spec())).hasSize(4);
        assertThat(Frameworks.of(Framework.DJANGO).settings(loaded.spec(), new Wiring(true, "https://shop.example.com",
                "shop.example.com", false))).first().isEqualTo(EnvVar.literal("DJANGO_SETTINGS_MODULE", "shop.settings.production"));
        assertThat(Frameworks.of(Framework.DJANGO).imageSteps(loaded.spec()).afterCode().get(0).toString()).contains("shop.settings.production");
    }

    @Test
    void wsgiPyNamesTheProductionSettingsBeforeManagePyAndAModuleFileNeedsNoPackage() throws Exception {
        Map<String, String> project = new HashMap<>(Map.of(
                "manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')\n",
                "config/wsgi.py", "import os\nos.environ[\"DJANGO_SETTINGS_MODULE\"] = \"config.settings.production\"\n",
                "config/settings/__init__.py", "", "config/settings/production.py", "STATIC_ROOT = '/app/static'\n", "requirements.txt", "gunicorn\n"));
        SpecLoader.LoadedSpec loaded = load(DJANGO, project);
        assertThat(loaded.spec().application().module()).contains("config");
        assertThat(loaded.spec().application().settingsModule()).contains("config.settings.production");
        assertThat(provenance(loaded, "application.settings_module")).isEqualTo("detected config/wsgi.py:2");

        SpecLoader.LoadedSpec plain = load(DJANGO, Map.of("manage.py", "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"mysite.settings\")\n",
                "mysite/settings.py", "STATIC_ROOT = '/app/static'\n", "requirements.txt", "gunicorn\n"));
        assertThat(plain.spec().application().settingsModule()).contains("mysite.settings");
        assertThat(provenance(plain, "application.settings_module")).isEqualTo("detected manage.py:1");
    }

    @Test
    void withoutCeleryTheWorkerIsOffAndAProcfileWorkerTurnsItOn() throws Exception {
        SpecLoader.LoadedSpec none = load(DJANGO, Map.of("requirements.txt", "gunicorn\ndjango\n"));
        assertThat(none.spec().application().worker().enabled()).isFalse();
        assertThat(provenance(none, "application.worker.enabled")).isEqualTo("detected requirements.txt:1");
        Detection procfile = Frameworks.of(Framework.DJANGO).detect(files(Map.of("requirements.txt", "gunicorn\n",
                "Procfile", "web: gunicorn shop.wsgi\nworker: celery -A shop worker\n")));
        assertThat(procfile.values()).filteredOn(d -> d.key().equals("application.worker.enabled")).singleElement()
                .satisfies(d -> assertThat(d.value()).isEqualTo(true))
                .satisfies(d -> assertThat(d.origin()).isEqualTo(new Location("Procfile", 2, 1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "web: uwsgi --ini uwsgi.ini              | gunicorn\\nuwsgi | uwsgi    | Procfile:1",
            "web: PORT=8000 exec bin/granian app     | granian          | granian  | Procfile:1",
            "release: python manage.py migrate       | daphne\\nuvicorn | uvicorn  | requirements.txt:2",
            "web: ./start.sh                         | uwsgi\\ndaphne   | uwsgi    | requirements.txt:1"})
    void theServerIsTheProcfilesWebProgramOrTheFirstTheAppDependsOn(String procfile, String requirements, String server, String origin)
            throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO, Map.of("Procfile", procfile, "requirements.txt", requirements.replace("\\n", "\n")));
        assertThat(loaded.spec().application().server().id()).isEqualTo(server);
        assertThat(provenance(loaded, "application.server")).isEqualTo("detected " + origin);
    }

    @Test
    void uvLockMeansUvAndItsPackagesChooseTheServer() throws Exception {
        SpecLoader.LoadedSpec loaded = load(FRAISEQL, Map.of("pyproject.toml", "[project]\nname = \"api\"\n",
                "uv.lock", "[[package]]\nname = \"granian\"\n\n[[package]]\nname = \"fraiseql\"\n", "db/migrations/001_init.up.sql", ""));
        assertThat(loaded.spec().application().server()).isEqualTo(AppServer.GRANIAN);
        assertThat(provenance(loaded, "application.package_manager")).isEqualTo("detected uv.lock:1");
        assertThat(Frameworks.of(Framework.FRAISEQL, java.util.Optional.of(1)).serverCommand(loaded.spec())).containsExactly("granian", "--interface", "asgi",
                "--host", "0.0.0.0", "--port", "8000", "--workers", "2", "src.main:app");
        assertThat(Frameworks.of(Framework.FRAISEQL, java.util.Optional.of(1)).dependencyFiles(loaded.spec())).containsExactly("pyproject.toml", "uv.lock");
        assertThat(loaded.spec().project().values("python.package")).containsExactly("granian", "fraiseql");
    }

    // ---------------------------------------------------------------------------------------------- the commands

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gunicorn | gunicorn shop.wsgi:application --bind 0.0.0.0:8000 --worker-tmp-dir /dev/shm --forwarded-allow-ips * "
                    + "--access-logfile - --graceful-timeout 30 --keep-alive 75",
            "uvicorn  | uvicorn shop.asgi:application --host 0.0.0.0 --port 8000 --proxy-headers --forwarded-allow-ips * "
                    + "--timeout-graceful-shutdown 30 --timeout-keep-alive 75",
            "granian  | granian --interface wsgi --host 0.0.0.0 --port 8000 --workers 2 shop.wsgi:application",
            "uwsgi    | uwsgi --master --http-socket 0.0.0.0:8000 --module shop.wsgi:application --processes 2 --die-on-term "
                    + "--need-app --enable-threads --single-interpreter",
            "daphne   | daphne --bind 0.0.0.0 --port 8000 --proxy-headers shop.asgi:application"})
    void eachDjangoServerGetsItsOwnProductionCommand(String server, String command) throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO + "application: {server: " + server + "}\n", Map.of());
        assertThat(String.join(" ", Frameworks.of(Framework.DJANGO).serverCommand(loaded.spec()))).isEqualTo(command);
        assertThat(Frameworks.of(Framework.DJANGO).requirements(loaded.spec())).extracting(Object::toString)
                .anySatisfy(line -> assertThat(line).contains(server));
    }

    @Test
    void fraiseqlRunsUnderUvicornToo() throws Exception {
        SpecLoader.LoadedSpec loaded = load(FRAISEQL + "application: {server: uvicorn}\n", Map.of());
        assertThat(Frameworks.of(Framework.FRAISEQL, java.util.Optional.of(1)).serverCommand(loaded.spec())).startsWith("uvicorn", "src.main:app");
    }

    // ------------------------------------------------------------------------------------------------- the rules

    @Test
    void aServerTheFrameworkCannotRunUnderIsRefusedWhereverItCameFrom() {
        assertThatThrownBy(() -> load(FRAISEQL + "application: {server: uwsgi}\n", Map.of()))
                .hasMessageContaining("application.server: FraiseQL does not run under uwsgi (use gunicorn or uvicorn or granian)");
        assertThatThrownBy(() -> load(FRAISEQL, Map.of("Procfile", "web: daphne src.main:app\n", "requirements.txt", "daphne\n")))
                .hasMessageContaining("Procfile:1:1: application.server: FraiseQL does not run under daphne (use gunicorn or uvicorn "
                        + "or granian in Procfile:1, or set application.server in the spec)");
    }

    @Test
    void keysOfOtherToolsAreRefused() {
        assertThatThrownBy(() -> load(FRAISEQL + "application: {requirements_file: reqs.txt}\n", Map.of()))
                .hasMessageContaining("application.requirements_file: only pip installs from a requirements file; uv reads its own files");
        assertThatThrownBy(() -> load(FRAISEQL + "application: {settings_module: api.settings}\n", Map.of()))
                .hasMessageContaining("application.settings_module: FraiseQL has no settings module to name");
    }

    @Test
    void exactReleasesAreAcceptedForSupportedMinorsOnlyAndPickTheirOwnImage() throws Exception {
        assertThat(load(DJANGO + "application: {runtime_version: \"3.12.7\"}\n", Map.of()).spec().application().runtimeVersion())
                .isEqualTo("3.12.7");
        assertThatThrownBy(() -> load(DJANGO + "application: {runtime_version: \"3.11.9\"}\n", Map.of()))
                .hasMessageContaining("unknown value '3.11.9'");
        assertThat(Pins.pythonImage("3.12.7")).isEqualTo("python:3.12.7-slim");
        assertThat(Pins.pythonImage("3.13")).isEqualTo(Pins.PYTHON_IMAGES.get("3.13"));
        assertThat(Pins.rubyImage("3.4.6")).isEqualTo("ruby:3.4.6-slim");
        String pinnedRuby = Pins.RUBY_IMAGES.get("3.3");
        assertThat(Pins.rubyImage(pinnedRuby.substring("ruby:".length(), pinnedRuby.indexOf("-slim")))).isEqualTo(pinnedRuby);
        assertThatThrownBy(() -> Pins.rubyImage("2.7.8")).isInstanceOf(IllegalArgumentException.class);
    }

    // ----------------------------------------------------------------------------------------------- the preflight

    @Test
    void aSpecWithoutTheAppsFilesHasNothingToJudge() throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO, Map.of());
        assertThat(loaded.spec().project()).isEqualTo(ProjectFacts.none());
        assertThat(loaded.config().warnings()).isEmpty();
    }

    @Test
    void aMissingRequirementsFileFailsAtTheKeyAndNamesAForeignLockFilesExport() {
        assertThatThrownBy(() -> load(DJANGO + "application: {requirements_file: requirements/prod.txt}\n", Map.of("manage.py", "")))
                .hasMessageContaining("deployment.yaml:3:34: application.requirements_file: requirements/prod.txt does not exist, and "
                        + "pip installs the app's dependencies from it (set application.requirements_file to the file that lists the "
                        + "production dependencies, or use application.package_manager: uv with a committed uv.lock)");
        assertThatThrownBy(() -> load(DJANGO, Map.of("pyproject.toml", "[tool.poetry]\n", "poetry.lock", "")))
                .hasMessageContaining("requirements.txt does not exist, and pip installs the app's dependencies from it (poetry.lock "
                        + "is not read by pip or uv: export one: poetry export --without-hashes --output requirements.txt)");
    }

    @Test
    void uvNeedsBothItsFiles() {
        assertThatThrownBy(() -> load(FRAISEQL, Map.of("pyproject.toml", "[project]\nname = \"api\"\n")))
                .hasMessageContaining("application.package_manager: uv installs the app from pyproject.toml and uv.lock, and uv.lock "
                        + "does not exist (run uv lock and commit uv.lock)");
        assertThatThrownBy(() -> load(FRAISEQL, Map.of("Pipfile", "[packages]\n", "Pipfile.lock", "{}")))
                .hasMessageContaining("pyproject.toml does not exist (Pipfile.lock is not read by pip or uv: export one: pipenv "
                        + "requirements > requirements.txt, and set application.package_manager: pip)");
        assertThatThrownBy(() -> load(FRAISEQL, Map.of("setup.py", "")))
                .hasMessageContaining("(set application.package_manager: pip and application.requirements_file)");
    }

    @Test
    void aServerTheAppDoesNotDependOnFailsAndNamesTheOnesItHas() {
        assertThatThrownBy(() -> load(DJANGO + "application: {server: gunicorn}\n", Map.of("requirements.txt", "-r base.txt\n",
                "base.txt", "django\nuwsgi\n")))
                .hasMessageContaining("deployment.yaml:3:23: application.server: gunicorn needs gunicorn, which requirements.txt, "
                        + "base.txt do not list (add gunicorn to requirements.txt, or set application.server to one the app has: uwsgi)");
        assertThatThrownBy(() -> load(FRAISEQL, Map.of("pyproject.toml", "", "uv.lock", "[[package]]\nname = \"gunicorn\"\n")))
                .hasMessageContaining("application.server: gunicorn needs uvicorn, which uv.lock does not list (add uvicorn to uv.lock)");
    }

    @Test
    void aSettingsModuleThatDoesNotExistFails() {
        Map<String, String> project = djangoProject();
        assertThatThrownBy(() -> load(DJANGO + "application: {settings_module: shop.settings.prod}\n", project))
                .hasMessageContaining("deployment.yaml:3:32: application.settings_module: the settings module shop.settings.prod does "
                        + "not exist (no shop/settings/prod.py or shop/settings/prod/__init__.py) (set application.settings_module to "
                        + "the module production runs with)");
    }

    @Test
    void theProjectsHealthRouteIsTheHealthPath() throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO, djangoProject());
        assertThat(loaded.spec().application().healthPath()).isEqualTo("/healthz");
        assertThat(provenance(loaded, "application.health_path")).isEqualTo("detected shop/urls.py:4");
    }

    @Test
    void settingsWithoutStaticRootFailBecauseCollectstaticRunsAtBuild() {
        Map<String, String> project = djangoProject();
        project.put("shop/settings/base.py", "INSTALLED_APPS = []\n# STATIC_ROOT = 'x'\n");
        assertThatThrownBy(() -> load(DJANGO, project)).hasMessageContaining("shop/settings/production.py:1:1: application.settings_module: "
                + "shop.settings.production sets no STATIC_ROOT, and the image build runs collectstatic, which refuses to run without it "
                + "(set STATIC_ROOT = BASE_DIR / \"staticfiles\" in the settings, and serve the files with whitenoise)");
        project.put("shop/settings/production.py", "from ..settings.base import *\nSTATIC_ROOT = '/app/static'\n");
        assertThatCode(() -> load(DJANGO, project)).doesNotThrowAnyException();
    }

    @Test
    void collectstaticAtBuildGetsAStandInForEveryVariableTheSettingsCannotImportWithout() throws Exception {
        Map<String, String> project = djangoProject();
        project.put("shop/settings/production.py", "from .base import *  # noqa\nSTATIC_ROOT = 'x'\n"
                + "DATABASES = {\"default\": dj_database_url.parse(os.environ[\"DATABASE_URL\"])}\n"
                + "ALLOWED_HOSTS = env.list(\"DJANGO_ALLOWED_HOSTS\")\nAPI_KEY = config(\"PARTNER_API_KEY\")\n"
                + "CELERY_BROKER_URL = os.environ[\"CELERY_BROKER_URL\"]  # os.environ[\"COMMENTED\"]\n"
                + "os.environ[\"ASSIGNED\"] = \"x\"\nDEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"true\"\n"
                + "SENTRY = env(\"SENTRY_DSN\", default=\"\")\n");
        SpecLoader.LoadedSpec loaded = load(DJANGO, project);
        assertThat(loaded.spec().project().values("django.required_env")).containsExactly("DATABASE_URL", "DJANGO_ALLOWED_HOSTS",
                "PARTNER_API_KEY", "CELERY_BROKER_URL");
        assertThat(Frameworks.of(Framework.DJANGO).imageSteps(loaded.spec()).afterCode()).extracting(FrameworksTest::plain)
                .containsExactly("DJANGO_SETTINGS_MODULE=shop.settings.production DJANGO_SECRET_KEY=collectstatic-only "
                        + "CELERY_BROKER_URL=redis://localhost:6379/0 DATABASE_URL=postgresql://collectstatic@localhost:5432/collectstatic "
                        + "DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1 PARTNER_API_KEY=collectstatic-only python manage.py collectstatic "
                        + "--noinput");
    }

    @Test
    void theVariablesDatabasesReadsAreSetToTheStacksDatabase() throws Exception {
        Map<String, String> project = djangoProject();
        project.put("shop/settings/production.py", "from .base import *  # noqa\nDATABASES = {\n    \"default\": {\n"
                + "        \"ENGINE\": \"django.db.backends.postgresql\",\n        \"NAME\": os.environ[\"DB_NAME\"],\n"
                + "        \"USER\": env(\"DB_USER\"),\n        \"PASSWORD\": os.getenv(\"DB_PASSWORD\"),  # secret\n"
                + "        \"HOST\": config(\"DB_HOST\", default=\"localhost\"),\n        \"PORT\": os.environ.get(\"DB_PORT\", \"5432\"),\n"
                + "    }\n}\nCACHES = {\"default\": {\"LOCATION\": os.environ[\"CACHE_URL\"]}}\n");
        SpecLoader.LoadedSpec loaded = load(DJANGO, project);
        assertThat(loaded.spec().project().values("django.database_env")).containsExactly("DB_NAME database", "DB_USER username",
                "DB_PASSWORD password", "DB_HOST host", "DB_PORT port");
        List<EnvVar> settings = Frameworks.of(Framework.DJANGO).settings(loaded.spec(), new Wiring(true, "https://shop.example.com",
                "shop.example.com", false));
        assertThat(settings).contains(new EnvVar("DB_NAME", new EnvVar.Literal("shop")), new EnvVar("DB_USER", new EnvVar.DatabaseUser()),
                new EnvVar("DB_PASSWORD", new EnvVar.DatabasePassword()), new EnvVar("DB_HOST", new EnvVar.DatabaseHost()),
                new EnvVar("DB_PORT", new EnvVar.Literal("5432")));
        assertThat(loaded.config().warnings()).isEmpty();

        project.put("shop/settings/production.py", "DATABASES = {\"default\": dj_database_url.config(env=\"PG_URL\", conn_max_age=60)}\n"
                + "STATIC_ROOT = 'x'\n");
        assertThat(load(DJANGO, project).spec().project().values("django.database_env")).containsExactly("PG_URL url");
        project.put("shop/settings/production.py", "DATABASES = {\"default\": env.db()}\nSTATIC_ROOT = 'x'\n");
        assertThat(load(DJANGO, project).spec().project().values("django.database_env")).isEmpty();

        project.put("shop/settings/production.py", "DATABASES = {\n    \"default\": {\"NAME\": \"shop\", \"HOST\": \"localhost\"},\n}\n"
                + "STATIC_ROOT = 'x'\n");
        assertThat(load(DJANGO, project).config().warnings()).extracting(Problem::toString).containsExactly("shop/settings/production.py:1:1: "
                + "DATABASES reads no environment variable, so the app cannot reach the stack's database, which the stack passes as "
                + "DATABASE_URL (read it: DATABASES = {\"default\": dj_database_url.config(conn_max_age=60)} with the dj-database-url package)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "django-rq==3.1       | rq       | python manage.py rqworker-pool default --num-workers 2",
            "django-dramatiq==0.14 | dramatiq | python manage.py rundramatiq --processes 1 --threads 2",
            "huey[redis]==2.5     | huey     | python manage.py run_huey --workers 2",
            "celery==5.5\\nhuey   | celery   | celery --app shop worker --loglevel INFO --concurrency 2"})
    void theJobSystemIsTheOneTheAppDependsOn(String requirement, String system, String command) throws Exception {
        SpecLoader.LoadedSpec loaded = load(DJANGO + "application: {worker: {concurrency: 2}}\n",
                Map.of("requirements.txt", "gunicorn\n" + requirement.replace("\\n", "\n") + "\n"));
        assertThat(loaded.spec().application().worker().system().map(JobSystem::id)).contains(system);
        Worker worker = Frameworks.of(Framework.DJANGO).worker(loaded.spec()).orElseThrow();
        assertThat(String.join(" ", worker.command())).isEqualTo(command);
        assertThat(worker.needsBroker()).isTrue();
        assertThat(Frameworks.of(Framework.DJANGO).brokerSettings(loaded.spec(), new Wiring(true, "https://x", "x", false)))
                .hasSize(system.equals("celery") ? 1 : 0);
        assertThat(Frameworks.of(Framework.DJANGO).requirements(loaded.spec())).extracting(FrameworksTest::plain)
                .anySatisfy(line -> assertThat(line).containsIgnoringCase(system));
    }

    @Test
    void theSchedulerIsCeleryBeatOnly() {
        assertThatThrownBy(() -> load(DJANGO + "application: {worker: {system: huey, scheduler: true}}\n", Map.of()))
                .hasMessageContaining("application.worker.scheduler: the scheduler (celery beat) runs with Celery only (schedule periodic "
                        + "jobs with huey's own scheduler, or remove it)");
    }

    @Test
    void uploadsOnTheLocalDiskGetAVolumeAndUploadsElsewhereDoNot() throws Exception {
        Map<String, String> project = djangoProject();
        project.put("shop/settings/base.py", "STATIC_ROOT = BASE_DIR / 'static'\nMEDIA_ROOT = os.path.join(BASE_DIR, 'uploads/')\n");
        SpecLoader.LoadedSpec loaded = load(DJANGO, project);
        assertThat(Frameworks.of(Framework.DJANGO).storageDirectory(loaded.spec())).contains("/app/uploads");
        assertThat(loaded.spec().project().first("django.media_root").orElseThrow().source()).isEqualTo("shop/settings/base.py:2");
        project.put("shop/settings/production.py", "from .base import *\nSTORAGES = {\"default\": {\"BACKEND\": "
                + "\"storages.backends.s3.S3Storage\"}}\n");
        assertThat(Frameworks.of(Framework.DJANGO).storageDirectory(load(DJANGO, project).spec())).isEmpty();
    }

    @Test
    void workersWithoutCeleryFail() {
        assertThatThrownBy(() -> load(DJANGO + "application: {worker: {enabled: true}}\n", Map.of("requirements.txt", "gunicorn\n")))
                .hasMessageContaining("application.worker.enabled: Celery workers are enabled, but celery is not a dependency in "
                        + "requirements.txt (set application.worker.enabled: false, or add celery to requirements.txt)");
    }

    @Test
    void includeProblemsStopTheRunToo() {
        assertThatThrownBy(() -> load(DJANGO, Map.of("requirements.txt", "gunicorn\n-r missing.txt\n")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("requirements.txt:2:1: application.requirements_file: missing.txt, which requirements.txt includes");
        assertThat(List.of(PythonDependencies.resolve("requirements/prod.txt", "../base.txt"),
                PythonDependencies.resolve("a.txt", "/etc/passwd"), PythonDependencies.resolve("a.txt", "./")))
                .extracting(o -> o.orElse("-")).containsExactly("base.txt", "-", "-");
    }
}
