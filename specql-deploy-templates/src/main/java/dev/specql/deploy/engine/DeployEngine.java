package dev.specql.deploy.engine;

import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.FileRenderer;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.Planner;
import dev.specql.deploy.engine.plan.ProjectFacts;
import dev.specql.deploy.engine.render.TemplateRenderer;
import dev.specql.deploy.engine.write.GeneratedFile;
import dev.specql.deploy.engine.write.Hashes;
import dev.specql.deploy.engine.write.OutputWriter;
import dev.specql.deploy.engine.write.WriteReport;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.Setting;
import dev.specql.deploy.model.load.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine behind every goal, as a sequence of steps whose results feed the next: load and check the spec,
 * plan the deployment once, let each phase declare its files, fingerprint what shapes the output (and stop
 * there when nothing changed), render the declarations, hand the files to the safe writer.
 */
public final class DeployEngine {

    /** The manifest of generated files, in the output directory. */
    public static final String MANIFEST = ".specql-deploy-manifest";
    /** Paths the user has taken over, gitignore syntax, at the project root. */
    public static final String IGNORE_FILE = ".specql-deploy-ignore";

    public EngineResult run(EngineRequest request) throws SpecException, IOException {
        Prepared prepared = prepare(request);
        OutputWriter writer = new OutputWriter(request.projectRoot(), request.outputDirectory().resolve(MANIFEST),
                request.projectRoot().resolve(IGNORE_FILE));
        Set<String> phaseIds = new LinkedHashSet<>(prepared.phases().stream().map(Phase::id).toList());
        String fingerprint = fingerprint(prepared, request.toolVersion(), writer);
        if (!request.options().dryRun() && writer.upToDate(phaseIds, fingerprint)) {
            return new EngineResult(true, Optional.empty(), prepared.loaded().config(), List.copyOf(phaseIds), prepared.notes());
        }
        List<GeneratedFile> generated = render(prepared, prepared.files());
        WriteReport report = writer.write(generated, phaseIds, fingerprint, request.options());
        return new EngineResult(false, Optional.of(report), prepared.loaded().config(), List.copyOf(phaseIds), prepared.notes());
    }

    /**
     * What a run decides before it reads any template: the spec, the plan, the phases and what each declares.
     *
     * @param notes why phases were added
     * @param files the driver, over the renderer that reads the user's overrides first
     */
    record Prepared(SpecLoader.LoadedSpec loaded, DeploymentPlan plan, List<Phase> phases, List<String> notes,
                    Map<Phase, List<FileDeclaration>> declarations, FileRenderer files) {

        /** The templates and verbatim sources of every declaration, each once, in declaration order. */
        List<String> templates() {
            Set<String> sources = new LinkedHashSet<>();
            declarations.values().forEach(declared -> sources.addAll(files.sources(declared)));
            return List.copyOf(sources);
        }
    }

    Prepared prepare(EngineRequest request) throws SpecException, IOException {
        if (!request.outputDirectory().startsWith(request.projectRoot())) {
            throw new IOException("the output directory " + request.outputDirectory() + " is outside the project " + request.projectRoot());
        }
        String specName = request.projectRoot().relativize(request.specFile()).toString().replace('\\', '/');
        SpecLoader.LoadedSpec loaded = SpecLoader.load(request.specFile(), specName);
        Layout layout = new Layout(request.projectRoot().relativize(request.outputDirectory()).toString().replace('\\', '/'));
        // The repository scanner of the "read the application" work fills the project facts; until then there are none.
        DeploymentPlan plan = Planner.plan(loaded.spec(), layout, ProjectFacts.none());
        List<String> notes = new ArrayList<>();
        List<Phase> phases = withRequiredPhases(request.phases(), plan, notes);
        Map<Phase, List<FileDeclaration>> declarations = new LinkedHashMap<>();
        phases.forEach(phase -> declarations.put(phase, phase.generator().files(plan)));
        FileRenderer files = new FileRenderer(new TemplateRenderer(request.templateDirectory()), loaded.spec().specFile());
        return new Prepared(loaded, plan, phases, List.copyOf(notes), declarations, files);
    }

    /** Renders every declaration with {@code files}; two phases may not declare one path. */
    static List<GeneratedFile> render(Prepared prepared, FileRenderer files) {
        List<GeneratedFile> generated = new ArrayList<>();
        prepared.declarations().forEach((phase, declared) -> generated.addAll(files.render(phase.id(), declared)));
        requireOneOwnerPerFile(generated);
        return generated;
    }

    /**
     * The requested phases and every phase their output reads, in declaration order: a goal that runs one
     * phase alone never leaves a configuration that points at files nobody wrote.
     */
    static List<Phase> withRequiredPhases(List<Phase> requested, DeploymentPlan plan, List<String> notes) {
        Set<Phase> phases = new LinkedHashSet<>(requested);
        List<Phase> pending = new ArrayList<>(requested);
        while (!pending.isEmpty()) {
            Phase phase = pending.remove(0);
            for (String id : phase.generator().requires(plan)) {
                Phase required = Phase.byId(id);
                if (phases.add(required)) {
                    pending.add(required);
                    notes.add("also generating " + id + ": the " + phase.id() + " output of the " + plan.spec().pattern().id()
                            + " pattern reads its files");
                }
            }
        }
        return Phase.all().stream().filter(phases::contains).toList();
    }

    /** A phase owns whole files: two phases declaring one path is a generator bug, caught before anything is written. */
    private static void requireOneOwnerPerFile(List<GeneratedFile> files) {
        Map<String, String> owners = new HashMap<>();
        for (GeneratedFile file : files) {
            String owner = owners.putIfAbsent(file.path(), file.phase());
            if (owner != null && !owner.equals(file.phase())) {
                throw new IllegalStateException(file.path() + " is declared by both " + owner + " and " + file.phase()
                        + "; a phase owns whole files and adds to another's output through files of its own");
            }
        }
    }

    /**
     * Everything that shapes the output: the spec bytes, the effective configuration, the facts read from the
     * repository, the generator version, each template and verbatim source the declarations read (overrides
     * included), the output location and the ignore rules. Hashing the spec alone would miss template
     * overrides and upgrades.
     */
    static String fingerprint(Prepared prepared, String toolVersion, OutputWriter writer) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("tool ").append(toolVersion).append('\n');
        sb.append("output ").append(prepared.plan().layout().outputDirectory()).append('\n');
        sb.append("spec ").append(Hashes.sha256(prepared.loaded().source())).append('\n');
        for (Setting setting : prepared.loaded().config().settings().values()) {
            sb.append("setting ").append(setting.path()).append('=').append(setting.value()).append('\n');
        }
        for (ProjectFacts.Fact fact : prepared.plan().project().facts()) {
            sb.append("fact ").append(fact.name()).append('=').append(fact.value()).append(" @").append(fact.origin()).append('\n');
        }
        for (String source : prepared.templates()) {
            sb.append("template ").append(source).append(' ').append(Hashes.sha256(prepared.files().source(source))).append('\n');
        }
        sb.append("ignore ").append(Hashes.sha256(writer.ignoreFileContent().getBytes(StandardCharsets.UTF_8))).append('\n');
        return Hashes.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
