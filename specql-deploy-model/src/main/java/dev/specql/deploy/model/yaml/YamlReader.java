package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.yaml.YNode.ScalarKind;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads spec bytes into a located {@link YNode} tree, refusing anything a deployment spec has no use for.
 *
 * <p>SnakeYAML only composes the node graph here; nothing is constructed, so no Java type can be
 * instantiated from the document. Limits: {@link #MAX_BYTES} of input, {@link #MAX_NODES} nodes after
 * alias expansion (billion-laughs), {@link #MAX_DEPTH} levels of nesting, one document, UTF-8 only.
 */
public final class YamlReader {

    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_NODES = 5_000;
    public static final int MAX_DEPTH = 24;
    private static final int MAX_ALIASES = 64;

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final IdentityHashMap<Node, Boolean> inProgress = new IdentityHashMap<>();
    private int nodeCount;
    private boolean expansionReported;

    private YamlReader(String file) {
        this.file = file;
    }

    /**
     * @param file  the name to print in locations
     * @param bytes the file content
     * @return the root node, or {@code null} for an empty document
     * @throws SpecException listing every problem found
     */
    public static YNode read(String file, byte[] bytes) throws SpecException {
        return new YamlReader(file).readAll(bytes);
    }

    private YNode readAll(byte[] bytes) throws SpecException {
        if (bytes.length > MAX_BYTES) {
            throw fail(Location.startOf(file), "the file is " + bytes.length + " bytes; a deployment spec may be at most "
                    + MAX_BYTES + " bytes", "a spec of this size is almost certainly not a deployment spec");
        }
        String text = decode(bytes);
        checkCharacters(text);
        Node root;
        try {
            root = newYaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw fail(locate(e.getProblemMark()), "YAML syntax error: " + e.getProblem(), hint(e.getProblem()));
        } catch (YAMLException e) {
            throw fail(Location.startOf(file), "YAML error: " + e.getMessage(), null);
        }
        if (root == null) {
            return null;
        }
        YNode result = convert(root, 1);
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return result;
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH * 2);
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options);
    }

    private String decode(byte[] bytes) throws SpecException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw fail(Location.startOf(file), "the file is UTF-16 encoded; a deployment spec must be UTF-8", "save the file as UTF-8");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            throw fail(positionOf(out.toString(), out.length()), String.format(java.util.Locale.ROOT,
                    "the file is not valid UTF-8 (byte 0x%02X at offset %d)", bytes[offset] & 0xFF, offset),
                    "save the file as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** YAML allows few control characters; bidirectional overrides are refused too (they disguise text). */
    private void checkCharacters(String text) throws SpecException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isForbidden(c)) {
                throw fail(positionOf(text, i), String.format(java.util.Locale.ROOT,
                        "the character U+%04X is not allowed in a deployment spec", (int) c),
                        c == '\t' ? null : "remove the invisible or control character");
            }
        }
    }

    static boolean isForbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0x200B || c == 0x200E || c == 0x200F;
    }

    private Location positionOf(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new Location(file, line, column);
    }

    private YNode convert(Node node, int depth) {
        Location location = locate(node.getStartMark());
        if (++nodeCount > MAX_NODES) {
            if (!expansionReported) {
                expansionReported = true;
                problems.add(Problem.of(location, "", "the document expands to more than " + MAX_NODES
                        + " nodes (aliases multiply content)", "write the values out instead of nesting aliases"));
            }
            return new YNode.YScalar("", ScalarKind.NULL, location);
        }
        if (depth > MAX_DEPTH) {
            problems.add(Problem.of(location, "", "the document nests deeper than " + MAX_DEPTH + " levels"));
            return new YNode.YScalar("", ScalarKind.NULL, location);
        }
        if (inProgress.containsKey(node)) {
            problems.add(Problem.of(location, "", "an alias refers to a node that contains it (a recursive structure)"));
            return new YNode.YScalar("", ScalarKind.NULL, location);
        }
        inProgress.put(node, Boolean.TRUE);
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, location);
            } else if (node instanceof MappingNode mapping) {
                return mapping(mapping, location, depth);
            } else if (node instanceof SequenceNode sequence) {
                checkTag(node, Tag.SEQ, location);
                List<YNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, depth + 1));
                }
                return new YNode.YSeq(items, location);
            }
            problems.add(Problem.of(location, "", "unsupported YAML node"));
            return new YNode.YScalar("", ScalarKind.NULL, location);
        } finally {
            inProgress.remove(node);
        }
    }

    private YNode scalar(ScalarNode scalar, Location location) {
        Tag tag = scalar.getTag();
        if (!SCALAR_TAGS.contains(tag)) {
            problems.add(unsupportedTag(tag, location));
            return new YNode.YScalar(scalar.getValue(), ScalarKind.STRING, location);
        }
        ScalarKind kind;
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN || tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
            kind = ScalarKind.STRING;
        } else if (tag.equals(Tag.INT)) {
            kind = ScalarKind.INTEGER;
        } else if (tag.equals(Tag.FLOAT)) {
            kind = ScalarKind.FLOAT;
        } else if (tag.equals(Tag.BOOL)) {
            kind = ScalarKind.BOOLEAN;
        } else {
            kind = ScalarKind.NULL;
        }
        return new YNode.YScalar(scalar.getValue(), kind, location);
    }

    private YNode mapping(MappingNode mapping, Location location, int depth) {
        checkTag(mapping, Tag.MAP, location);
        Map<String, YNode.YEntry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Location keyLocation = locate(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.add(Problem.of(keyLocation, "", "a mapping key must be a plain name, not " + kindOf(keyNode)));
                continue;
            }
            if (keyScalar.getTag().equals(Tag.MERGE)) {
                problems.add(Problem.of(keyLocation, "", "merge keys (<<) are not supported",
                        "write the keys out; anchors and aliases on whole values still work"));
                continue;
            }
            if (!SCALAR_TAGS.contains(keyScalar.getTag())) {
                problems.add(unsupportedTag(keyScalar.getTag(), keyLocation));
                continue;
            }
            String key = keyScalar.getValue();
            YNode.YEntry previous = entries.get(key);
            if (previous != null) {
                problems.add(Problem.of(keyLocation, key, "duplicate key " + Printable.quote(key) + " (first written at line "
                        + previous.keyLocation().line() + ")", "keep one of them"));
                continue;
            }
            entries.put(key, new YNode.YEntry(key, keyLocation, convert(tuple.getValueNode(), depth + 1)));
        }
        return new YNode.YMap(entries, location);
    }

    private void checkTag(Node node, Tag expected, Location location) {
        if (!node.getTag().equals(expected)) {
            problems.add(unsupportedTag(node.getTag(), location));
        }
    }

    private Problem unsupportedTag(Tag tag, Location location) {
        return Problem.of(location, "", "the YAML tag " + Printable.quote(tag.getValue()) + " is not allowed",
                "a deployment spec holds only plain strings, numbers, booleans, lists and mappings");
    }

    private static String kindOf(Node node) {
        return node instanceof MappingNode ? "a mapping" : node instanceof SequenceNode ? "a list" : "a scalar";
    }

    private Location locate(Mark mark) {
        return mark == null ? Location.startOf(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String hint(String problem) {
        if (problem == null) {
            return null;
        }
        if (problem.contains("'\\t'")) {
            return "YAML does not allow tabs for indentation; use spaces";
        }
        if (problem.contains("expected a single document")) {
            return "a spec is one YAML document; remove the '---' separators";
        }
        if (problem.contains("found duplicate anchor")) {
            return "give each anchor a unique name";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "quote values that contain ': ' or check the indentation";
        }
        return null;
    }

    private SpecException fail(Location location, String message, String suggestion) {
        problems.add(Problem.of(location, "", message, suggestion));
        return new SpecException(problems);
    }
}
