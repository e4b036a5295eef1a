package dev.specql.deploy.engine;

import dev.specql.deploy.engine.generate.GenerationContext;
import dev.specql.deploy.engine.generate.Generator;
import dev.specql.deploy.engine.render.TemplateRenderer;
import dev.specql.deploy.engine.write.GeneratedFile;
import dev.specql.deploy.engine.write.Hashes;
import dev.specql.deploy.engine.write.OutputWriter;
import dev.specql.deploy.engine.write.WriteReport;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.load.SpecLoader;
import dev.specql.deploy.model.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine behind every goal: load and check the spec, skip the run when nothing that shapes the
 * output changed, otherwise render each phase and hand the files to the safe writer.
 */
public final class DeployEngine {

    /** The manifest of generated files, in the output directory. */
    public static final String MANIFEST = ".specql-deploy-manifest";
    /** Paths the user has taken over, gitignore syntax, at the project root. */
    public static final String IGNORE_FILE = ".specql-deploy-ignore";

    public EngineResult run(EngineRequest request) throws SpecException, IOException {
        if (!request.outputDirectory().startsWith(request.projectRoot())) {
            throw new IOException("the output directory " + request.outputDirectory() + " is outside the project " + request.projectRoot());
        }
        String specName = request.projectRoot().relativize(request.specFile()).toString().replace('\\', '/');
        SpecLoader.LoadedSpec loaded = SpecLoader.load(request.specFile(), specName);
        String outputDirectory = request.projectRoot().relativize(request.outputDirectory()).toString().replace('\\', '/');
        TemplateRenderer renderer = new TemplateRenderer(request.templateDirectory());
        OutputWriter writer = new OutputWriter(request.projectRoot(), request.outputDirectory().resolve(MANIFEST),
                request.projectRoot().resolve(IGNORE_FILE));
        Set<String> phases = new LinkedHashSet<>();
        List<Generator> generators = new ArrayList<>();
        for (Phase phase : request.phases()) {
            phases.add(phase.id());
            generators.add(phase.generator());
        }
        String fingerprint = fingerprint(loaded, generators, renderer, outputDirectory, request.toolVersion(), writer);
        if (!request.options().dryRun() && writer.upToDate(phases, fingerprint)) {
            return new EngineResult(true, Optional.empty(), loaded.config());
        }
        GenerationContext context = new GenerationContext(renderer, outputDirectory);
        List<GeneratedFile> files = new ArrayList<>();
        for (Generator generator : generators) {
            files.addAll(generator.generate(loaded.spec(), context));
        }
        WriteReport report = writer.write(files, phases, fingerprint, request.options());
        return new EngineResult(false, Optional.of(report), loaded.config());
    }

    /**
     * Everything that shapes the output: the spec bytes, the effective configuration, the generator
     * version, each template as it will be read (overrides included), the output location and the
     * ignore rules. Hashing the spec alone would miss template overrides and upgrades.
     */
    static String fingerprint(SpecLoader.LoadedSpec loaded, List<Generator> generators, TemplateRenderer renderer,
                              String outputDirectory, String toolVersion, OutputWriter writer) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("tool ").append(toolVersion).append('\n');
        sb.append("output ").append(outputDirectory).append('\n');
        sb.append("spec ").append(Hashes.sha256(loaded.source())).append('\n');
        for (Setting setting : loaded.config().settings().values()) {
            sb.append("setting ").append(setting.path()).append('=').append(setting.value()).append('\n');
        }
        for (Generator generator : generators) {
            for (String template : generator.templates(loaded.spec())) {
                sb.append("template ").append(template).append(' ').append(Hashes.sha256(renderer.source(template))).append('\n');
            }
        }
        sb.append("ignore ").append(Hashes.sha256(writer.ignoreFileContent().getBytes(StandardCharsets.UTF_8))).append('\n');
        return Hashes.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

}
