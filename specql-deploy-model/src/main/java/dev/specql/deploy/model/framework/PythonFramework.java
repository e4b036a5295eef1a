package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
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

    /**
     * The Python version, from the files pyenv, uv, Heroku-style buildpacks, asdf and Pipenv obey, in that order;
     * pyproject.toml's requires-python decides only when none pins one.
     */
    @Override
    public Detection detect(ProjectFiles files) {
        List<RuntimeVersions.Reading> pins = RuntimeVersions.pins(files, List.of(Map.entry(".python-version", PYTHON_VERSION_FILE),
                Map.entry("runtime.txt", RUNTIME_TXT), Map.entry(".tool-versions", TOOL_VERSIONS), Map.entry("Pipfile", PIPFILE)));
        Optional<RuntimeVersions.Range> range = files.read("pyproject.toml")
                .flatMap(text -> RuntimeVersions.firstMatch("pyproject.toml", text, REQUIRES_PYTHON))
                .map(r -> new RuntimeVersions.Range(r.file(), r.line(), r.version(), List.of(r.version().split(","))));
        return RuntimeVersions.detect(language(), pins, range, runtimeVersions());
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
        return Pins.PYTHON_IMAGES.get(runtimeVersion);
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
    public Optional<Snippet> buildStep(DeploymentSpec spec) {
        return Optional.empty();
    }

    @Override
    public List<String> writablePaths() {
        return List.of("/tmp");
    }

    @Override
    public Optional<String> storageDirectory() {
        return Optional.empty();
    }

    @Override
    public List<String> dockerignorePatterns() {
        return List.of("**/__pycache__", "**/*.py[cod]", ".venv", ".pytest_cache", ".mypy_cache", ".ruff_cache", "*.egg-info");
    }

    /** gunicorn's options every Python server shares: in-memory heartbeat files, trusted proxy headers, logs. */
    static List<String> gunicorn(String app, List<String> options, String bind) {
        List<String> command = new ArrayList<>(List.of("gunicorn", app));
        command.addAll(options);
        command.addAll(List.of("--bind", bind, "--worker-tmp-dir", "/dev/shm", "--forwarded-allow-ips", "*",
                "--access-logfile", "-", "--graceful-timeout", "30"));
        return command;
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
                : Snippet.words("Dependencies in ").thenCode("requirements.txt").then(", with exact versions."));
        lines.add(Snippet.words("A dependency on ").thenCode("gunicorn").then(", the production server."));
        return lines;
    }
}
