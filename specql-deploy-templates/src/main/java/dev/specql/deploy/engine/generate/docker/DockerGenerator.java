package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.CaddyfileEscaper;
import dev.specql.deploy.engine.escape.DockerfileEscaper;
import dev.specql.deploy.engine.escape.DotenvEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.escape.TomlEscaper;
import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.HeaderView;
import dev.specql.deploy.engine.generate.Sources;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.ImageSteps;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Phase 1: the Dockerfile, compose files for development and one production server, the Caddyfile,
 * .env.example, .dockerignore, backup scripts and the deployment README.
 */
public final class DockerGenerator implements Generator {

    public static final String PHASE = "docker";

    private static final DockerfileEscaper DOCKER = new DockerfileEscaper();
    private static final CaddyfileEscaper CADDY = new CaddyfileEscaper();
    private static final DotenvEscaper DOTENV = new DotenvEscaper();
    private static final ShellEscaper SH = new ShellEscaper();
    private static final TomlEscaper TOML = new TomlEscaper();

    @Override
    public String phase() {
        return PHASE;
    }

    @Override
    public List<FileDeclaration> files(DeploymentPlan plan, Sources sources) {
        DeploymentSpec spec = plan.spec();
        Layout layout = plan.layout();
        Safe header = Header.lines("#", spec.specFile());
        ComposePlan compose = new ComposePlan(plan, layout.projectRootFrom(Layout.DEPLOYMENT), layout.dockerfile());
        ScriptView scripts = new ScriptView(header, SH.q(spec.database().user()), SH.q(spec.database().name()), SH.q(spec.name()));
        List<FileDeclaration> files = new ArrayList<>(List.of(
                file("docker/Dockerfile-" + plan.app().imageRecipe() + ".vm", layout.dockerfile(), dockerfile(plan, header)),
                file("docker/dockerignore.vm", ".dockerignore", new DockerignoreView(header, new Safe(layout.outputDirectory()),
                        plan.app().serverImage().map(server -> List.of(DOCKER.path(layout.deployment(server.folder())))).orElse(List.of()),
                        plan.app().ignorePatterns().stream().map(Safe::new).toList())),
                file("docker/compose.yaml.vm", layout.deployment("compose.yaml"), compose(spec, compose, false, header)),
                file("docker/compose.yaml.vm", layout.productionCompose(), compose(spec, compose, true, header)),
                file("docker/Caddyfile.vm", layout.caddyfile(), caddyfile(plan, header)),
                file("docker/env.example.vm", layout.deployment(".env.example"), envExample(plan, header)),
                file("docker/gitignore.vm", layout.deployment(".gitignore"), new HeaderView(header)),
                new Rendered("docker/db-backup.sh.vm", layout.deployment("scripts/db-backup.sh"), scripts, FileMode.EXECUTABLE),
                new Rendered("docker/db-restore.sh.vm", layout.deployment("scripts/db-restore.sh"), scripts, FileMode.EXECUTABLE),
                file("docker/DEPLOYMENT_README.md.vm", layout.deployment("DEPLOYMENT_README.md"), DeploymentReadmeView.of(plan))));
        plan.app().serverImage().ifPresent(server -> {
            files.add(file("docker/server.toml.vm", layout.deployment(server.folder() + "/server.toml"), new ServerTomlView(header,
                    server.config().entrySet().stream().map(e -> new ServerTomlView.Entry(TOML.key(e.getKey()), TOML.value(e.getValue())))
                            .toList())));
            files.add(new FileDeclaration.Verbatim("docker/launch.py", layout.deployment(server.folder() + "/launch.py"), FileMode.REGULAR));
        });
        return files;
    }


    private static Rendered file(String template, String destination, Record view) {
        return new Rendered(template, destination, view, FileMode.REGULAR);
    }

    private static DockerfileView dockerfile(DeploymentPlan plan, Safe header) {
        DeploymentSpec spec = plan.spec();
        AppPlan app = plan.app();
        ImageSteps steps = app.imageSteps();
        List<Safe> labels = new ArrayList<>();
        labels.add(label("org.opencontainers.image.title", spec.name()));
        spec.deployment().description().ifPresent(d -> labels.add(label("org.opencontainers.image.description", d)));
        labels.add(label("org.opencontainers.image.vendor", "generated by specql-deploy"));
        return new DockerfileView(new Safe(Pins.DOCKERFILE_SYNTAX), header,
                new Safe("docker build --file " + plan.layout().dockerfile() + " --tag " + spec.name() + ":latest ."),
                new Safe(labels.stream().map(Safe::text).collect(Collectors.joining(" \\\n      "))),
                new DockerfileView.Images(new Safe(app.baseImage()), new Safe(Pins.UV_IMAGE), new Safe(Pins.RUST_IMAGE)),
                new DockerfileView.Build(spec.application().packageManager() == PackageManager.UV, spec.application().rustExtension(),
                        app.dependencyFiles().stream().map(DOCKER::path).toList(), spec.application().requirementsFile().map(DOCKER::path),
                        new Safe(steps.buildPackages().stream().map(name -> " " + debianPackage(name)).collect(Collectors.joining())),
                        oneRun(steps.afterDependencies()), oneRun(steps.afterCode()), app.systemPackages().isEmpty() ? Optional.empty()
                                : Optional.of(new Safe(String.join(" ", app.systemPackages().stream().map(DockerGenerator::debianPackage).toList()))),
                        oneRun(steps.runtimeSetup())),
                app.serverImage().map(server -> new DockerfileView.Server(new Safe(String.join(" ", server.crates().stream()
                        .map(DockerGenerator::crate).toList())), new Safe(String.join(" ", server.binaries().stream()
                        .map(binary -> SERVER_ROOT + "/bin/" + DOCKER.path(binary).text()).toList())), DOCKER.absolutePath(server.directory()),
                        DOCKER.path(plan.layout().deployment(server.folder())))),
                new DockerfileView.Process(DOCKER.exec(app.devCommand()), DOCKER.exec(app.serverCommand()), DOCKER.exec(app.healthcheck()),
                        app.port(), spec.application().command().isPresent(), AppPlan.UID, app.workers(), app.storageDirectory().isPresent(), app.ownedDirectories().isEmpty() ? Optional.empty()
                        : Optional.of(new Safe(app.ownedDirectories().stream().map(DOCKER::absolutePath).map(Safe::text)
                                .collect(Collectors.joining(" "))))));
    }

    /** Where cargo installs the server stage's binaries. */
    private static final String SERVER_ROOT = "/opt/server";

    /** A crate as cargo install takes it: name@version, checked, since it lands in a shell line. */
    private static String crate(String crate) {
        if (!crate.matches("[a-z0-9_-]+@[0-9]+\\.[0-9]+\\.[0-9]+")) {
            throw new IllegalArgumentException("not a pinned crate: " + crate);
        }
        return crate;
    }

    /** Shell lines as one RUN instruction: one layer, and what hadolint asks of consecutive RUNs. */
    private static Optional<Safe> oneRun(List<Snippet> lines) {
        return lines.isEmpty() ? Optional.empty()
                : Optional.of(new Safe(lines.stream().map(line -> SH.snippet(line).text()).collect(Collectors.joining(" \\\n    && "))));
    }

    /** Debian package names as the framework states them: checked, since they land in a shell line. */
    private static String debianPackage(String name) {
        if (!name.matches("[a-z0-9][a-z0-9+.-]{1,62}")) {
            throw new IllegalArgumentException("not a Debian package name: " + name);
        }
        return name;
    }

    private static Safe label(String key, String value) {
        return new Safe(key + "=" + DOCKER.q(value));
    }

    private static ComposeView compose(DeploymentSpec spec, ComposePlan plan, boolean production, Safe header) {
        return new ComposeView(header, new Safe(production
                ? "One server: cp .env.example .env, fill it in, then: docker compose --file compose.production.yaml up --detach --build"
                : "Local development: docker compose up --build   (app on http://localhost:" + spec.application().port() + ")"),
                // Apart, so that the development stack never shares the production stack's volumes (its database).
                new Safe(production ? spec.name() : spec.name() + "-dev"), production, production ? plan.production() : plan.development(),
                plan.volumes(production).stream().map(Safe::new).toList());
    }

    private static CaddyfileView caddyfile(DeploymentPlan plan, Safe header) {
        DeploymentSpec spec = plan.spec();
        // The site's name from the environment (each hobby-project server's unit sets its own), the spec's by default.
        String domain = spec.platform().domain().orElse("localhost");
        boolean fromEnvironment = spec.platform().domain().isPresent();
        Safe site = new Safe(fromEnvironment ? "{$" + ComposePlan.SITE_VARIABLE + ":" + domain + "}" : domain);
        return new CaddyfileView(header, new Safe(domain), site, fromEnvironment, spec.platform().acmeEmail().map(CADDY::q),
                new Safe("app:" + plan.app().port()), CADDY.q(spec.application().metricsPath()),
                CADDY.q(spec.application().metricsPath() + "/*"));
    }

    private static EnvExampleView envExample(DeploymentPlan plan, Safe header) {
        return new EnvExampleView(header, new Safe(ComposePlan.APP_IMAGE_VARIABLE), DOTENV.q(plan.spec().name() + ":latest"),
                plan.spec().platform().domain().map(domain -> new EnvExampleView.Site(new Safe(ComposePlan.SITE_VARIABLE), DOTENV.q(domain))),
                ComposePlan.secrets(plan).stream().map(s -> new EnvExampleView.SecretLine(new Safe(s.name()), new Safe(s.description()),
                        new Safe(s.howToCreate()))).toList());
    }
}
