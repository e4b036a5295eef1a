package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.text.Printable;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads spec bytes into a located {@link YNode} tree, refusing anything a deployment spec has no use for.
 *
 * <p>SnakeYAML only composes the node graph here; nothing is constructed, so no Java type can be
 * instantiated from the document. Limits: {@link #MAX_BYTES} of input, {@link #MAX_NODES} nodes after
 * alias expansion (billion-laughs), {@link #MAX_DEPTH} levels of nesting, {@link #MAX_COLLECTION_ALIASES} aliases
 * to lists or mappings, one document, UTF-8 only.
 */
public final class YamlReader {

    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_NODES = 5_000;
    public static final int MAX_DEPTH = 24;
    public static final int MAX_COLLECTION_ALIASES = 64;

    /** The fix for the alias limits. */
    static final String WRITE_OUT_ALIASES = "write the values out instead of nesting aliases";

    private YamlReader() {
    }

    /**
     * @param file  the name to print in locations
     * @param bytes the file content
     * @return the root node, or {@code null} for an empty document
     * @throws SpecException listing every problem found
     */
    public static YNode read(String file, byte[] bytes) throws SpecException {
        if (bytes.length > MAX_BYTES) {
            throw fail(Problem.of(Location.startOf(file), "", "the file is " + bytes.length + " bytes; a deployment spec may be at most "
                    + MAX_BYTES + " bytes", "a spec of this size is almost certainly not a deployment spec"));
        }
        String text = Encoding.decode(file, bytes);
        checkCharacters(file, text);
        LoaderOptions options = loaderOptions();
        GuardedParser parser = new GuardedParser(new ParserImpl(new StreamReader(text), options), file);
        Node root = compose(file, parser, options);
        if (root == null) {
            return null;
        }
        NodeConverter.Result result = NodeConverter.convert(file, root, AliasSites.find(root, parser.aliasMarks()));
        if (!result.problems().isEmpty()) {
            throw new SpecException(result.problems());
        }
        return result.root();
    }

    private static Node compose(String file, GuardedParser parser, LoaderOptions options) throws SpecException {
        try {
            return new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (GuardedParser.Refusal e) {
            throw fail(e.problem());
        } catch (MarkedYAMLException e) {
            throw fail(SyntaxErrors.problem(file, e));
        } catch (YAMLException e) {
            // A backstop: GuardedParser and the character check stop the input SnakeYAML would refuse unlocated.
            throw fail(Problem.of(Location.startOf(file), "", "YAML error: " + e.getMessage()));
        }
    }

    /**
     * SnakeYAML's own nesting and alias limits report no position, so they are set above ours (which
     * {@link GuardedParser} enforces first) and only remain as a backstop. Every tag reaches the converter, which
     * refuses all but the core ones with a located message: nothing is ever constructed from a tag.
     */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(2 * MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(2 * MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        options.setTagInspector(tag -> true);
        return options;
    }

    private static void checkCharacters(String file, String text) throws SpecException {
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int codePoint = text.codePointAt(i);
            if (isForbidden(codePoint)) {
                throw fail(Problem.of(Positions.of(file, text, i), "", forbiddenCharacter(codePoint),
                        "remove the invisible or control character"));
            }
        }
    }

    /**
     * The characters a spec may not hold, raw or written as an escape: controls other than tab and line breaks, and
     * every invisible format character (bidirectional controls, zero-width characters, the tag block that smuggles
     * invisible ASCII), which can make a value read differently from what it is, plus what SnakeYAML's reader
     * refuses. The zero-width (non-)joiner stay allowed: emoji sequences and several scripts need them. Unassigned
     * code points are allowed too (an older JDK sees newer emoji as unassigned), except in the two invisible blocks.
     */
    static boolean isForbidden(int codePoint) {
        if (codePoint == '\t' || codePoint == '\n' || codePoint == '\r' || codePoint == 0x200C || codePoint == 0x200D) {
            return false;
        }
        boolean invisibleBlock = (codePoint >= 0x2060 && codePoint <= 0x206F) || (codePoint >= 0xE0000 && codePoint <= 0xE007F);
        boolean invisible = Printable.isInvisible(codePoint) && Character.getType(codePoint) != Character.UNASSIGNED;
        return invisible || invisibleBlock || !StreamReader.isPrintable(codePoint);
    }

    static String forbiddenCharacter(int codePoint) {
        return String.format(Locale.ROOT, "the character U+%04X is not allowed in a deployment spec", codePoint);
    }

    static Problem nestedTooDeep(Location location) {
        return Problem.of(location, "", "the document nests deeper than " + MAX_DEPTH + " levels");
    }

    private static SpecException fail(Problem problem) {
        return new SpecException(List.of(problem));
    }
}
