package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.generate.app.AppRuntime;
import dev.specql.deploy.engine.escape.CaddyfileEscaper;
import dev.specql.deploy.engine.escape.DockerfileEscaper;
import dev.specql.deploy.engine.escape.DotenvEscaper;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.generate.GenerationContext;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.render.Safe;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.engine.write.GeneratedFile;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.PackageManager;
import dev.specql.deploy.model.catalog.Pins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 1: the Dockerfile, compose files for development and one production server, the Caddyfile,
 * .env.example, .dockerignore, backup scripts and the deployment README.
 */
public final class DockerGenerator implements Generator {

    public static final String PHASE = "docker";
    /** Subdirectory of the output root that holds this phase's files. */
    public static final String DIRECTORY = "deployment";

    private static final DockerfileEscaper DOCKER = new DockerfileEscaper();
    private static final CaddyfileEscaper CADDY = new CaddyfileEscaper();
    private static final DotenvEscaper DOTENV = new DotenvEscaper();
    private static final ShellEscaper SH = new ShellEscaper();

    @Override
    public String phase() {
        return PHASE;
    }

    @Override
    public List<String> templates(DeploymentSpec spec) {
        return List.of(dockerfileTemplate(spec), "docker/dockerignore.vm", "docker/compose.yaml.vm", "docker/Caddyfile.vm",
                "docker/env.example.vm", "docker/gitignore.vm", "docker/db-backup.sh.vm", "docker/db-restore.sh.vm",
                "docker/DEPLOYMENT_README.md.vm");
    }

    private static String dockerfileTemplate(DeploymentSpec spec) {
        return spec.framework() == Framework.RAILS ? "docker/Dockerfile-rails.vm" : "docker/Dockerfile-python.vm";
    }

    @Override
    public List<GeneratedFile> generate(DeploymentSpec spec, GenerationContext context) {
        AppRuntime runtime = AppRuntime.of(spec);
        String dockerfile = context.output(DIRECTORY + "/Dockerfile");
        ComposePlan compose = new ComposePlan(spec, runtime, context.projectRootFrom(DIRECTORY), dockerfile);
        Safe hashHeader = Header.lines("#", spec.specFile());

        Map<String, Object> common = new LinkedHashMap<>();
        common.put("header", hashHeader);
        common.put("name", spec.name());
        common.put("domain", spec.platform().domain().orElse("localhost"));
        common.put("port", runtime.port());
        common.put("healthPath", spec.application().healthPath());
        common.put("metricsPath", spec.application().metricsPath());

        List<GeneratedFile> files = new ArrayList<>();
        files.add(file(context, dockerfileTemplate(spec), dockerfile, Map.of("d", dockerfileView(spec, runtime, dockerfile, hashHeader))));
        files.add(file(context, "docker/dockerignore.vm", ".dockerignore", Map.of("header", hashHeader,
                "outputDirectory", new Safe(context.outputDirectory()), "python", runtime.python())));
        files.add(file(context, "docker/compose.yaml.vm", path(context, "compose.yaml"), composeModel(spec, compose.development(),
                false, hashHeader, compose)));
        files.add(file(context, "docker/compose.yaml.vm", path(context, "compose.production.yaml"), composeModel(spec,
                compose.production(), true, hashHeader, compose)));
        files.add(file(context, "docker/Caddyfile.vm", path(context, "Caddyfile"), caddyModel(spec, runtime, hashHeader)));
        files.add(file(context, "docker/env.example.vm", path(context, ".env.example"), envModel(spec, runtime, hashHeader)));
        files.add(file(context, "docker/gitignore.vm", path(context, ".gitignore"), Map.of("header", hashHeader)));
        Map<String, Object> scripts = scriptModel(spec, hashHeader);
        files.add(executable(context, "docker/db-backup.sh.vm", path(context, "scripts/db-backup.sh"), scripts));
        files.add(executable(context, "docker/db-restore.sh.vm", path(context, "scripts/db-restore.sh"), scripts));
        files.add(file(context, "docker/DEPLOYMENT_README.md.vm", path(context, "DEPLOYMENT_README.md"),
                ReadmeModel.of(spec, runtime, context, dockerfile)));
        return files;
    }

    private static String path(GenerationContext context, String name) {
        return context.output(DIRECTORY + "/" + name);
    }

    private static GeneratedFile file(GenerationContext context, String template, String path, Map<String, Object> model) {
        return new GeneratedFile(path, context.renderer().render(template, model), FileMode.REGULAR, PHASE);
    }

    private static GeneratedFile executable(GenerationContext context, String template, String path, Map<String, Object> model) {
        return new GeneratedFile(path, context.renderer().render(template, model), FileMode.EXECUTABLE, PHASE);
    }

    private static DockerfileView dockerfileView(DeploymentSpec spec, AppRuntime runtime, String dockerfile, Safe header) {
        List<Safe> labels = new ArrayList<>();
        labels.add(label("org.opencontainers.image.title", spec.name()));
        spec.deployment().description().ifPresent(d -> labels.add(label("org.opencontainers.image.description", d)));
        labels.add(label("org.opencontainers.image.vendor", "generated by specql-deploy"));
        boolean django = spec.framework() == Framework.DJANGO;
        String settings = spec.application().module().map(m -> m + ".settings").orElse("");
        return new DockerfileView(new Safe(Pins.DOCKERFILE_SYNTAX), header,
                new Safe("docker build --file " + dockerfile + " --tag " + spec.name() + ":latest ."),
                new Safe(runtime.baseImage()), new Safe(Pins.UV_IMAGE), new Safe(Pins.RUST_IMAGE),
                new Safe(labels.stream().map(Safe::text).collect(java.util.stream.Collectors.joining(" \\\n      "))),
                spec.application().packageManager() == PackageManager.UV, spec.application().rustExtension(), django,
                new Safe("DJANGO_SETTINGS_MODULE=" + SH.q(settings) + " DJANGO_SECRET_KEY=collectstatic-only"
                        + " python manage.py collectstatic --noinput"),
                DOCKER.exec(runtime.devCommand()), DOCKER.exec(runtime.serverCommand()), DOCKER.exec(runtime.healthcheck()),
                runtime.port(), AppRuntime.UID, spec.application().workers());
    }

    private static Safe label(String key, String value) {
        return new Safe(key + "=" + DOCKER.q(value));
    }

    private static Map<String, Object> composeModel(DeploymentSpec spec, List<ComposeService> services, boolean production,
                                                    Safe header, ComposePlan plan) {
        List<String> volumes = new ArrayList<>(List.of("db-data"));
        if (production) {
            if (services.stream().anyMatch(s -> s.name().equals("redis"))) {
                volumes.add("redis-data");
            }
            if (spec.framework() == Framework.RAILS) {
                volumes.add("storage");
            }
            volumes.addAll(List.of("caddy-data", "caddy-config"));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("header", header);
        model.put("project", new Safe(spec.name()));
        model.put("production", production);
        model.put("services", services);
        model.put("volumes", volumes.stream().map(Safe::new).toList());
        model.put("usage", new Safe(production
                ? "One server: cp .env.example .env, fill it in, then: docker compose --file compose.production.yaml up --detach --build"
                : "Local development: docker compose up --build   (app on http://localhost:" + spec.application().port() + ")"));
        return model;
    }

    private static Map<String, Object> caddyModel(DeploymentSpec spec, AppRuntime runtime, Safe header) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("header", header);
        model.put("site", new Safe(spec.platform().domain().orElse("localhost")));
        model.put("email", spec.platform().acmeEmail().map(CADDY::q).orElse(null));
        model.put("hasEmail", spec.platform().acmeEmail().isPresent());
        model.put("upstream", new Safe("app:" + runtime.port()));
        model.put("metricsPath", CADDY.q(spec.application().metricsPath()));
        model.put("metricsPathPrefix", CADDY.q(spec.application().metricsPath() + "/*"));
        return model;
    }

    private static Map<String, Object> envModel(DeploymentSpec spec, AppRuntime runtime, Safe header) {
        List<SecretLine> secrets = ComposePlan.secrets(spec, runtime).stream()
                .map(s -> new SecretLine(new Safe(s.name()), new Safe(s.description()), new Safe(s.howToCreate()))).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("header", header);
        model.put("imageVariable", new Safe(ComposePlan.APP_IMAGE_VARIABLE));
        model.put("defaultImage", DOTENV.q(spec.name() + ":latest"));
        model.put("secrets", secrets);
        return model;
    }

    /** A secret as .env.example documents it; generator text and validated variable names only. */
    public record SecretLine(Safe name, Safe description, Safe howToCreate) {
    }

    private static Map<String, Object> scriptModel(DeploymentSpec spec, Safe header) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("header", header);
        model.put("dbUser", SH.q(spec.database().user()));
        model.put("dbName", SH.q(spec.database().name()));
        model.put("project", SH.q(spec.name()));
        return model;
    }
}
