package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.escape.ShellEscaper;
import dev.specql.deploy.engine.generate.GenerationContext;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.app.AppRuntime;
import dev.specql.deploy.engine.generate.app.EnvVar;
import dev.specql.deploy.engine.generate.app.SecretVar;
import dev.specql.deploy.engine.generate.docker.DockerGenerator;
import dev.specql.deploy.engine.generate.opentofu.RootView.Entry;
import dev.specql.deploy.engine.render.Safe;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.engine.write.GeneratedFile;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.catalog.Pins;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Phase 2: OpenTofu on AWS. A bootstrap (state bucket, KMS key, ECR), one root per environment that sizes
 * the local modules, the modules themselves (static HCL shipped with the plugin), tests, a deploy script
 * and a README with a cost estimate. The kubernetes pattern's infrastructure is its Helm chart: nothing here.
 */
public final class OpenTofuGenerator implements Generator {

    public static final String PHASE = "opentofu";
    public static final String DIRECTORY = "infrastructure/opentofu";
    /** Lists the static module files: classpath folders cannot be listed from a jar. */
    static final String MODULE_INDEX = "opentofu/modules/index.txt";

    private static final HclEscaper HCL = new HclEscaper();
    private static final ShellEscaper SH = new ShellEscaper();
    private static final Safe DOLLAR = new Safe("$");

    @Override
    public String phase() {
        return PHASE;
    }

    @Override
    public List<String> templates(DeploymentSpec spec) {
        if (spec.pattern() == Pattern.KUBERNETES) {
            return List.of();
        }
        List<String> templates = new ArrayList<>(List.of("opentofu/README.md.vm", "opentofu/deploy.sh.vm",
                "opentofu/bootstrap/versions.tf.vm", "opentofu/bootstrap/variables.tf.vm", "opentofu/bootstrap/main.tf.vm",
                "opentofu/bootstrap/outputs.tf.vm", "opentofu/environment/versions.tf.vm", "opentofu/environment/providers.tf.vm",
                "opentofu/environment/variables.tf.vm", mainTemplate(spec), outputsTemplate(spec),
                "opentofu/environment/terraform.tfvars.example.vm", MODULE_INDEX));
        moduleFiles(spec).forEach(file -> templates.add("opentofu/modules/" + file));
        return templates;
    }

    private static boolean server(DeploymentSpec spec) {
        return spec.pattern() == Pattern.HOBBY_PROJECT;
    }

    private static String mainTemplate(DeploymentSpec spec) {
        return server(spec) ? "opentofu/environment/main-server.tf.vm" : "opentofu/environment/main-ecs.tf.vm";
    }

    private static String outputsTemplate(DeploymentSpec spec) {
        return server(spec) ? "opentofu/environment/outputs-server.tf.vm" : "opentofu/environment/outputs-ecs.tf.vm";
    }

    /** The modules this pattern uses. */
    static List<String> modules(DeploymentSpec spec) {
        if (server(spec)) {
            return List.of("kms", "networking", "server", "monitoring");
        }
        List<String> modules = new ArrayList<>(List.of("kms", "networking", "database", "edge", "compute", "monitoring"));
        if (!AppRuntime.of(spec).secrets().isEmpty()) {
            modules.add(2, "secrets");
        }
        if (AppRuntime.of(spec).hasWorker()) {
            modules.add("cache");
        }
        return modules;
    }

    /** The module files to copy, as paths under opentofu/modules/, in index order. */
    private static List<String> moduleFiles(DeploymentSpec spec) {
        List<String> wanted = modules(spec);
        return moduleIndex().stream().filter(file -> wanted.contains(file.substring(0, file.indexOf('/')))).toList();
    }

    static List<String> moduleIndex() {
        try (InputStream in = OpenTofuGenerator.class.getClassLoader()
                .getResourceAsStream(dev.specql.deploy.engine.render.TemplateRenderer.BUNDLED_ROOT + MODULE_INDEX)) {
            if (in == null) {
                throw new IllegalStateException(MODULE_INDEX + " is missing from the templates jar");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<GeneratedFile> generate(DeploymentSpec spec, GenerationContext context) {
        if (spec.pattern() == Pattern.KUBERNETES) {
            return List.of();
        }
        Safe header = Header.lines("#", spec.specFile());
        List<EnvironmentPlan> plans = EnvironmentPlan.of(spec);
        List<GeneratedFile> files = new ArrayList<>();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("header", header);
        common.put("tofuVersion", new Safe(Pins.OPENTOFU_VERSION));
        common.put("providerVersion", HCL.q("= " + Pins.AWS_PROVIDER_VERSION));
        common.put("application", HCL.q(spec.name()));
        common.put("region", HCL.q(spec.platform().region()));
        common.put("ecr", CostEstimator.usesEcr(spec));
        common.put("server", server(spec));
        common.put("D", DOLLAR);

        for (String name : List.of("versions.tf", "variables.tf", "main.tf", "outputs.tf")) {
            files.add(render(context, "opentofu/bootstrap/" + name + ".vm", "bootstrap/" + name, common));
        }
        for (EnvironmentPlan plan : plans) {
            Map<String, Object> model = new LinkedHashMap<>(common);
            model.putAll(RootModel.of(spec, plan, context));
            String dir = "environments/" + plan.name() + "/";
            files.add(render(context, "opentofu/environment/versions.tf.vm", dir + "versions.tf", model));
            files.add(render(context, "opentofu/environment/providers.tf.vm", dir + "providers.tf", model));
            files.add(render(context, "opentofu/environment/variables.tf.vm", dir + "variables.tf", model));
            files.add(render(context, mainTemplate(spec), dir + "main.tf", model));
            files.add(render(context, outputsTemplate(spec), dir + "outputs.tf", model));
            files.add(render(context, "opentofu/environment/terraform.tfvars.example.vm", dir + "terraform.tfvars.example", model));
        }
        for (String file : moduleFiles(spec)) {
            files.add(staticFile(context, file, spec));
        }
        Map<String, Object> script = new LinkedHashMap<>(common);
        script.put("environments", new Safe(plans.stream().map(EnvironmentPlan::name).collect(Collectors.joining(", "))));
        script.put("environmentWords", new Safe(plans.stream().map(p -> SH.q(p.name()).text()).collect(Collectors.joining(" "))));
        files.add(new GeneratedFile(context.output(DIRECTORY + "/deploy.sh"),
                context.renderer().render("opentofu/deploy.sh.vm", script), FileMode.EXECUTABLE, PHASE));
        files.add(render(context, "opentofu/README.md.vm", "README.md", ReadmeView.of(spec, plans, context)));
        return files;
    }

    private static GeneratedFile render(GenerationContext context, String template, String path, Map<String, Object> model) {
        return new GeneratedFile(context.output(DIRECTORY + "/" + path), context.renderer().render(template, model),
                FileMode.REGULAR, PHASE);
    }

    /** A module file as shipped, with the generated-by header where the format has comments. */
    private static GeneratedFile staticFile(GenerationContext context, String file, DeploymentSpec spec) {
        String content = new String(context.renderer().source("opentofu/modules/" + file), StandardCharsets.UTF_8);
        boolean hashComments = file.endsWith(".tf") || file.endsWith(".hcl") || file.endsWith(".tftpl");
        String header = Header.lines("#", spec.specFile()).text();
        if (hashComments && content.startsWith("#!")) {
            int lineEnd = content.indexOf('\n') + 1;
            content = content.substring(0, lineEnd) + header + "\n" + content.substring(lineEnd);
        } else if (hashComments) {
            content = header + "\n\n" + content;
        } else if (file.endsWith(".md")) {
            content = Header.html(spec.specFile()).text() + "\n\n" + content;
        }
        return new GeneratedFile(context.output(DIRECTORY + "/modules/" + file), content, FileMode.REGULAR, PHASE);
    }

    /** The environment variables the app's containers get on ECS, as HCL entries. */
    static List<Entry> ecsEnvironment(DeploymentSpec spec, EnvironmentPlan plan, String domain) {
        AppRuntime runtime = AppRuntime.of(spec);
        String databaseUrl = "postgresql://" + spec.database().user() + "@db:5432/" + spec.database().name();
        AppRuntime.Wiring wiring = new AppRuntime.Wiring(databaseUrl, false, "", "https://" + domain, domain);
        Map<String, Safe> values = new LinkedHashMap<>();
        for (EnvVar var : runtime.environment(true, wiring)) {
            if (var.value().equals(databaseUrl)) {
                values.put(var.name(), new Safe("local.database_url"));
            } else if (var.name().equals("REDIS_URL")) {
                values.put(var.name(), new Safe("module.cache.url"));
            } else if (var.name().equals("CELERY_BROKER_URL")) {
                // Without it kombu accepts the broker's certificate unchecked.
                values.put(var.name(), new Safe("\"$" + "{module.cache.url}?ssl_cert_reqs=CERT_REQUIRED\""));
            } else {
                values.put(var.name(), HCL.q(var.value()));
            }
        }
        spec.variables(plan.productionTier() ? "production" : plan.name()).forEach((key, value) -> values.put(key, HCL.q(value)));
        List<Entry> entries = new ArrayList<>();
        values.forEach((key, value) -> entries.add(new Entry(HCL.q(key), value)));
        return entries;
    }

    static List<String> secretNames(DeploymentSpec spec) {
        return AppRuntime.of(spec).secrets().stream().map(SecretVar::name).toList();
    }

    /** The phase-1 directory as seen from an environment root. */
    static String deploymentFromEnvironment(GenerationContext context) {
        return context.projectRootFrom(DIRECTORY + "/environments/any") + "/" + context.output(DockerGenerator.DIRECTORY);
    }
}
