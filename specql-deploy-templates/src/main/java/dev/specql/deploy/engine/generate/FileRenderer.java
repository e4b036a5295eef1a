package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.generate.FileDeclaration.Rendered;
import dev.specql.deploy.engine.generate.FileDeclaration.Verbatim;
import dev.specql.deploy.engine.generate.FileDeclaration.VerbatimTree;
import dev.specql.deploy.engine.render.TemplateRenderer;
import dev.specql.deploy.engine.write.FileMode;
import dev.specql.deploy.engine.write.GeneratedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one driver that turns declarations into files. The same expansion gives the templates a run reads, so
 * the fingerprint and the rendering cannot disagree on them.
 */
public final class FileRenderer {

    private final TemplateRenderer renderer;
    private final String specFile;

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
            for (FileDeclaration file : expand(declaration)) {
                sources.add(file instanceof Rendered rendered ? rendered.template() : ((Verbatim) file).source());
            }
        }
        return List.copyOf(sources);
    }

    /** A template or verbatim source as the renderer reads it (the user's override, if any). */
    public byte[] source(String path) {
        return renderer.source(path);
    }

    public List<GeneratedFile> render(String phase, List<FileDeclaration> declarations) {
        List<GeneratedFile> files = new ArrayList<>();
        for (FileDeclaration declaration : declarations) {
            for (FileDeclaration file : expand(declaration)) {
                if (file instanceof Rendered rendered) {
                    files.add(new GeneratedFile(rendered.destination(), renderer.render(rendered.template(), rendered.view()),
                            rendered.mode(), phase));
                } else {
                    Verbatim verbatim = (Verbatim) file;
                    String content = new String(renderer.source(verbatim.source()), StandardCharsets.UTF_8);
                    files.add(new GeneratedFile(verbatim.destination(), Header.prepend(verbatim.destination(), content, specFile),
                            verbatim.mode(), phase));
                }
            }
        }
        return files;
    }

    /** A tree as the verbatim files its index lists under the wanted folders; other declarations as they are. */
    private List<FileDeclaration> expand(FileDeclaration declaration) {
        if (!(declaration instanceof VerbatimTree tree)) {
            return List.of(declaration);
        }
        List<FileDeclaration> files = new ArrayList<>();
        String index = new String(renderer.source(tree.index()), StandardCharsets.UTF_8);
        for (String line : index.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int slash = line.indexOf('/');
            if (slash > 0 && tree.folders().contains(line.substring(0, slash))) {
                files.add(new Verbatim(tree.sourceRoot() + "/" + line, tree.destinationRoot() + "/" + line, FileMode.REGULAR));
            }
        }
        return files;
    }
}
