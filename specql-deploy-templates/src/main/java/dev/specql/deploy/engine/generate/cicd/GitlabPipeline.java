package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.GitlabCiEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.cicd.GitlabCiView.Pair;
import dev.specql.deploy.engine.generate.cicd.GitlabCiView.Service;
import dev.specql.deploy.engine.generate.cicd.GitlabCiView.TestJob;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.CiChecks;
import dev.specql.deploy.model.framework.CiChecks.CiCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GitLab CI: the pipeline's view, every value escaped for a GitLab CI file. */
final class GitlabPipeline {

    static final String FILE = ".gitlab-ci.yml";

    private static final GitlabCiEscaper GL = new GitlabCiEscaper();
    private static final ShellEscaper SH = new ShellEscaper();
    /** Service aliases: the host names the test job reaches them by. */
    private static final String DATABASE_ALIAS = "postgres";
    private static final String BROKER_ALIAS = "valkey";
    /** The built image as an OCI archive: the build job's artifact, the scan job's input. */
    static final String IMAGE_ARCHIVE = "image.tar";

    private GitlabPipeline() {
    }

    static GitlabCiView ci(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        TestJobPlan tests = TestJobPlan.of(plan);
        List<Safe> about = new ArrayList<>(List.of(
                GL.comment(TestJobPlan.purpose(spec, "merge requests")),
                GL.comment("The test job caches dependencies; the build caches nothing, so what it builds comes from the commit"),
                GL.comment("alone. generated/cicd/CICD_README.md says where each command comes from.")));
        if (DeliveryPlan.deploys(plan)) {
            about.add(GL.comment("Then the scanned image is pushed to ECR once and deployed to each environment in promotion order ("
                    + plan.environments().stream().map(EnvironmentPlan::name).collect(java.util.stream.Collectors.joining(", then "))
                    + "),"));
            about.add(GL.comment("migrations first, by " + (DeployScripts.servers(plan) ? "SSM Run Command on the server" : "ECS")
                    + "; AWS roles by OIDC ID tokens, no keys."));
        }
        String dockerfile = plan.layout().dockerfile();
        int slash = dockerfile.lastIndexOf('/');
        Safe build = SH.command(List.of("buildctl-daemonless.sh", "build", "--frontend", "dockerfile.v0", "--local", "context=.",
                "--local", "dockerfile=" + dockerfile.substring(0, slash), "--opt", "filename=" + dockerfile.substring(slash + 1),
                "--opt", "target=runtime", "--output", "type=oci,dest=" + IMAGE_ARCHIVE));
        Safe scan = SH.command(List.of("trivy", "image", "--input", IMAGE_ARCHIVE, "--exit-code", "1", "--severity", "HIGH,CRITICAL",
                "--ignore-unfixed", "--no-progress"));
        return new GitlabCiView(Header.lines("#", spec.specFile()), about, GL.q(spec.cicd().defaultBranch()),
                tests.hasChecks() ? Optional.of(testJob(plan, tests)) : Optional.empty(), GL.q(Pins.BUILDKIT_IMAGE), GL.script(build),
                GL.q(Pins.TRIVY_IMAGE), GL.script(scan),
                DeliveryPlan.deploys(plan) ? Optional.of(GitlabDelivery.delivery(plan)) : Optional.empty());
    }

    private static TestJob testJob(DeploymentPlan plan, TestJobPlan tests) {
        DeploymentSpec spec = plan.spec();
        CiChecks checks = tests.checks();
        List<Service> services = new ArrayList<>(List.of(new Service(GL.q(tests.databaseImage()), GL.q(DATABASE_ALIAS), List.of(
                pair("POSTGRES_DB", tests.databaseName()), pair("POSTGRES_USER", tests.databaseUser()),
                pair("POSTGRES_HOST_AUTH_METHOD", "trust")))));
        if (tests.broker()) {
            services.add(new Service(GL.q(Pins.VALKEY_IMAGE), GL.q(BROKER_ALIAS), List.of()));
        }
        List<Pair> variables = new ArrayList<>();
        Map<String, String> own = new LinkedHashMap<>();
        List<Safe> cacheFiles = new ArrayList<>();
        String cachePath;
        List<CiCommand> script = new ArrayList<>();
        switch (spec.application().packageManager()) {
            case UV -> {
                own.put("UV_CACHE_DIR", ".cache/uv");
                own.put("UV_PYTHON_DOWNLOADS", "never");
                cacheFiles.add(GL.q("uv.lock"));
                cachePath = ".cache/uv";
                script.add(new CiCommand(List.of("python", "-m", "pip", "install", "uv==" + Pins.UV_VERSION), "uv"));
            }
            case PIP -> {
                own.put("PIP_CACHE_DIR", ".cache/pip");
                // GitLab keys a cache on at most two files: the requirements file the install names, and its test one.
                List<String> files = CicdGenerator.pipFiles(spec);
                cacheFiles.add(GL.q(files.get(0)));
                spec.project().values("python.test_requirements_file").stream().findFirst().ifPresent(file -> cacheFiles.add(GL.q(file)));
                cachePath = ".cache/pip";
            }
            case BUNDLER -> {
                own.put("BUNDLE_PATH", "vendor/bundle");
                own.put("BUNDLE_FROZEN", "true");
                cacheFiles.add(GL.q("Gemfile.lock"));
                cachePath = "vendor/bundle";
            }
            default -> throw new IllegalStateException("no CI setup for " + spec.application().packageManager());
        }
        script.addAll(checks.install());
        script.addAll(checks.lint());
        script.addAll(checks.test());
        own.forEach((key, value) -> variables.add(pair(key, value)));
        TestJobPlan.environment(plan, DATABASE_ALIAS, BROKER_ALIAS).forEach((key, value) -> variables.add(pair(key, value)));
        return new TestJob(GL.q(Pins.ciImage(plan.app().baseImage())), services, variables, cacheFiles, GL.q(cachePath),
                script.stream().map(command -> GL.script(SH.command(command.argv()))).toList());
    }

    private static Pair pair(String key, String value) {
        return new Pair(GL.q(key), GL.q(value));
    }

}
