package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.KeyValues;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.framework.EnvVar.Service;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Django: a WSGI project package served by gunicorn, Celery for background jobs. */
final class Django extends PythonFramework {

    private static final String SECRET_KEY = "DJANGO_SECRET_KEY";
    private static final String ALLOWED_HOSTS = "DJANGO_ALLOWED_HOSTS";
    /** The app's service name in the generated Compose files, the host Prometheus scrapes. */
    private static final String APP_SERVICE = "app";
    private static final String CELERY_BROKER_URL = "CELERY_BROKER_URL";
    private static final int CELERY_PING_SECONDS = 5;
    /** A Python process that imports Celery and the Django app, on a loaded host. */
    private static final int PYTHON_START_SECONDS = 25;
    /** os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings"), or os.environ["DJANGO_SETTINGS_MODULE"] = "...". */
    private static final Pattern SETTINGS_DEFAULT = Pattern.compile(
            "DJANGO_SETTINGS_MODULE[\"']\\s*(?:,|]\\s*=)\\s*[\"']([A-Za-z_][A-Za-z0-9_.]*)[\"']");
    /** The module names a settings package gives its production settings, in order of preference. */
    private static final List<String> PRODUCTION_MODULES = List.of("production", "prod");

    private static final Map<String, Object> DEFAULTS = KeyValues.table(
            "application.port", 8000,
            "application.health_path", "/health/",
            "application.workers", 2,
            "application.runtime_version", "3.13",
            "application.package_manager", "pip",
            "application.server", "gunicorn",
            "application.requirements_file", "requirements.txt",
            "application.worker.enabled", true,
            "application.worker.system", "celery",
            "database.pool_size", 10,
            "database.migration_tool", "django");

    /** Django holds one persistent connection per process (per thread under a threaded server), not a pool. */
    @Override
    public boolean poolsConnections() {
        return false;
    }

    @Override
    public Framework framework() {
        return Framework.DJANGO;
    }

    @Override
    public String displayName() {
        return "Django";
    }

    @Override
    public String summary() {
        return "a Django app";
    }

    @Override
    public Map<String, Object> defaults() {
        return DEFAULTS;
    }

    @Override
    List<CiChecks.CiCommand> ownChecks(List<String> run) {
        return List.of(new CiChecks.CiCommand(words(run, "python", "manage.py", "check"), "Django's system checks"),
                new CiChecks.CiCommand(words(run, "python", "manage.py", "makemigrations", "--check", "--dry-run"),
                        "Django: fails when a model change has no migration"));
    }

    @Override
    List<CiChecks.CiCommand> ownTests(List<String> run) {
        return List.of(new CiChecks.CiCommand(words(run, "python", "manage.py", "test"), "Django's own test runner (no pytest found)"));
    }

    @Override
    public Optional<OwnMigrations> migrations() {
        return Optional.of(new OwnMigrations(MigrationTool.DJANGO, List.of("python", "manage.py", "migrate", "--noinput")));
    }

    @Override
    public Optional<Complaint> checkModule(String module, boolean userSet) {
        return module.contains(":")
                ? Optional.of(new Complaint("Django needs the project package, not an attribute",
                        "e.g. " + module.substring(0, module.indexOf(':')).replaceAll("\\.wsgi$|\\.asgi$", "")))
                : Optional.empty();
    }

    @Override
    public boolean moduleFromName() {
        return true;
    }

    @Override
    public Optional<String> settingsModuleOf(String module) {
        return Optional.of(module + ".settings");
    }

    @Override
    public List<AppServer> servers() {
        return List.of(AppServer.GUNICORN, AppServer.UVICORN, AppServer.GRANIAN, AppServer.UWSGI, AppServer.DAPHNE);
    }

    /**
     * The project package and the production settings module, from what the entry points set as
     * DJANGO_SETTINGS_MODULE (wsgi.py before asgi.py before manage.py, which often names development settings);
     * a settings package's production module wins over a non-production default. Celery workers when Celery is a
     * dependency or the Procfile runs one.
     */
    @Override
    List<Detected> detectOwn(ProjectFiles files, Optional<Map<String, Location>> packages, Procfile procfile) {
        List<Detected> values = new ArrayList<>();
        Found.first(files, "manage.py", SETTINGS_DEFAULT).ifPresent(manage -> {
            String project = projectPackage(manage.value());
            values.add(new Detected("application.module", project, manage.origin()));
            String path = project.replace('.', '/');
            Found base = Found.first(files, path + "/wsgi.py", SETTINGS_DEFAULT)
                    .or(() -> Found.first(files, path + "/asgi.py", SETTINGS_DEFAULT)).orElse(manage);
            Detected production = productionModule(files, project, base);
            values.add(production);
            settingsFiles(files, (String) production.value()).stream().map(file -> Found.first(files, file, GEODJANGO))
                    .flatMap(Optional::stream).findFirst()
                    .ifPresent(gis -> values.add(new Detected(URL_SCHEME, DeploymentSpec.Database.POSTGIS, gis.origin())));
            Found.first(files, path + "/urls.py", HEALTH_ROUTE)
                    .ifPresent(route -> values.add(new Detected("application.health_path", "/" + route.value(), route.origin())));
        });
        Optional<Procfile.Command> procfileWorker = procfile.command("worker").filter(c -> c.program().equals("celery"));
        packages.filter(p -> !p.isEmpty()).ifPresent(p -> {
            Optional<JobSystem> system = jobSystems().stream().filter(s -> p.containsKey(s.dependency())).findFirst();
            if (system.isPresent()) {
                Location at = p.get(system.get().dependency());
                values.add(new Detected(WORKER_ENABLED, true, at));
                values.add(new Detected(WORKER_SYSTEM, system.get().id(), at));
            } else {
                values.add(procfileWorker.map(w -> new Detected(WORKER_ENABLED, true, w.origin()))
                        .orElse(new Detected(WORKER_ENABLED, false, Location.startOf(p.values().iterator().next().file()))));
            }
        });
        return values;
    }

    private static final String WORKER_ENABLED = "application.worker.enabled";
    private static final String WORKER_SYSTEM = "application.worker.system";
    private static final String URL_SCHEME = "database.url_scheme";
    /** GeoDjango in INSTALLED_APPS or as the database backend, outside comments. */
    private static final java.util.regex.Pattern GEODJANGO = java.util.regex.Pattern.compile(
            "^[^#]*[\"'](django\\.contrib\\.gis)(?:\\.db\\.backends\\.postgis)?[\"']");
    /** What GeoDjango loads at runtime, as Django's installation guide lists it for Debian (GDAL brings GEOS and PROJ). */
    private static final List<String> GEODJANGO_PACKAGES = List.of("binutils", "gdal-bin");

    /** dj-database-url and django-environ pick the PostGIS backend from a postgis:// URL. */
    @Override
    public boolean readsPostgisUrls() {
        return true;
    }

    /** The spec's packages, and GeoDjango's libraries when the database is PostGIS. */
    @Override
    public List<String> systemPackages(DeploymentSpec spec) {
        List<String> packages = new ArrayList<>(spec.application().systemPackages());
        if (spec.database().postgis()) {
            GEODJANGO_PACKAGES.stream().filter(p -> !packages.contains(p)).forEach(packages::add);
        }
        return packages;
    }

    /** "mysite" for mysite.settings, "config" for config.settings.production. */
    private static String projectPackage(String settingsModule) {
        int settings = settingsModule.indexOf(".settings");
        return settings > 0 ? settingsModule.substring(0, settings)
                : settingsModule.contains(".") ? settingsModule.substring(0, settingsModule.lastIndexOf('.')) : settingsModule;
    }

    private static Detected productionModule(ProjectFiles files, String project, Found base) {
        String module = base.value();
        String leaf = module.substring(module.lastIndexOf('.') + 1);
        if (!PRODUCTION_MODULES.contains(leaf)) {
            String settingsPackage = isPackage(files, module) ? module : module.contains(".") ? module.substring(0, module.lastIndexOf('.')) : "";
            if (!settingsPackage.isEmpty() && !settingsPackage.equals(project) && isPackage(files, settingsPackage)) {
                for (String production : PRODUCTION_MODULES) {
                    String candidate = settingsPackage + "." + production;
                    if (files.read(candidate.replace('.', '/') + ".py").isPresent()) {
                        return new Detected("application.settings_module", candidate, Location.startOf(candidate.replace('.', '/') + ".py"));
                    }
                }
            }
        }
        return new Detected("application.settings_module", module, base.origin());
    }

    private static boolean isPackage(ProjectFiles files, String module) {
        return files.read(module.replace('.', '/') + "/__init__.py").isPresent();
    }

    private static boolean moduleExists(ProjectFiles files, String module) {
        return files.read(module.replace('.', '/') + ".py").isPresent() || isPackage(files, module);
    }

    @Override
    void surveyOwn(ProjectFiles files, DeploymentSpec spec, SpecPlaces places, Map<String, Location> packages, List<String> read,
                   List<ProjectFacts.Fact> facts, List<Problem> errors, List<Problem> warnings) {
        String settings = settingsModule(spec);
        if (files.read("manage.py").isPresent() && !moduleExists(files, settings)) {
            String path = settings.replace('.', '/');
            errors.add(Problem.of(places.of("application.settings_module"), "application.settings_module", "the settings module "
                    + settings + " does not exist (no " + path + ".py or " + path + "/__init__.py)",
                    "set application.settings_module to the module production runs with"));
        }
        spec.application().worker().system().filter(system -> spec.application().worker().enabled())
                .filter(system -> !packages.containsKey(system.dependency())).ifPresent(system -> errors.add(Problem.of(
                        places.of(WORKER_ENABLED), WORKER_ENABLED, system.displayName() + " workers are enabled, but " + system.dependency()
                                + " is not a dependency in " + String.join(", ", read), "set application.worker.enabled: false, or add "
                                + system.dependency() + " to " + read.get(0))));
        databaseVariables(files, settingsFiles(files, settings), facts, warnings);
        requiredVariables(files, settingsFiles(files, settings), facts);
        mediaRoot(files, settingsFiles(files, settings), spec).ifPresent(facts::add);
        settingsFiles(files, settings).stream().findFirst().ifPresent(first -> {
            if (settingsFiles(files, settings).stream().noneMatch(file -> Found.first(files, file, STATIC_ROOT).isPresent())) {
                errors.add(Problem.of(Location.startOf(first), "application.settings_module", settings + " sets no STATIC_ROOT, and "
                        + "the image build runs collectstatic, which refuses to run without it", "set STATIC_ROOT = BASE_DIR / "
                        + "\"staticfiles\" in the settings, and serve the files with whitenoise"));
            }
        });
    }

    /** path("health/", ...), path("healthz", ...) in the project's URLconf: the app's own health view. */
    private static final Pattern HEALTH_ROUTE = Pattern.compile("^\\s*(?:re_)?path\\(\\s*r?[\"']\\^?(health[\\w-]*/?)\\$?[\"']");

    /** A variable the settings cannot be imported without: os.environ["X"], or env("X") or config("X") with no default. */
    static final String REQUIRED_ENV_FACT = "django.required_env";
    /** os.environ["X"] read (not assigned), env("X"), env.str("X") or config("X") with nothing but the name. */
    private static final Pattern REQUIRED_READ = Pattern.compile("os\\.environ\\[\\s*[\"']([A-Z_][A-Z0-9_]*)[\"']\\s*\\](?!\\s*=[^=])"
            + "|\\b(?:env(?:\\.\\w+)?|config)\\(\\s*[\"']([A-Z_][A-Z0-9_]*)[\"']\\s*\\)");

    /** The variables the settings files cannot be imported without, as facts (each once, where first read). */
    private static void requiredVariables(ProjectFiles files, List<String> settingsFiles, List<ProjectFacts.Fact> facts) {
        Set<String> seen = new HashSet<>();
        for (String file : settingsFiles) {
            List<String> lines = files.read(file).orElse("").lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher read = REQUIRED_READ.matcher(lines.get(i).replaceFirst("\\s#.*$", ""));
                while (read.find()) {
                    String variable = read.group(1) != null ? read.group(1) : read.group(2);
                    if (seen.add(variable)) {
                        facts.add(new ProjectFacts.Fact(REQUIRED_ENV_FACT, variable, new Location(file, i + 1, read.start() + 1)));
                    }
                }
            }
        }
    }

    /** A variable the settings read for a part of the database connection: "DB_HOST host". */
    static final String DATABASE_ENV_FACT = "django.database_env";
    private static final Pattern DATABASES = Pattern.compile("^\\s*DATABASES\\s*=");
    /** os.environ["X"], os.environ.get("X"), os.getenv("X"), env("X"), env.str("X"), config("X") (python-decouple). */
    private static final Pattern ENV_READ = Pattern.compile(
            "(?:os\\.environ(?:\\.get\\(|\\[)|os\\.getenv\\(|\\benv(?:\\.\\w+)?\\(|\\bconfig\\()\\s*[\"']([A-Z_][A-Z0-9_]*)[\"']");
    private static final Pattern DATABASE_KEY = Pattern.compile("[\"'](HOST|PORT|USER|PASSWORD|NAME)[\"']\\s*:");
    /** dj_database_url.config(env="X"), the variable that holds the URL when it is not DATABASE_URL. */
    private static final Pattern URL_VARIABLE = Pattern.compile("dj_database_url\\.config\\([^)]*\\benv\\s*=\\s*[\"']([A-Z_][A-Z0-9_]*)[\"']"
            + "|dj_database_url\\.parse\\(\\s*(?:os\\.environ(?:\\.get\\(|\\[)|os\\.getenv\\()\\s*[\"']([A-Z_][A-Z0-9_]*)[\"']"
            + "|\\benv\\.db(?:_url)?\\(\\s*[\"']([A-Z_][A-Z0-9_]*)[\"']");
    private static final Pattern URL_LIBRARY = Pattern.compile("dj_database_url\\.|\\benv\\.db(?:_url)?\\(");

    /**
     * The variables DATABASES reads, as facts the stack then sets to its own database: a URL under another name than
     * DATABASE_URL (dj-database-url's env=, django-environ's env.db("X")), or the parts of a connection read one by one.
     * DATABASES that read no variable at all cannot reach the stack's database: a warning says so.
     */
    private static void databaseVariables(ProjectFiles files, List<String> settingsFiles, List<ProjectFacts.Fact> facts,
                                          List<Problem> warnings) {
        Location block = null;
        boolean readsEnvironment = false;
        for (String file : settingsFiles) {
            List<String> lines = files.read(file).orElse("").lines().toList();
            int depth = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceFirst("\\s#.*$", "");
                Location at = new Location(file, i + 1, 1);
                Matcher url = URL_VARIABLE.matcher(line);
                if (url.find()) {
                    String variable = url.group(1) != null ? url.group(1) : url.group(2) != null ? url.group(2) : url.group(3);
                    readsEnvironment = true;
                    if (!variable.equals(StackVariables.DATABASE_URL)) {
                        facts.add(new ProjectFacts.Fact(DATABASE_ENV_FACT, variable + " url", at));
                    }
                } else if (URL_LIBRARY.matcher(line).find()) {
                    readsEnvironment = true;
                }
                if (depth == 0 && DATABASES.matcher(line).find()) {
                    block = block == null ? at : block;
                    depth = line.contains("{") ? Math.max(1, braces(line)) : 0;
                    continue;
                }
                if (depth > 0) {
                    Matcher key = DATABASE_KEY.matcher(line);
                    Matcher read = ENV_READ.matcher(line);
                    if (key.find() && read.find()) {
                        readsEnvironment = true;
                        String variable = read.group(1);
                        DatabasePart.ofKey(key.group(1)).ifPresent(part -> facts.add(new ProjectFacts.Fact(DATABASE_ENV_FACT,
                                variable + " " + part.id(), at)));
                    }
                    depth += braces(line);
                }
            }
        }
        if (block != null && !readsEnvironment) {
            warnings.add(Problem.of(block, "", "DATABASES reads no environment variable, so the app cannot reach the stack's "
                    + "database, which the stack passes as " + StackVariables.DATABASE_URL, "read it: DATABASES = {\"default\": "
                    + "dj_database_url.config(conn_max_age=60)} with the dj-database-url package"));
        }
    }

    /** Where uploads go in the image, when the settings keep them on disk (a media volume must hold them). */
    static final String MEDIA_ROOT_FACT = "django.media_root";
    /** MEDIA_ROOT = BASE_DIR / "media", os.path.join(BASE_DIR, "media"), or an absolute path. */
    private static final Pattern MEDIA_ROOT = Pattern.compile("^\\s*MEDIA_ROOT\\s*=\\s*(?:BASE_DIR\\s*/\\s*[\"']([\\w./-]+)[\"']"
            + "|os\\.path\\.join\\(\\s*BASE_DIR\\s*,\\s*[\"']([\\w./-]+)[\"']\\s*\\)|[\"'](/[\\w./-]+)[\"'])");
    /** A storage backend that keeps uploads elsewhere: django-storages, or any STORAGES default that is not on disk. */
    private static final Pattern REMOTE_STORAGE = Pattern.compile("storages\\.backends\\.|DEFAULT_FILE_STORAGE\\s*=");

    /** The media directory in the image when the settings keep uploads on the local disk. */
    private static Optional<ProjectFacts.Fact> mediaRoot(ProjectFiles files, List<String> settingsFiles, DeploymentSpec spec) {
        ProjectFacts.Fact found = null;
        for (String file : settingsFiles) {
            String text = files.read(file).orElse("");
            if (REMOTE_STORAGE.matcher(text).find()) {
                return Optional.empty();
            }
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MEDIA_ROOT.matcher(lines.get(i));
                if (m.find()) {
                    String path = m.group(3) != null ? m.group(3) : "/app/" + (m.group(1) != null ? m.group(1) : m.group(2));
                    if (!path.contains("..")) {
                        found = new ProjectFacts.Fact(MEDIA_ROOT_FACT, path.replaceAll("/+$", ""), new Location(file, i + 1, 1));
                    }
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Uploads on the local disk, which a volume keeps across containers. */
    @Override
    public Optional<String> storageDirectory(DeploymentSpec spec) {
        return spec.project().first(MEDIA_ROOT_FACT).map(ProjectFacts.Fact::value);
    }

    /** How many more braces a line opens than it closes. */
    private static int braces(String line) {
        return (int) (line.chars().filter(c -> c == '{').count() - line.chars().filter(c -> c == '}').count());
    }

    /** STATIC_ROOT = ..., outside comments. */
    private static final Pattern STATIC_ROOT = Pattern.compile("^\\s*(STATIC_ROOT)\\s*=");
    /** from .base import *, from mysite.settings.base import *: the settings a module starts from. */
    private static final Pattern STAR_IMPORT = Pattern.compile("^\\s*from\\s+(\\.*[A-Za-z_][\\w.]*|\\.+)\\s+import\\s+\\*");

    /** The settings module's file and the settings files it star-imports, a few levels deep, in reading order. */
    private static List<String> settingsFiles(ProjectFiles files, String module) {
        List<String> found = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of(module));
        while (!pending.isEmpty() && found.size() < 8) {
            String current = pending.remove(0);
            String path = files.read(current.replace('.', '/') + ".py").isPresent() ? current.replace('.', '/') + ".py"
                    : current.replace('.', '/') + "/__init__.py";
            Optional<String> text = files.read(path);
            if (text.isEmpty() || found.contains(path)) {
                continue;
            }
            found.add(path);
            String parent = path.endsWith("/__init__.py") ? current : current.contains(".") ? current.substring(0, current.lastIndexOf('.')) : "";
            text.get().lines().map(STAR_IMPORT::matcher).filter(java.util.regex.Matcher::find).map(m -> m.group(1))
                    .map(name -> name.startsWith(".") ? relative(parent, name) : name).forEach(pending::add);
        }
        return found;
    }

    /** ".base" from package "mysite.settings" is "mysite.settings.base"; each further dot climbs one package. */
    private static String relative(String pkg, String name) {
        int dots = 0;
        while (dots < name.length() && name.charAt(dots) == '.') {
            dots++;
        }
        String base = pkg;
        for (int i = 1; i < dots && base.contains("."); i++) {
            base = base.substring(0, base.lastIndexOf('.'));
        }
        String rest = name.substring(dots);
        return rest.isEmpty() ? base : base + "." + rest;
    }

    @Override
    public Set<CpuArchitecture> architectures() {
        return Set.of(CpuArchitecture.ARM64, CpuArchitecture.X86_64);
    }

    @Override
    public Optional<String> architectureLimit() {
        return Optional.empty();
    }

    @Override
    public List<JobSystem> jobSystems() {
        return List.of(JobSystem.CELERY, JobSystem.RQ, JobSystem.DRAMATIQ, JobSystem.HUEY);
    }

    @Override
    public Optional<String> scheduler() {
        return Optional.of("celery beat");
    }

    @Override
    public Set<String> reservedVariables() {
        return Set.of(SECRET_KEY, CELERY_BROKER_URL);
    }

    @Override
    public List<String> serverCommand(DeploymentSpec spec) {
        AppServer server = spec.application().server();
        String wsgi = module(spec) + ".wsgi:application";
        return switch (server) {
            case GUNICORN -> gunicorn(wsgi, List.of(), "0.0.0.0:" + spec.application().port());
            case UVICORN, DAPHNE -> asgi(server, module(spec) + ".asgi:application", spec);
            default -> wsgi(server, wsgi, spec);
        };
    }

    @Override
    public List<String> devCommand(DeploymentSpec spec) {
        return List.of("python", "manage.py", "runserver", "0.0.0.0:" + spec.application().port());
    }

    /**
     * Static files are collected at build, where the settings module is imported without the stack's environment:
     * a throwaway key, and a stand-in for every other variable the settings cannot import without (a URL where a URL
     * is parsed, the stack's own value where it is a plain setting). None of them reaches the image.
     */
    @Override
    public ImageSteps imageSteps(DeploymentSpec spec) {
        Snippet command = Snippet.words("DJANGO_SETTINGS_MODULE=").thenCode(settingsModule(spec))
                .then(" " + SECRET_KEY + "=collectstatic-only");
        Map<String, String> known = new HashMap<>();
        for (EnvVar var : settings(spec, new Wiring(true, "https://localhost", "localhost", false))) {
            if (var.value() instanceof EnvVar.Literal literal) {
                known.put(var.name(), literal.text());
            }
        }
        for (String variable : new TreeSet<>(spec.project().values(REQUIRED_ENV_FACT))) {
            if (!variable.equals(SECRET_KEY) && !variable.equals("DJANGO_SETTINGS_MODULE")) {
                command = command.then(" " + variable + "=").thenCode(known.getOrDefault(variable, buildStandIn(variable)));
            }
        }
        return ImageSteps.afterCode(List.of(command.then(" python manage.py collectstatic --noinput")));
    }

    /** A value a settings module can import with: URLs parse, ports are numbers, anything else is a marker. */
    private static String buildStandIn(String variable) {
        if (variable.endsWith("_URL") || variable.endsWith("_URI")) {
            return variable.contains("REDIS") || variable.contains("BROKER") || variable.contains("CACHE")
                    ? "redis://localhost:6379/0" : "postgresql://collectstatic@localhost:5432/collectstatic";
        }
        return variable.endsWith("_PORT") ? "5432" : "collectstatic-only";
    }

    private static String settingsModule(DeploymentSpec spec) {
        return spec.application().settingsModule().orElseThrow();
    }

    @Override
    public Optional<Worker> worker(DeploymentSpec spec) {
        if (!spec.application().worker().enabled()) {
            return Optional.empty();
        }
        String app = module(spec);
        String concurrency = String.valueOf(spec.application().worker().concurrency());
        JobSystem system = spec.application().worker().system().orElseThrow();
        Worker.Probe none = new Worker.Probe.None(system.displayName() + " serves no health endpoint");
        switch (system) {
            case RQ:
                return Optional.of(new Worker(system, List.of("python", "manage.py", "rqworker-pool", "default", "--num-workers",
                        concurrency), none, Optional.empty()));
            case DRAMATIQ:
                return Optional.of(new Worker(system, List.of("python", "manage.py", "rundramatiq", "--processes", "1", "--threads",
                        concurrency), none, Optional.empty()));
            case HUEY:
                return Optional.of(new Worker(system, List.of("python", "manage.py", "run_huey", "--workers", concurrency), none,
                        Optional.empty()));
            default:
                break;
        }
        // Celery answers a ping through the broker. Asking this container's own node (celery@ its hostname) returns at its
        // pong; a ping of every node waits out the whole timeout. The probe's budget covers the ping's wait and the start
        // of a Python process that imports the app: a 5-second budget failed a healthy worker on a loaded CI host.
        return Optional.of(new Worker(JobSystem.CELERY,
                List.of("celery", "--app", app, "worker", "--loglevel", "INFO", "--concurrency", concurrency),
                new Worker.Probe.Command(List.of("sh", "-c", "celery --app " + app + " inspect ping --destination celery@$HOSTNAME "
                        + "--timeout " + CELERY_PING_SECONDS), CELERY_PING_SECONDS + PYTHON_START_SECONDS),
                spec.application().worker().scheduler()
                        ? Optional.of(List.of("celery", "--app", app, "beat", "--loglevel", "INFO", "--schedule", "/tmp/celerybeat-schedule"))
                        : Optional.empty()));
    }

    /** Django answers 400 to a Host its ALLOWED_HOSTS lacks. */
    @Override
    public Optional<String> acceptedHostsVariable() {
        return Optional.of(ALLOWED_HOSTS);
    }

    @Override
    public List<EnvVar> settings(DeploymentSpec spec, Wiring wiring) {
        boolean production = wiring.production();
        List<EnvVar> vars = new ArrayList<>();
        for (String fact : spec.project().values(DATABASE_ENV_FACT)) {
            String[] parts = fact.split(" ");
            vars.add(new EnvVar(parts[0], DatabasePart.ofId(parts[1]).value(spec, spec.database().name(), true)));
        }
        vars.add(EnvVar.literal("DJANGO_SETTINGS_MODULE", settingsModule(spec)));
        vars.add(EnvVar.literal("DJANGO_DEBUG", String.valueOf(!production)));
        if (!production) {
            vars.add(EnvVar.literal(SECRET_KEY, "django-insecure-local-development-only"));
        }
        // The health check reaches the app on 127.0.0.1, so Django must accept that host too; the monitoring beside the
        // production stack scrapes it as app:<port> on the Compose network, so with metrics on, its service name too.
        Set<String> hosts = new LinkedHashSet<>(List.of(wiring.publicHost(), "localhost", "127.0.0.1"));
        if (production && spec.monitoring().prometheus()) {
            hosts.add(APP_SERVICE);
        }
        vars.add(EnvVar.literal(ALLOWED_HOSTS, String.join(",", hosts)));
        vars.add(EnvVar.literal("DJANGO_CSRF_TRUSTED_ORIGINS", wiring.publicUrl()));
        return vars;
    }

    /** Without ssl_cert_reqs, kombu accepts a TLS broker's certificate unchecked. */
    @Override
    public List<EnvVar> brokerSettings(DeploymentSpec spec, Wiring wiring) {
        return spec.application().worker().system().filter(system -> system == JobSystem.CELERY).isEmpty() ? List.of()
                : List.of(EnvVar.endpoint(CELERY_BROKER_URL, Service.BROKER, wiring.brokerTls() ? "?ssl_cert_reqs=CERT_REQUIRED" : ""));
    }

    @Override
    public List<SecretVar> secrets(DeploymentSpec spec) {
        return List.of(new SecretVar(SECRET_KEY, "Django's SECRET_KEY (sessions, CSRF, signing)",
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'"));
    }

    @Override
    public AppMetrics metrics(DeploymentSpec spec) {
        String responses = "django_http_responses_total_by_status_view_method_total";
        return new AppMetrics("django-prometheus", spec.project().values(PACKAGE_FACT).contains("django-prometheus"),
                Snippet.words("Add ").thenCode("django-prometheus").then(" to the requirements, ").thenCode("\"django_prometheus\"")
                        .then(" to ").thenCode("INSTALLED_APPS").then(", its ").thenCode("PrometheusBeforeMiddleware").then(" first and ")
                        .thenCode("PrometheusAfterMiddleware").then(" last in ").thenCode("MIDDLEWARE").then(", and ")
                        .thenCode("path(\"\", include(\"django_prometheus.urls\"))").then(" to the root URLconf: it serves ")
                        .thenCode("/metrics").then(". With several server worker processes each counts alone: set ")
                        .thenCode("PROMETHEUS_MULTIPROC_DIR").then(" (prometheus-client's multiprocess mode) to sum them."),
                responses, responses + "{status=~\"5..\"}", responses + "{status=\"200\",view=\"index\",method=\"GET\"}",
                responses + "{status=\"500\",view=\"index\",method=\"GET\"}",
                Optional.of("django_http_requests_latency_seconds_by_view_method_bucket"), Optional.empty(), List.of(
                        AppMetrics.graph("Responses by status", "Responses a second, by HTTP status.", "reqps",
                                new AppMetrics.Line("{{status}}", "sum by (status) (" + AppMetrics.rate(responses) + ")")),
                        AppMetrics.graph("Busiest views", "The ten views answering the most requests a second.", "reqps",
                                new AppMetrics.Line("{{view}}", "topk(10, sum by (view) (" + AppMetrics.rate(responses) + "))")),
                        AppMetrics.graph("Slowest views (p95)", "The ten views with the highest 95th percentile latency.", "s",
                                new AppMetrics.Line("{{view}}", "topk(10, histogram_quantile(0.95, sum by (le, view) ("
                                        + AppMetrics.rate("django_http_requests_latency_seconds_by_view_method_bucket") + ")))"))));
    }

    @Override
    public List<Snippet> requirements(DeploymentSpec spec) {
        List<Snippet> lines = new ArrayList<>(super.requirements(spec));
        String module = module(spec);
        String health = spec.application().healthPath();
        boolean asgi = spec.application().server() == AppServer.UVICORN || spec.application().server() == AppServer.DAPHNE;
        lines.add(Snippet.words("The project package ").thenCode(module).then(" with ").thenCode(asgi ? "asgi.py" : "wsgi.py")
                .then(", and the production settings module ").thenCode(settingsModule(spec)).then("."));
        if (spec.database().postgis()) {
            lines.add(Snippet.words("GeoDjango: the settings read ").thenCode("DATABASE_URL").then(" (").thenCode("postgis://")
                    .then(") with dj-database-url or django-environ, which select the PostGIS backend; Django creates the ")
                    .thenCode("postgis").then(" extension at the first migration (RDS ships it, and the master user may create it); "
                            + "the image installs GDAL (").thenCode(String.join(" ", GEODJANGO_PACKAGES)).then(")."));
        }
        lines.add(Snippet.words("Settings that read the environment: ").thenCode("SECRET_KEY = os.environ[\"" + SECRET_KEY + "\"]")
                .then(", ").thenCode("DEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"true\"").then(", ").thenCode("ALLOWED_HOSTS")
                .then(" and ").thenCode("CSRF_TRUSTED_ORIGINS").then(" split from the comma-separated ").thenCode("DJANGO_ALLOWED_HOSTS")
                .then(" and ").thenCode("DJANGO_CSRF_TRUSTED_ORIGINS").then(", and ").thenCode("DATABASES").then(" from ")
                .thenCode(StackVariables.DATABASE_URL).then(" (for example with ").thenCode("dj-database-url").then(")."));
        lines.add(Snippet.code("STATIC_ROOT").then(" set, and static files served by the app, e.g. with ").thenCode("whitenoise")
                .then("; ").thenCode("collectstatic").then(" runs at image build."));
        lines.add(Snippet.words("A view at ").thenCode(health).then(" that answers 200 without touching the session or CSRF. "
                + "Behind Caddy, set ").thenCode("SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\")").then("."));
        spec.application().worker().system().filter(system -> spec.application().worker().enabled()).ifPresent(system -> lines.add(
                switch (system) {
                    // One code span: two adjacent spans would render as one malformed span with doubled backticks.
                    case CELERY -> Snippet.words("Celery configured from ").thenCode(CELERY_BROKER_URL).then(" in ")
                            .thenCode(module.replace('.', '/') + "/celery.py").then(".");
                    case RQ -> Snippet.words("django-rq's ").thenCode("RQ_QUEUES").then(" with a ").thenCode("default")
                            .then(" queue whose ").thenCode("URL").then(" is ").thenCode(StackVariables.REDIS_URL)
                            .then("; the worker is django-rq's ").thenCode("rqworker-pool").then(" (django-rq 2.9 or later).");
                    case DRAMATIQ -> Snippet.words("django-dramatiq's ").thenCode("DRAMATIQ_BROKER").then(" on Redis at ")
                            .thenCode(StackVariables.REDIS_URL).then(".");
                    default -> Snippet.words("Huey's Django integration (").thenCode("huey.contrib.djhuey").then(") with ")
                            .thenCode("HUEY").then(" connecting to ").thenCode(StackVariables.REDIS_URL).then(".");
                }));
        return lines;
    }

    @Override
    public Snippet secretRotation() {
        return Snippet.words("Rotate ").thenCode(SECRET_KEY).then(" without logging everyone out: move the old value to ")
                .thenCode("SECRET_KEY_FALLBACKS").then(" in your settings for a while, then drop it.");
    }
}
