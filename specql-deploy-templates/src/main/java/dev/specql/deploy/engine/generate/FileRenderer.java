package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.generate.FileDeclaration.OneFile;
import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.FileDeclaration.Verbatim;
import dev.specql.deploy.engine.generate.FileDeclaration.VerbatimTree;
import dev.specql.deploy.engine.render.TemplateRenderer;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.engine.write.GeneratedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one driver that turns declarations into files. The same expansion gives the templates a run reads, so
 * the fingerprint and the rendering cannot disagree on them.
 */
public final class FileRenderer implements Sources {

    private final TemplateRenderer renderer;
    private final String specFile;
    /** Trees expanded in this run: their index is read once, as one run writes one version of it. */
    private final Map<VerbatimTree, List<OneFile>> expanded = new HashMap<>();

    /** @param specFile the spec's name, for generated-by headers */
    public FileRenderer(TemplateRenderer renderer, String specFile) {
        this.renderer = renderer;
        this.specFile = specFile;
    }

    /** Every template and verbatim source the declarations read, tree indexes included, in order. */
    public List<String> sources(List<FileDeclaration> declarations) {
        Set<String> sources = new LinkedHashSet<>();
        for (FileDeclaration declaration : declarations) {
            if (declaration instanceof VerbatimTree tree) {
                sources.add(tree.index());
            }
            expand(declaration).forEach(file -> sources.add(file.source()));
        }
        return List.copyOf(sources);
    }

    /** The paths the declarations write, relative to the project root, in order. */
    public List<String> destinations(List<FileDeclaration> declarations) {
        List<String> paths = new ArrayList<>();
        declarations.forEach(declaration -> expand(declaration).forEach(file -> paths.add(file.destination())));
        return paths;
    }

    /** A template or verbatim source as the renderer reads it (the user's override, if any). */
    public byte[] source(String path) {
        return renderer.source(path);
    }

    @Override
    public String text(String path) {
        return new String(source(path), StandardCharsets.UTF_8);
    }

    public List<GeneratedFile> render(String phase, List<FileDeclaration> declarations) {
        List<GeneratedFile> files = new ArrayList<>();
        for (FileDeclaration declaration : declarations) {
            for (OneFile file : expand(declaration)) {
                if (file instanceof Rendered rendered) {
                    files.add(new GeneratedFile(rendered.destination(), renderer.render(rendered.template(), rendered.view()),
                            rendered.mode(), phase));
                } else {
                    Verbatim verbatim = (Verbatim) file;
                    files.add(new GeneratedFile(verbatim.destination(), Header.prepend(verbatim.destination(), text(verbatim.source()),
                            specFile), verbatim.mode(), phase));
                }
            }
        }
        return files;
    }

    /**
     * A tree as the verbatim files its index lists under the wanted folders, in the index's order; other
     * declarations as they are. A malformed index line or a wanted folder with no file fails: a module the
     * roots call must never be silently missing.
     */
    private List<OneFile> expand(FileDeclaration declaration) {
        if (declaration instanceof OneFile file) {
            return List.of(file);
        }
        return expanded.computeIfAbsent((VerbatimTree) declaration, this::expandTree);
    }

    private List<OneFile> expandTree(VerbatimTree tree) {
        List<OneFile> files = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        for (String line : text(tree.index()).lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int slash = line.indexOf('/');
            if (slash <= 0 || line.endsWith("/") || line.contains("..")) {
                throw new IllegalStateException(tree.index() + ": '" + line + "' is not a file path under a folder of the tree");
            }
            String folder = line.substring(0, slash);
            if (tree.folders().contains(folder)) {
                found.add(folder);
                files.add(new Verbatim(tree.sourceRoot() + "/" + line, tree.destinationRoot() + "/" + line, FileMode.REGULAR));
            }
        }
        if (found.size() != tree.folders().size()) {
            List<String> missing = tree.folders().stream().filter(folder -> !found.contains(folder)).toList();
            throw new IllegalStateException(tree.index() + " lists no file in " + missing);
        }
        return List.copyOf(files);
    }
}
