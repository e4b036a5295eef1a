package dev.specql.deploy.engine.generate;

import dev.specql.deploy.engine.write.FileMode;
import java.util.List;

/** A file a phase writes, declared as data and rendered by {@link FileRenderer}. */
public sealed interface FileDeclaration permits FileDeclaration.OneFile, FileDeclaration.VerbatimTree {

    /** A declaration of exactly one file: what it is made from and where it goes. */
    sealed interface OneFile extends FileDeclaration permits Rendered, Verbatim {

        /** The template or file it is made from, under the template root. */
        String source();

        /** Its path relative to the project root. */
        String destination();
    }

    /**
     * A Velocity template rendered with a view: the view's record components are the template's references
     * ({@code $header}, {@code $services}, ...), beside the escapers.
     *
     * @param template    the template path under the template root, e.g. docker/compose.yaml.vm
     * @param destination the file's path relative to the project root
     * @param view        a record of already escaped values, numbers, booleans and lists or records of them
     */
    record Rendered(String template, String destination, Record view, FileMode mode) implements OneFile {

        @Override
        public String source() {
            return template;
        }
    }

    /**
     * A file copied as it is, with only the generated-by header added where its format has comments: for
     * formats whose own syntax ({@code ${}}, {@code {{ }}}) collides with Velocity. Generate their parameters
     * instead (a variables or values file).
     *
     * @param source      the file's path under the template root
     * @param destination its path relative to the project root
     */
    record Verbatim(String source, String destination, FileMode mode) implements OneFile {
    }

    /**
     * The verbatim files of some folders of a shipped tree. Folders on the classpath cannot be listed, so the
     * tree's {@code index.txt} names its files, one path per line relative to the root.
     *
     * @param sourceRoot      the tree under the template root, e.g. opentofu/modules
     * @param destinationRoot where it goes, relative to the project root
     * @param folders         the top-level folders of the tree to copy; files come in the index's order
     */
    record VerbatimTree(String sourceRoot, String destinationRoot, List<String> folders) implements FileDeclaration {

        public VerbatimTree {
            folders = List.copyOf(folders);
        }

        public String index() {
            return sourceRoot + "/index.txt";
        }
    }
}
