package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.KeyPath;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.yaml.YNode.ScalarKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns SnakeYAML's composed node graph into a {@link YNode} tree: aliases are expanded (up to
 * {@link YamlReader#MAX_NODES} nodes), every node is located where it is written (an alias at the {@code *alias}),
 * and each problem names the key path it concerns.
 */
final class NodeConverter {

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    /** What a plain scalar explicitly tagged !!bool, !!int, !!float or !!null must read as, in words. */
    private static final Map<Tag, String> TAGGED_EXPECTATIONS = Map.of(Tag.BOOL, "true or false", Tag.INT, "an integer",
            Tag.FLOAT, "a number", Tag.NULL, "null (~ or nothing)");

    private static final Resolver RESOLVER = new Resolver();

    private final String file;
    private final AliasSites aliases;
    private final List<Problem> problems = new ArrayList<>();
    /** The nodes being converted, from the root down: meeting one again means an alias refers to its own ancestor. */
    private final Set<Node> inProgress = new HashSet<>();
    private int nodeCount;
    private boolean expansionReported;

    private NodeConverter(String file, AliasSites aliases) {
        this.file = file;
        this.aliases = aliases;
    }

    /** The tree and the problems found on the way; the tree is meaningless when there are problems. */
    record Result(YNode root, List<Problem> problems) {
    }

    static Result convert(String file, Node root, AliasSites aliases) {
        NodeConverter converter = new NodeConverter(file, aliases);
        YNode tree = converter.convert(root, Positions.of(file, root.getStartMark()), "", 1);
        return new Result(tree, converter.problems);
    }

    private YNode convert(Node node, Location location, String path, int depth) {
        if (++nodeCount > YamlReader.MAX_NODES) {
            if (!expansionReported) {
                expansionReported = true;
                problems.add(Problem.of(location, "", "the document expands to more than " + YamlReader.MAX_NODES
                        + " nodes (aliases multiply content)", YamlReader.WRITE_OUT_ALIASES));
            }
            return placeholder(location);
        }
        // Aliases can nest a structure deeper than it is written, which GuardedParser cannot see.
        if (depth > YamlReader.MAX_DEPTH) {
            problems.add(YamlReader.nestedTooDeep(location));
            return placeholder(location);
        }
        if (!inProgress.add(node)) {
            problems.add(Problem.of(location, path, "an alias refers to a node that contains it (a recursive structure)",
                    "replace the alias with the values it stands for"));
            return placeholder(location);
        }
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, location, path);
            }
            return node instanceof MappingNode mapping ? mapping(mapping, location, path, depth)
                    : sequence((SequenceNode) node, location, path, depth);
        } finally {
            inProgress.remove(node);
        }
    }

    private static YNode placeholder(Location location) {
        return new YNode.YScalar("", ScalarKind.NULL, location);
    }

    private YNode scalar(ScalarNode scalar, Location location, String path) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (!SCALAR_TAGS.contains(tag)) {
            problems.add(unsupportedTag(tag, location, path));
        } else if (isPlain(scalar) && !readsAs(text, tag)) {
            problems.add(Problem.of(location, path, Printable.quote(text) + " is not a valid " + shortName(tag)
                    + " value: expected " + TAGGED_EXPECTATIONS.get(tag)));
        }
        hasForbiddenCharacter(text, location, path);
        return new YNode.YScalar(text, kind(scalar), location);
    }

    /** Quoted and block scalars are strings whatever their tag says; plain ones are what their tag resolved to. */
    private static ScalarKind kind(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (!isPlain(scalar) || !SCALAR_TAGS.contains(tag) || tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
            return ScalarKind.STRING;
        } else if (tag.equals(Tag.INT)) {
            return ScalarKind.INTEGER;
        } else if (tag.equals(Tag.FLOAT)) {
            return ScalarKind.FLOAT;
        }
        return tag.equals(Tag.BOOL) ? ScalarKind.BOOLEAN : ScalarKind.NULL;
    }

    private static boolean isPlain(ScalarNode scalar) {
        return scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    }

    /**
     * Whether untagged text would resolve to the tag: an explicit !!bool, !!int, !!float or !!null on other text
     * ({@code !!bool maybe}) names a value YAML tools cannot construct. An integer is a valid !!float.
     */
    private static boolean readsAs(String text, Tag tag) {
        if (!TAGGED_EXPECTATIONS.containsKey(tag)) {
            return true;
        }
        Tag implicit = RESOLVER.resolve(NodeId.scalar, text, true);
        return implicit.equals(tag) || (tag.equals(Tag.FLOAT) && implicit.equals(Tag.INT));
    }

    /**
     * Reports a character the spec may not hold. The raw text is checked before parsing, so here it can only come
     * from an escape sequence in a double-quoted scalar, such as \e or &#92;u202E, which the raw check never sees.
     */
    private boolean hasForbiddenCharacter(String text, Location location, String path) {
        OptionalInt forbidden = text.codePoints().filter(YamlReader::isForbidden).findFirst();
        forbidden.ifPresent(cp -> problems.add(Problem.of(location, path,
                YamlReader.forbiddenCharacter(cp) + " (here written as an escape sequence)", "remove the escape sequence")));
        return forbidden.isPresent();
    }

    private YNode sequence(SequenceNode sequence, Location location, String path, int depth) {
        checkTag(sequence, Tag.SEQ, location, path);
        List<YNode> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            items.add(convert(item, locate(sequence, i, item), KeyPath.item(path, i), depth + 1));
        }
        return new YNode.YSeq(items, location);
    }

    private YNode mapping(MappingNode mapping, Location location, String path, int depth) {
        checkTag(mapping, Tag.MAP, location, path);
        Map<String, YNode.YEntry> entries = new LinkedHashMap<>();
        List<NodeTuple> tuples = mapping.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            Node keyNode = tuples.get(i).getKeyNode();
            Location keyLocation = locate(mapping, AliasSites.keySlot(i), keyNode);
            Optional<String> key = key(keyNode, keyLocation, path);
            if (key.isEmpty()) {
                continue;
            }
            String childPath = KeyPath.child(path, key.get());
            YNode.YEntry previous = entries.get(key.get());
            if (previous != null) {
                problems.add(Problem.of(keyLocation, childPath, "duplicate key " + Printable.quote(key.get())
                        + " (first written at line " + previous.keyLocation().line() + ")", "keep one of them"));
                continue;
            }
            Node valueNode = tuples.get(i).getValueNode();
            YNode value = convert(valueNode, locate(mapping, AliasSites.valueSlot(i), valueNode), childPath, depth + 1);
            entries.put(key.get(), new YNode.YEntry(key.get(), keyLocation, value));
        }
        return new YNode.YMap(entries, location);
    }

    /** The key's text, or empty after reporting why the key cannot be used. */
    private Optional<String> key(Node keyNode, Location location, String mappingPath) {
        if (!(keyNode instanceof ScalarNode scalar)) {
            problems.add(Problem.of(location, mappingPath, "a mapping key must be a plain name, not " + kindOf(keyNode)));
            return Optional.empty();
        }
        String path = KeyPath.child(mappingPath, scalar.getValue());
        if (scalar.getTag().equals(Tag.MERGE)) {
            problems.add(Problem.of(location, path, "merge keys (<<) are not supported",
                    "write the keys out; anchors and aliases on whole values still work"));
            return Optional.empty();
        }
        if (!SCALAR_TAGS.contains(scalar.getTag())) {
            problems.add(unsupportedTag(scalar.getTag(), location, path));
            return Optional.empty();
        }
        return hasForbiddenCharacter(scalar.getValue(), location, path) ? Optional.empty() : Optional.of(scalar.getValue());
    }

    /** Where a child is written: at its alias if the slot holds one, else where the node itself starts. */
    private Location locate(Node parent, int slot, Node child) {
        return Positions.of(file, aliases.at(parent, slot).orElse(child.getStartMark()));
    }

    private void checkTag(Node node, Tag expected, Location location, String path) {
        if (!node.getTag().equals(expected)) {
            problems.add(unsupportedTag(node.getTag(), location, path));
        }
    }

    private static Problem unsupportedTag(Tag tag, Location location, String path) {
        return Problem.of(location, path, "the YAML tag " + Printable.quote(tag.getValue()) + " is not allowed",
                "a deployment spec holds only plain strings, numbers, booleans, lists and mappings");
    }

    /** "!!bool" for tag:yaml.org,2002:bool, as it is written. */
    private static String shortName(Tag tag) {
        return "!!" + tag.getValue().substring(Tag.PREFIX.length());
    }

    /** What a key that is not a scalar is: only a list or a mapping can be. */
    private static String kindOf(Node node) {
        return node instanceof MappingNode ? "a mapping" : "a list";
    }
}
