package dev.specql.deploy.engine;

import dev.specql.deploy.engine.generate.FileDeclaration;
import dev.specql.deploy.engine.generate.FileRenderer;
import dev.specql.deploy.engine.generate.Sources;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.Planner;
import dev.specql.deploy.engine.render.TemplateRenderer;
import dev.specql.deploy.engine.scan.DirectoryFiles;
import dev.specql.deploy.engine.write.GeneratedFile;
import dev.specql.deploy.engine.write.Hashes;
import dev.specql.deploy.engine.write.OutputWriter;
import dev.specql.deploy.engine.write.WriteReport;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.Setting;
import dev.specql.deploy.model.ProjectFacts;
import dev.specql.deploy.model.load.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
        Set<String> phaseIds = new LinkedHashSet<>(prepared.declarations().keySet().stream().map(Phase::id).toList());
        String fingerprint = fingerprint(prepared, request.toolVersion(), writer);
        if (!request.options().dryRun() && writer.upToDate(phaseIds, fingerprint)) {
            return new EngineResult(true, Optional.empty(), prepared.loaded().config(), List.copyOf(phaseIds), prepared.notes());
        }
        WriteReport report = writer.write(render(prepared), phaseIds, fingerprint, request.options());
        return new EngineResult(false, Optional.of(report), prepared.loaded().config(), List.copyOf(phaseIds), prepared.notes());
    }

    /**
     * What a run decides before it renders: the spec, the plan, the phases that run and what each declares.
     *
     * @param declarations what each phase that runs declares, in phase order
     * @param notes        why phases were added, for the console
     * @param files        the driver, over the renderer that reads the user's overrides first
     * @param derivedFrom  shipped files generators read while declaring (facts derived from them), each once
     */
    record Prepared(SpecLoader.LoadedSpec loaded, DeploymentPlan plan, Map<Phase, List<FileDeclaration>> declarations,
                    List<String> notes, FileRenderer files, List<String> derivedFrom) {

        Prepared {
            declarations = Collections.unmodifiableMap(new LinkedHashMap<>(declarations));
            notes = List.copyOf(notes);
            derivedFrom = List.copyOf(derivedFrom);
        }

        /** Every template and verbatim source the run reads: what the declarations render, then what they derive from. */
        List<String> templates() {
            Set<String> sources = new LinkedHashSet<>();
            declarations.values().forEach(declared -> sources.addAll(files.sources(declared)));
            sources.addAll(derivedFrom);
            return List.copyOf(sources);
        }

        /** The same decisions rendered through another driver (a test's, which records what rendering reads). */
        Prepared with(FileRenderer other) {
            return new Prepared(loaded, plan, declarations, notes, other, derivedFrom);
        }
    }

    Prepared prepare(EngineRequest request) throws SpecException, IOException {
        if (!request.outputDirectory().startsWith(request.projectRoot())) {
            throw new IOException("the output directory " + request.outputDirectory() + " is outside the project " + request.projectRoot());
        }
        SpecLoader.LoadedSpec loaded = load(request.projectRoot(), request.specFile());
        Layout layout = new Layout(request.projectRoot().relativize(request.outputDirectory()).toString().replace('\\', '/'));
        DeploymentPlan plan = Planner.plan(loaded.spec(), layout);
        FileRenderer files = new FileRenderer(new TemplateRenderer(request.templateDirectory()), loaded.spec().specFile());
        Set<String> derivedFrom = new LinkedHashSet<>();
        Sources sources = path -> {
            derivedFrom.add(path);
            return files.text(path);
        };
        List<String> notes = new ArrayList<>();
        Map<Phase, List<FileDeclaration>> declarations = declare(request.phases(), plan, sources, files, notes);
        return new Prepared(loaded, plan, declarations, notes, files, List.copyOf(derivedFrom));
    }

    /**
     * Reads and checks the spec, with what the project's own files say (a version file, a lock file) layered under
     * it: the spec wins, detected values win over defaults, and each keeps its origin.
     *
     * @param projectRoot the project's base directory
     * @param specFile    the spec, inside it
     */
    public static SpecLoader.LoadedSpec load(Path projectRoot, Path specFile) throws SpecException, IOException {
        Path root = projectRoot.toAbsolutePath().normalize();
        String specName = root.relativize(specFile.toAbsolutePath().normalize()).toString().replace('\\', '/');
        DirectoryFiles files = new DirectoryFiles(root);
        return SpecLoader.load(specFile, specName, files);
    }

    /**
     * What the requested phases declare, plus every phase that writes a file their output reads, in phase
     * order: a goal that runs one phase alone never leaves a configuration pointing at files nobody wrote.
     */
    static Map<Phase, List<FileDeclaration>> declare(List<Phase> requested, DeploymentPlan plan, Sources sources, FileRenderer files,
                                                     List<String> notes) {
        Map<Phase, List<FileDeclaration>> declared = new LinkedHashMap<>();
        requested.forEach(phase -> declared.put(phase, phase.generator().files(plan, sources)));
        List<Phase> pending = new ArrayList<>(requested);
        while (!pending.isEmpty()) {
            Phase reader = pending.remove(0);
            for (String path : reader.generator().reads(plan)) {
                if (declared.values().stream().anyMatch(d -> files.destinations(d).contains(path))) {
                    continue;
                }
                Phase writer = null;
                for (Phase candidate : Phase.all()) {
                    List<FileDeclaration> candidateFiles = declared.containsKey(candidate) ? declared.get(candidate)
                            : candidate.generator().files(plan, sources);
                    if (files.destinations(candidateFiles).contains(path)) {
                        writer = candidate;
                        declared.put(candidate, candidateFiles);
                        break;
                    }
                }
                if (writer == null) {
                    throw new IllegalStateException(reader.id() + " reads " + path + ", which no phase writes for this spec");
                }
                pending.add(writer);
                notes.add("also generating " + writer.id() + ": the " + reader.id() + " output of the " + plan.spec().pattern().id()
                        + " pattern reads " + path + ", which " + writer.id() + " writes");
            }
        }
        Map<Phase, List<FileDeclaration>> inOrder = new LinkedHashMap<>();
        Phase.all().stream().filter(declared::containsKey).forEach(phase -> inOrder.put(phase, declared.get(phase)));
        inOrder.keySet().forEach(phase -> notes.addAll(phase.generator().notes(plan)));
        return inOrder;
    }

    /** Renders every declaration; two phases may not declare one path. */
    static List<GeneratedFile> render(Prepared prepared) {
        List<GeneratedFile> generated = new ArrayList<>();
        prepared.declarations().forEach((phase, declared) -> generated.addAll(prepared.files().render(phase.id(), declared)));
        requireOneOwnerPerFile(generated);
        return generated;
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
        for (ProjectFacts.Fact fact : prepared.plan().spec().project().facts()) {
            sb.append("fact ").append(fact.name()).append('=').append(fact.value()).append(" @").append(fact.source()).append('\n');
        }
        for (String source : prepared.templates()) {
            sb.append("template ").append(source).append(' ').append(Hashes.sha256(prepared.files().source(source))).append('\n');
        }
        sb.append("ignore ").append(Hashes.sha256(writer.ignoreFileContent().getBytes(StandardCharsets.UTF_8))).append('\n');
        return Hashes.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
