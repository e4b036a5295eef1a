package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.ProjectFacts.Fact;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What Python frameworks share: the image, the health probe, gunicorn, the dependency and version files. */
abstract class PythonFramework implements FrameworkRuntime {

    /** Each file pip installs from: the requirements file and what it includes. */
    static final String REQUIREMENTS_FACT = "python.requirements_file";
    /** A notable package among the app's dependencies. */
    static final String PACKAGE_FACT = "python.package";
    /** The requirements file of a pip app's test and lint tools, which the image never installs. */
    static final String TEST_REQUIREMENTS_FACT = "python.test_requirements_file";
    /** A test or lint tool among the app's dependencies, development ones included. */
    static final String TEST_TOOL_FACT = "python.test_tool";
    /** Where pip apps keep their test and lint tools, in the order a file is preferred. */
    static final List<String> TEST_REQUIREMENTS_FILES = List.of("requirements-dev.txt", "requirements/dev.txt",
            "requirements/development.txt", "requirements-test.txt", "requirements/test.txt", "dev-requirements.txt",
            "test-requirements.txt");
    /** Test and lint tools a pipeline runs when the app depends on them. */
    static final List<String> TEST_TOOLS = List.of("pytest", "ruff");

    private static final String V = RuntimeVersions.VERSION_GROUP;
    /** pyenv and uv: "3.12.7", "3.12"; "system" and other interpreters name no CPython version. */
    private static final Pattern PYTHON_VERSION_FILE = Pattern.compile("^\\s*(?:cpython-|python-?)?" + V + "(?![\\d.])");
    /** Heroku and its peers: "python-3.12.7". */
    private static final Pattern RUNTIME_TXT = Pattern.compile("^\\s*python-" + V);
    /** asdf and mise: "python 3.12.7". */
    private static final Pattern TOOL_VERSIONS = Pattern.compile("^\\s*python\\s+" + V);
    /** Pipenv's [requires]: python_version = "3.12" or python_full_version = "3.12.7". */
    private static final Pattern PIPFILE = Pattern.compile("^\\s*python_(?:full_)?version\\s*=\\s*[\"']" + V + "[\"']");
    /** PEP 621: requires-python = ">=3.12,<3.13". */
    private static final Pattern REQUIRES_PYTHON = Pattern.compile("^\\s*requires-python\\s*=\\s*[\"']([^\"']+)[\"']");

    /** Files that show the app itself is in the project; without any, the preflight has nothing to judge. */
    private static final List<String> APP_MARKERS = List.of("pyproject.toml", "manage.py", "setup.py", "Pipfile", "uv.lock",
            "requirements.txt", "requirements/base.txt", "poetry.lock");
    /** Lock files of managers the image recipe does not run, with how to get a file it does. */
    private static final Map<String, String> FOREIGN_LOCKS = new java.util.TreeMap<>(Map.of(
            "poetry.lock", "export one: poetry export --without-hashes --output requirements.txt",
            "Pipfile.lock", "export one: pipenv requirements > requirements.txt",
            "pdm.lock", "export one: pdm export --without-hashes --output requirements.txt"));
    /** Packages whose presence is worth recording as a fact: servers, job systems, static files, settings helpers. */
    static final List<String> NOTABLE_PACKAGES = List.of("gunicorn", "uvicorn", "uvicorn-worker", "granian", "uwsgi", "daphne",
            "celery", "rq", "dramatiq", "huey", "whitenoise", "dj-database-url", "django-environ", "psycopg", "psycopg2",
            "psycopg2-binary", "fraiseql", "fraiseql-confiture", "django-prometheus", "prometheus-client");

    /**
     * The Python version (from the files pyenv, uv, Heroku-style buildpacks, asdf and Pipenv obey, in that order;
     * pyproject.toml's requires-python decides only when none pins one), the package manager and requirements file,
     * the server, and what the framework itself reads.
     */
    @Override
    public Detection detect(ProjectFiles files) {
        List<RuntimeVersions.Reading> pins = RuntimeVersions.pins(files, List.of(Map.entry(".python-version", PYTHON_VERSION_FILE),
                Map.entry("runtime.txt", RUNTIME_TXT), Map.entry(".tool-versions", TOOL_VERSIONS), Map.entry("Pipfile", PIPFILE)));
        Optional<RuntimeVersions.Range> range = RuntimeVersions.first(files, "pyproject.toml", REQUIRES_PYTHON)
                .map(r -> new RuntimeVersions.Range(r.file(), r.line(), r.version(), List.of(r.version().split(","))));
        Detection version = RuntimeVersions.detect(language(), pins, range, runtimeVersions());
        List<Detected> values = new ArrayList<>();
        Optional<PythonDependencies.Declared> declared = PythonDependencies.declared(files);
        declared.ifPresent(d -> values.addAll(d.values()));
        Procfile procfile = Procfile.read(files);
        // The Procfile is the app's own word: a server this framework cannot run under is detected, then refused at that line.
        procfile.server(List.of(AppServer.values())).or(() -> declared.flatMap(d -> firstServer(d.packages())))
                .ifPresent(values::add);
        values.addAll(detectOwn(files, declared.map(PythonDependencies.Declared::packages), procfile));
        values.addAll(procfile.commands(this::servesProduction, values));
        return version.with(values);
    }

    /** Whether a Procfile's web: line is a production server this framework's stack can run in place of its own. */
    boolean servesProduction(Procfile.Command web) {
        return true;
    }

    /** The first server, in this framework's order of preference, whose packages the app depends on. */
    private Optional<Detected> firstServer(Map<String, Location> packages) {
        return servers().stream().filter(s -> !serverPackages(s).isEmpty() && packages.keySet().containsAll(serverPackages(s))).findFirst()
                .map(s -> new Detected(Procfile.SERVER_KEY, s.id(), packages.get(s.dependency())));
    }

    /** What the framework itself reads from the project: its package, settings, job system. */
    abstract List<Detected> detectOwn(ProjectFiles files, Optional<Map<String, Location>> packages, Procfile procfile);

    /**
     * The files pip installs (every include of the requirements file) and notable packages as facts; errors when
     * the dependency files the image recipe installs from are missing, or lack the server.
     */
    @Override
    public Survey survey(ProjectFiles files, DeploymentSpec spec, SpecPlaces places) {
        if (APP_MARKERS.stream().noneMatch(marker -> files.read(marker).isPresent())) {
            return Survey.none();
        }
        List<Fact> facts = new ArrayList<>();
        List<Problem> errors = new ArrayList<>();
        Map<String, Location> packages;
        List<String> read;
        String foreignLock = FOREIGN_LOCKS.keySet().stream().filter(lock -> files.read(lock).isPresent()).findFirst().orElse(null);
        if (spec.application().packageManager() == PackageManager.PIP) {
            String root = spec.application().requirementsFile().orElseThrow();
            PythonDependencies.RequirementsTree tree = PythonDependencies.requirements(files, root);
            if (tree.files().isEmpty()) {
                errors.add(Problem.of(places.of("application.requirements_file"), "application.requirements_file",
                        root + " does not exist, and pip installs the app's dependencies from it", foreignLock != null
                                ? foreignLock + " is not read by pip or uv: " + FOREIGN_LOCKS.get(foreignLock)
                                : "set application.requirements_file to the file that lists the production dependencies, "
                                        + "or use application.package_manager: uv with a committed uv.lock"));
                return new Survey(ProjectFacts.none(), errors, List.of());
            }
            tree.files().forEach((file, namedAt) -> facts.add(new Fact(REQUIREMENTS_FACT, file, namedAt)));
            errors.addAll(tree.problems());
            packages = tree.packages();
            read = List.copyOf(tree.files().keySet());
            testTools(files, packages, facts);
        } else {
            if (files.read("pyproject.toml").isEmpty() || files.read("uv.lock").isEmpty()) {
                String missing = files.read("pyproject.toml").isEmpty() ? "pyproject.toml" : "uv.lock";
                errors.add(Problem.of(places.of("application.package_manager"), "application.package_manager", "uv installs the app "
                        + "from pyproject.toml and uv.lock, and " + missing + " does not exist", missing.equals("uv.lock")
                        ? "run uv lock and commit uv.lock" : foreignLock != null ? foreignLock + " is not read by pip or uv: "
                        + FOREIGN_LOCKS.get(foreignLock) + ", and set application.package_manager: pip"
                        : "set application.package_manager: pip and application.requirements_file"));
                return new Survey(ProjectFacts.none(), errors, List.of());
            }
            packages = PythonDependencies.uvLock(files);
            read = List.of("uv.lock");
            // uv.lock holds the development groups too, which uv sync installs by default.
            PythonDependencies.present(packages, TEST_TOOLS).forEach(name -> facts.add(new Fact(TEST_TOOL_FACT, name, packages.get(name))));
        }
        PythonDependencies.present(packages, NOTABLE_PACKAGES).forEach(name -> facts.add(new Fact(PACKAGE_FACT, name, packages.get(name))));
        List<String> missing = serverPackages(spec.application().server()).stream().filter(p -> !packages.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            List<String> available = servers().stream().filter(s -> serverPackages(s).stream().allMatch(packages::containsKey))
                    .map(AppServer::id).toList();
            errors.add(Problem.of(places.of("application.server"), "application.server", spec.application().server().id() + " needs "
                    + String.join(" and ", missing) + ", which " + String.join(", ", read) + (read.size() == 1 ? " does" : " do")
                    + " not list", "add " + String.join(" and ", missing) + " to " + read.get(0) + (available.isEmpty() ? ""
                    : ", or set application.server to one the app has: " + String.join(", ", available))));
        }
        List<Problem> warnings = new ArrayList<>();
        surveyOwn(files, spec, places, packages, read, facts, errors, warnings);
        Migrations.preflight(files, spec, places, errors);
        return new Survey(new ProjectFacts(facts), errors, warnings);
    }

    /** A pip app's test requirements file and the tools it (or the production tree) names; never added to the image's packages. */
    private static void testTools(ProjectFiles files, Map<String, Location> production, List<Fact> facts) {
        Map<String, Location> all = new java.util.LinkedHashMap<>(production);
        TEST_REQUIREMENTS_FILES.stream().filter(file -> files.read(file).isPresent()).findFirst().ifPresent(file -> {
            facts.add(new Fact(TEST_REQUIREMENTS_FACT, file, Location.startOf(file)));
            PythonDependencies.requirements(files, file).packages().forEach(all::putIfAbsent);
        });
        PythonDependencies.present(all, TEST_TOOLS).forEach(name -> facts.add(new Fact(TEST_TOOL_FACT, name, all.get(name))));
    }

    @Override
    public CiChecks ciChecks(DeploymentSpec spec) {
        boolean uv = spec.application().packageManager() == PackageManager.UV;
        List<CiChecks.CiCommand> install = new ArrayList<>();
        if (uv) {
            install.add(new CiChecks.CiCommand(List.of("uv", "sync", "--locked"), "uv.lock, with its development groups"));
        } else {
            String requirements = spec.application().requirementsFile().orElseThrow();
            List<String> argv = new ArrayList<>(List.of("python", "-m", "pip", "install", "--requirement", requirements));
            Optional<Fact> tests = spec.project().first(TEST_REQUIREMENTS_FACT);
            tests.ifPresent(fact -> argv.addAll(List.of("--requirement", fact.value())));
            install.add(new CiChecks.CiCommand(argv, tests.map(fact -> requirements + " and the test requirements " + fact.value())
                    .orElse(requirements + "; no test requirements file (" + String.join(", ", TEST_REQUIREMENTS_FILES) + ")")));
        }
        // After uv sync, run in its environment without syncing again (a second sync could change nothing but time).
        List<String> run = uv ? List.of("uv", "run", "--no-sync") : List.of();
        List<CiChecks.CiCommand> lint = new ArrayList<>();
        tool(spec, "ruff").ifPresent(ruff -> lint.add(new CiChecks.CiCommand(words(run, "ruff", "check", "."), "ruff in " + ruff.source())));
        lint.addAll(ownChecks(run));
        List<CiChecks.CiCommand> test = tool(spec, "pytest")
                .map(pytest -> List.of(new CiChecks.CiCommand(words(run, "pytest"), "pytest in " + pytest.source())))
                .orElseGet(() -> ownTests(run));
        return new CiChecks(install, lint, test, Map.of());
    }

    private static Optional<Fact> tool(DeploymentSpec spec, String name) {
        return spec.project().facts().stream().filter(f -> f.name().equals(TEST_TOOL_FACT) && f.value().equals(name)).findFirst();
    }

    /** {@code prefix} then {@code words}: a command run through uv or directly. */
    static List<String> words(List<String> prefix, String... words) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(words));
        return argv;
    }

    /** The framework's own static checks, run through {@code run} (uv's environment or none). */
    List<CiChecks.CiCommand> ownChecks(List<String> run) {
        return List.of();
    }

    /** The framework's own test runner, when the app names none. */
    List<CiChecks.CiCommand> ownTests(List<String> run) {
        return List.of();
    }

    /** The framework's own preflight, with the packages the app depends on and the files they were read from. */
    abstract void surveyOwn(ProjectFiles files, DeploymentSpec spec, SpecPlaces places, Map<String, Location> packages,
                            List<String> read, List<ProjectFacts.Fact> facts, List<Problem> errors, List<Problem> warnings);

    /** The packages a server needs in the app's dependencies. */
    List<String> serverPackages(AppServer server) {
        return server.dependency().isEmpty() ? List.of() : List.of(server.dependency());
    }

    @Override
    public String language() {
        return "Python";
    }

    @Override
    public Set<String> runtimeVersions() {
        return Pins.pythonVersions();
    }

    @Override
    public List<PackageManager> packageManagers() {
        return List.of(PackageManager.UV, PackageManager.PIP);
    }

    @Override
    public boolean buildsRustExtensions() {
        return true;
    }

    @Override
    public String imageRecipe() {
        return "python";
    }

    @Override
    public String baseImage(String runtimeVersion) {
        return Pins.pythonImage(runtimeVersion);
    }

    @Override
    public List<String> dependencyFiles(DeploymentSpec spec) {
        if (spec.application().packageManager() == PackageManager.UV) {
            return List.of("pyproject.toml", "uv.lock");
        }
        List<String> read = spec.project().values(REQUIREMENTS_FACT);
        return read.isEmpty() ? List.of(spec.application().requirementsFile().orElseThrow()) : read;
    }

    @Override
    public String appDirectory() {
        return "/app";
    }

    @Override
    public List<String> healthcheck(String url) {
        return List.of("python", "-c", "import sys, urllib.request; "
                + "sys.exit(0 if urllib.request.urlopen('" + url + "', timeout=4).status == 200 else 1)");
    }

    @Override
    public List<String> reaches(String host, int port) {
        return List.of("python", "-c", "import socket; socket.create_connection(('" + host + "', " + port + "), timeout=3).close()");
    }

    @Override
    public ImageSteps imageSteps(DeploymentSpec spec) {
        return ImageSteps.afterCode(List.of());
    }

    @Override
    public List<String> writablePaths() {
        return List.of("/tmp");
    }

    @Override
    public Optional<String> storageDirectory(DeploymentSpec spec) {
        return Optional.empty();
    }

    @Override
    public List<String> dockerignorePatterns() {
        return List.of("**/__pycache__", "**/*.py[cod]", ".venv", ".pytest_cache", ".mypy_cache", ".ruff_cache", "*.egg-info",
                "*.sqlite3", "media");
    }

    /** gunicorn's options every Python server shares: in-memory heartbeat files, trusted proxy headers, logs. */
    static List<String> gunicorn(String app, List<String> options, String bind) {
        List<String> command = new ArrayList<>(List.of("gunicorn", app));
        command.addAll(options);
        command.addAll(List.of("--bind", bind, "--worker-tmp-dir", "/dev/shm", "--forwarded-allow-ips", "*",
                "--access-logfile", "-", "--graceful-timeout", "30", "--keep-alive", KEEP_ALIVE_SECONDS));
        return command;
    }

    /**
     * The production command of an ASGI app under uvicorn, granian or daphne, all bound to every interface of the
     * container and trusting the proxy's forwarded headers where the server can; process counts from
     * WEB_CONCURRENCY (uvicorn reads it itself) or the spec.
     */
    static List<String> asgi(AppServer server, String app, DeploymentSpec spec) {
        String port = String.valueOf(spec.application().port());
        return switch (server) {
            case UVICORN -> List.of("uvicorn", app, "--host", "0.0.0.0", "--port", port, "--proxy-headers", "--forwarded-allow-ips", "*",
                    "--timeout-graceful-shutdown", "30", "--timeout-keep-alive", KEEP_ALIVE_SECONDS);
            case GRANIAN -> List.of("granian", "--interface", "asgi", "--host", "0.0.0.0", "--port", port, "--workers",
                    String.valueOf(spec.application().workers()), app);
            case DAPHNE -> List.of("daphne", "--bind", "0.0.0.0", "--port", port, "--proxy-headers", app);
            default -> throw new IllegalArgumentException(server + " does not serve ASGI apps");
        };
    }

    /** A WSGI app under granian or uWSGI; uWSGI 2.0 reloads on SIGTERM unless told to die, which stops would wait out. */
    static List<String> wsgi(AppServer server, String app, DeploymentSpec spec) {
        String port = String.valueOf(spec.application().port());
        String workers = String.valueOf(spec.application().workers());
        return switch (server) {
            case GRANIAN -> List.of("granian", "--interface", "wsgi", "--host", "0.0.0.0", "--port", port, "--workers", workers, app);
            case UWSGI -> List.of("uwsgi", "--master", "--http-socket", "0.0.0.0:" + port, "--module", app, "--processes", workers,
                    "--die-on-term", "--need-app", "--enable-threads", "--single-interpreter");
            default -> throw new IllegalArgumentException(server + " is not a WSGI server this recipe runs");
        };
    }

    static String module(DeploymentSpec spec) {
        return spec.application().module().orElseThrow();
    }

    /** The dependency files and the server, before the framework's own lines. */
    @Override
    public List<Snippet> requirements(DeploymentSpec spec) {
        List<Snippet> lines = new ArrayList<>();
        lines.add(spec.application().packageManager() == PackageManager.UV
                ? Snippet.words("Dependencies in ").thenCode("pyproject.toml").then(" with a committed ").thenCode("uv.lock")
                        .then(" (").thenCode("uv lock").then(").")
                : Snippet.words("Dependencies in ").thenCode(spec.application().requirementsFile().orElseThrow())
                        .then(" and the files it includes, with exact versions."));
        List<String> packages = serverPackages(spec.application().server());
        if (!packages.isEmpty()) {
            Snippet server = Snippet.words("A dependency on ").thenCode(packages.get(0));
            for (String other : packages.subList(1, packages.size())) {
                server = server.then(" and ").thenCode(other);
            }
            lines.add(server.then(packages.size() == 1 ? ", the production server." : ", which the production server needs."));
        }
        return lines;
    }
}
