package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.escape.WorkflowEscaper;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.ImageJob;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Pair;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Run;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Service;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.Step;
import dev.specql.deploy.engine.generate.cicd.GithubCiView.TestJob;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.ActionPin;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.CiChecks;
import dev.specql.deploy.model.framework.CiChecks.CiCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** GitHub Actions: the CI workflow's view, every value escaped for a workflow file. */
final class GithubWorkflows {

    static final String WORKFLOWS = ".github/workflows";
    static final String CI = WORKFLOWS + "/ci.yml";

    private static final WorkflowEscaper GHA = new WorkflowEscaper();
    private static final ShellEscaper SH = new ShellEscaper();
    private static final String HEALTH = " --health-interval 5s --health-timeout 5s --health-retries 10";

    private GithubWorkflows() {
    }

    static GithubCiView ci(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        TestJobPlan tests = TestJobPlan.of(plan);
        List<Safe> about = List.of(
                GHA.comment(TestJobPlan.purpose(spec, "pull requests")),
                GHA.comment("The test job is cached (dependencies); the image job caches nothing, so what it builds comes from the"),
                GHA.comment("commit alone. CICD_README.md says where each command comes from."));
        Optional<TestJob> test = tests.hasChecks() ? Optional.of(testJob(plan, tests)) : Optional.empty();
        Safe image = GHA.q(spec.name() + ":ci");
        ImageJob imageJob = new ImageJob(step("Set up Buildx", "docker/setup-buildx-action", List.of()),
                step("Build the production image", "docker/build-push-action", buildInputs(plan, image)),
                step("Scan the image (fails on fixable high and critical vulnerabilities)", "aquasecurity/trivy-action", scanInputs(image)),
                image);
        return new GithubCiView(Header.lines("#", spec.specFile()), about, GHA.q(spec.cicd().defaultBranch()),
                !DeliveryPlan.deploys(plan) || !DeliveryPlan.of(spec).pushRefs().contains("refs/heads/" + spec.cicd().defaultBranch()),
                DeliveryPlan.deploys(plan), checkout(), test, imageJob);
    }

    static Step checkout() {
        return step("Check out", "actions/checkout", List.of(new Pair(new Safe("persist-credentials"), new Safe("false"))));
    }

    /** Builds phase 1's runtime stage into the local engine, uncached: the image comes from the commit alone. */
    static List<Pair> buildInputs(DeploymentPlan plan, Safe image) {
        return List.of(new Pair(new Safe("context"), GHA.q(".")),
                new Pair(new Safe("file"), GHA.q(plan.layout().dockerfile())),
                new Pair(new Safe("target"), GHA.q("runtime")),
                new Pair(new Safe("load"), new Safe("true")),
                new Pair(new Safe("push"), new Safe("false")),
                new Pair(new Safe("tags"), image));
    }

    static List<Pair> scanInputs(Safe image) {
        return List.of(new Pair(new Safe("version"), GHA.q("v" + Pins.TRIVY_VERSION)),
                new Pair(new Safe("scan-type"), GHA.q("image")),
                new Pair(new Safe("image-ref"), image),
                new Pair(new Safe("severity"), GHA.q("HIGH,CRITICAL")),
                new Pair(new Safe("ignore-unfixed"), new Safe("true")),
                new Pair(new Safe("exit-code"), GHA.q("1")));
    }

    private static TestJob testJob(DeploymentPlan plan, TestJobPlan tests) {
        DeploymentSpec spec = plan.spec();
        CiChecks checks = tests.checks();
        List<Service> services = new ArrayList<>(List.of(new Service(new Safe("postgres"), GHA.q(tests.databaseImage()),
                List.of(pair("POSTGRES_DB", tests.databaseName()), pair("POSTGRES_USER", tests.databaseUser()),
                        pair("POSTGRES_HOST_AUTH_METHOD", "trust")),
                GHA.q(AppPlan.DATABASE_PORT + ":" + AppPlan.DATABASE_PORT),
                GHA.q("--health-cmd \"pg_isready --username " + tests.databaseUser() + " --dbname " + tests.databaseName() + "\"" + HEALTH))));
        if (tests.broker()) {
            services.add(new Service(new Safe("valkey"), GHA.q(Pins.VALKEY_IMAGE), List.of(),
                    GHA.q(AppPlan.BROKER_PORT + ":" + AppPlan.BROKER_PORT), GHA.q("--health-cmd \"valkey-cli ping\"" + HEALTH)));
        }
        List<Run> steps = new ArrayList<>();
        if (spec.application().packageManager() != PackageManager.BUNDLER) {
            // setup-ruby installs the bundle itself (bundler-cache), keyed on Gemfile.lock.
            checks.install().forEach(command -> steps.add(run("Install", command)));
        }
        checks.lint().forEach(command -> steps.add(run("Lint", command)));
        checks.test().forEach(command -> steps.add(run("Test", command)));
        List<Pair> env = TestJobPlan.environment(plan, "localhost", "localhost").entrySet().stream()
                .map(e -> pair(e.getKey(), e.getValue())).toList();
        return new TestJob(services, env, setup(spec), steps);
    }

    /** The language runtime of the spec's version, with the dependency cache its package manager keys on its lock file. */
    private static Step setup(DeploymentSpec spec) {
        String version = spec.application().runtimeVersion();
        return switch (spec.application().packageManager()) {
            case UV -> step("Set up uv and Python " + version, "astral-sh/setup-uv", List.of(pair("version", Pins.UV_VERSION),
                    pair("python-version", version), new Pair(new Safe("enable-cache"), new Safe("true")),
                    pair("cache-dependency-glob", "uv.lock")));
            case PIP -> step("Set up Python " + version, "actions/setup-python", List.of(pair("python-version", version),
                    pair("cache", "pip"), pair("cache-dependency-path", String.join("\n", CicdGenerator.pipFiles(spec)))));
            case BUNDLER -> step("Set up Ruby " + version + " and the bundle", "ruby/setup-ruby", List.of(pair("ruby-version", version),
                    new Pair(new Safe("bundler-cache"), new Safe("true"))));
        };
    }

    private static Run run(String stage, CiCommand command) {
        String line = SH.command(command.argv()).text();
        return new Run(GHA.q(stage + ": " + line), GHA.q(line));
    }

    static Step step(String name, String repository, List<Pair> with) {
        ActionPin pin = Pins.action(repository);
        return new Step(GHA.q(name), new Safe(pin.uses()), GHA.comment(pin.tag()), with);
    }

    private static Pair pair(String key, String value) {
        return new Pair(GHA.q(key), GHA.q(value));
    }
}
