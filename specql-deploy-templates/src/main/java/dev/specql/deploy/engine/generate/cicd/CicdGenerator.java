package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.escape.WorkflowEscaper;
import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.Sources;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.ImageJob;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Pair;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Run;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Service;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Step;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.TestJob;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.model.CiProvider;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.ActionPin;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.CiChecks;
import dev.specql.deploy.model.framework.CiChecks.CiCommand;
import dev.specql.deploy.model.framework.EnvVar;
import dev.specql.deploy.model.framework.Wiring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 3: CI/CD. For GitHub Actions, a CI workflow that lints and tests the app against a PostgreSQL service
 * container of the spec's version, and builds and scans the production image of phase 1; and CICD_README.md.
 * The deploy, promotion and rollback workflows and GitLab CI are not generated yet, and the console says so.
 */
public final class CicdGenerator implements Generator {

    public static final String PHASE = "cicd";
    /** GitHub reads workflows only from this directory at the repository root. */
    public static final String WORKFLOWS = ".github/workflows";
    static final String CI_WORKFLOW = WORKFLOWS + "/ci.yml";

    private static final WorkflowEscaper GHA = new WorkflowEscaper();
    private static final ShellEscaper SH = new ShellEscaper();
    private static final MarkdownEscaper MD = new MarkdownEscaper();
    private static final String RUNNER_IMAGE_TAG = ":ci";
    private static final int POSTGRES_PORT = 5432;
    private static final int BROKER_PORT = 6379;

    @Override
    public String phase() {
        return PHASE;
    }

    @Override
    public List<FileDeclaration> files(DeploymentPlan plan, Sources sources) {
        if (plan.spec().cicd().provider() != CiProvider.GITHUB_ACTIONS) {
            return List.of();
        }
        Layout layout = plan.layout();
        return List.of(
                new Rendered("cicd/github-ci.yml.vm", CI_WORKFLOW, githubCi(plan), FileMode.REGULAR),
                new Rendered("cicd/CICD_README.md.vm", layout.cicd("CICD_README.md"), readme(plan), FileMode.REGULAR));
    }

    @Override
    public List<String> notes(DeploymentPlan plan) {
        if (plan.spec().cicd().provider() != CiProvider.GITHUB_ACTIONS) {
            return List.of("cicd: GitLab CI is not generated yet (only GitHub Actions is); nothing was written for cicd.provider: "
                    + plan.spec().cicd().provider().id());
        }
        List<String> notes = new ArrayList<>(List.of("cicd: " + CI_WORKFLOW + " is at the project root because GitHub reads workflows only "
                + "from .github/workflows at the repository root; the deploy, promotion and rollback workflows are not generated yet"));
        if (!hasChecks(plan.app().ciChecks())) {
            notes.add("cicd: no linter or test runner was found in the app's dependency files: the CI workflow builds and scans the "
                    + "image only (" + CICD_README_HINT + ")");
        }
        return notes;
    }

    private static final String CICD_README_HINT = "CICD_README.md says what it looks for";

    static boolean hasChecks(CiChecks checks) {
        return !checks.lint().isEmpty() || !checks.test().isEmpty();
    }

    private static GithubCiView githubCi(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        AppPlan app = plan.app();
        CiChecks checks = app.ciChecks();
        List<Safe> about = List.of(
                GHA.comment("CI for " + spec.name() + ": on pull requests and pushes to " + spec.cicd().defaultBranch() + ", lint and test "
                        + "the app against PostgreSQL " + spec.database().version() + ", and build the production image once and scan it."),
                GHA.comment("The test job is cached (dependencies); the image job caches nothing, so what it builds comes from the"),
                GHA.comment("commit alone. CICD_README.md says where each command comes from."));
        Step checkout = step("Check out", "actions/checkout", List.of(new Pair(new Safe("persist-credentials"), new Safe("false"))));
        Optional<TestJob> test = hasChecks(checks) ? Optional.of(testJob(plan, checks)) : Optional.empty();
        Safe image = GHA.q(spec.name() + RUNNER_IMAGE_TAG);
        ImageJob imageJob = new ImageJob(step("Set up Buildx", "docker/setup-buildx-action", List.of()),
                step("Build the production image", "docker/build-push-action", List.of(
                        new Pair(new Safe("context"), GHA.q(".")),
                        new Pair(new Safe("file"), GHA.q(plan.layout().dockerfile())),
                        new Pair(new Safe("target"), GHA.q("runtime")),
                        new Pair(new Safe("load"), new Safe("true")),
                        new Pair(new Safe("push"), new Safe("false")),
                        new Pair(new Safe("tags"), image))),
                step("Scan the image (fails on fixable high and critical vulnerabilities)", "aquasecurity/trivy-action", List.of(
                        new Pair(new Safe("scan-type"), GHA.q("image")),
                        new Pair(new Safe("image-ref"), image),
                        new Pair(new Safe("severity"), GHA.q("HIGH,CRITICAL")),
                        new Pair(new Safe("ignore-unfixed"), new Safe("true")),
                        new Pair(new Safe("exit-code"), GHA.q("1")))),
                image);
        return new GithubCiView(Header.lines("#", spec.specFile()), about, GHA.q(spec.cicd().defaultBranch()), checkout, test, imageJob);
    }

    private static TestJob testJob(DeploymentPlan plan, CiChecks checks) {
        DeploymentSpec spec = plan.spec();
        AppPlan app = plan.app();
        String user = spec.database().user();
        String database = spec.database().name();
        List<Service> services = new ArrayList<>(List.of(new Service(new Safe("postgres"),
                GHA.q(Pins.databaseImage(spec.database().version(), spec.database().postgis())),
                List.of(pair("POSTGRES_DB", database), pair("POSTGRES_USER", user), pair("POSTGRES_HOST_AUTH_METHOD", "trust")),
                GHA.q(POSTGRES_PORT + ":" + POSTGRES_PORT),
                GHA.q("--health-cmd \"pg_isready --username " + user + " --dbname " + database + "\" --health-interval 5s "
                        + "--health-timeout 5s --health-retries 10"))));
        if (app.broker()) {
            services.add(new Service(new Safe("valkey"), GHA.q(Pins.VALKEY_IMAGE), List.of(), GHA.q(BROKER_PORT + ":" + BROKER_PORT),
                    GHA.q("--health-cmd \"valkey-cli ping\" --health-interval 5s --health-timeout 5s --health-retries 10")));
        }
        Map<String, String> env = new LinkedHashMap<>();
        Wiring wiring = new Wiring(false, "http://localhost:" + app.port(), "localhost", false);
        for (EnvVar variable : app.environment(wiring)) {
            env.put(variable.name(), local(spec, variable.value()));
        }
        env.putAll(spec.variables("dev"));
        env.putAll(checks.environment());
        List<Run> steps = new ArrayList<>();
        if (spec.application().packageManager() != PackageManager.BUNDLER) {
            // setup-ruby installs the bundle itself (bundler-cache), keyed on Gemfile.lock.
            checks.install().forEach(command -> steps.add(run("Install", command)));
        }
        checks.lint().forEach(command -> steps.add(run("Lint", command)));
        checks.test().forEach(command -> steps.add(run("Test", command)));
        return new TestJob(services, env.entrySet().stream().map(e -> pair(e.getKey(), e.getValue())).toList(), setup(spec), steps);
    }

    /** The language runtime of the spec's version, with the dependency cache its package manager keys on its lock file. */
    private static Step setup(DeploymentSpec spec) {
        String version = spec.application().runtimeVersion();
        return switch (spec.application().packageManager()) {
            case UV -> step("Set up uv and Python " + version, "astral-sh/setup-uv", List.of(pair("python-version", version),
                    new Pair(new Safe("enable-cache"), new Safe("true")), pair("cache-dependency-glob", "uv.lock")));
            case PIP -> step("Set up Python " + version, "actions/setup-python", List.of(pair("python-version", version),
                    pair("cache", "pip"), pair("cache-dependency-path", String.join("\n", pipFiles(spec)))));
            case BUNDLER -> step("Set up Ruby " + version + " and the bundle", "ruby/setup-ruby", List.of(pair("ruby-version", version),
                    new Pair(new Safe("bundler-cache"), new Safe("true"))));
        };
    }

    /** The requirements files the pip cache is keyed on: what the install step reads. */
    private static List<String> pipFiles(DeploymentSpec spec) {
        List<String> files = new ArrayList<>(spec.project().values("python.requirements_file"));
        if (files.isEmpty()) {
            files.add(spec.application().requirementsFile().orElseThrow());
        }
        files.addAll(spec.project().values("python.test_requirements_file"));
        return files;
    }

    /** A variable's value on the runner: the service containers on localhost, the database trusting every connection. */
    private static String local(DeploymentSpec spec, EnvVar.Value value) {
        String base = spec.database().urlScheme() + "://" + spec.database().user() + "@localhost:" + POSTGRES_PORT + "/";
        if (value instanceof EnvVar.Literal literal) {
            return literal.text();
        }
        if (value instanceof EnvVar.Endpoint endpoint) {
            return endpoint.service() == EnvVar.Service.DATABASE ? base + spec.database().name() + endpoint.suffix()
                    : "redis://localhost:" + BROKER_PORT + "/0" + endpoint.suffix();
        }
        if (value instanceof EnvVar.OtherDatabase other) {
            return base + other.database();
        }
        if (value instanceof EnvVar.DatabaseHost) {
            return "localhost";
        }
        if (value instanceof EnvVar.DatabaseUser) {
            return spec.database().user();
        }
        return "";
    }

    private static Run run(String stage, CiCommand command) {
        String line = SH.command(command.argv()).text();
        return new Run(GHA.q(stage + ": " + line), GHA.q(line));
    }

    private static Step step(String name, String repository, List<Pair> with) {
        ActionPin pin = Pins.action(repository);
        return new Step(GHA.q(name), new Safe(pin.uses()), GHA.comment(pin.tag()), with);
    }

    private static Pair pair(String key, String value) {
        return new Pair(GHA.q(key), GHA.q(value));
    }

    private static CicdReadmeView readme(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        CiChecks checks = plan.app().ciChecks();
        List<CicdReadmeView.Check> rows = new ArrayList<>();
        checks.install().forEach(c -> rows.add(check("install", c)));
        checks.lint().forEach(c -> rows.add(check("lint", c)));
        checks.test().forEach(c -> rows.add(check("test", c)));
        String missing = hasChecks(checks) ? "" : "No linter or test runner was found, so the workflow has no test job: add "
                + (spec.application().packageManager() == PackageManager.BUNDLER ? "rubocop or rspec-rails to the Gemfile"
                : "ruff or pytest to the app's dependencies (for pip, in one of "
                + String.join(", ", List.of("requirements-dev.txt", "requirements/dev.txt", "requirements-test.txt")) + ")")
                + " and regenerate.";
        List<CicdReadmeView.Action> actions = Pins.GITHUB_ACTIONS.values().stream()
                .map(pin -> new CicdReadmeView.Action(MD.code(pin.repository()), MD.code(pin.tag()), MD.code(pin.sha()))).toList();
        return new CicdReadmeView(Header.html(spec.specFile()), MD.text(spec.name()), MD.code(CI_WORKFLOW), MD.code(WORKFLOWS),
                MD.code(plan.layout().dockerfile()), MD.code(spec.cicd().defaultBranch()), MD.text(spec.database().version()), rows,
                MD.text(missing), actions, MD.code("aquasecurity/trivy-action"));
    }

    private static CicdReadmeView.Check check(String stage, CiCommand command) {
        return new CicdReadmeView.Check(MD.text(stage), MD.code(String.join(" ", command.argv())), MD.text(command.origin()));
    }
}
