package dev.specql.deploy.model.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each alias is written. SnakeYAML's composer returns the anchored node itself for an alias, so the node
 * graph shares nodes and a shared node carries its anchor's position. A walk of the graph in document order that
 * never enters a node twice meets the anchored node first where it is defined and then once per alias, in the order
 * the parser read the aliases: the k-th such repeated meeting is the k-th alias {@link GuardedParser} recorded.
 *
 * <p>An alias is identified by its slot: the collection holding it and its index there ({@link #keySlot} and
 * {@link #valueSlot} for mapping entries), because the node itself is the same for every alias of an anchor.
 */
final class AliasSites {

    private record Slot(Node parent, int index) {
        // Node's equals and hashCode are identity, so a slot names one place in the graph.
    }

    private final Map<Slot, Mark> sites = new HashMap<>();

    private AliasSites() {
    }

    /** @param aliasMarks where the aliases are written, in reading order */
    static AliasSites find(Node root, List<Mark> aliasMarks) {
        AliasSites result = new AliasSites();
        result.walk(root, new HashSet<>(), aliasMarks.iterator());
        return result;
    }

    static int keySlot(int entry) {
        return 2 * entry;
    }

    static int valueSlot(int entry) {
        return 2 * entry + 1;
    }

    /** Where the alias in this slot is written, if the slot holds an alias. */
    Optional<Mark> at(Node parent, int slot) {
        return Optional.ofNullable(sites.get(new Slot(parent, slot)));
    }

    private void walk(Node node, Set<Node> seen, Iterator<Mark> marks) {
        seen.add(node);
        List<Node> children = children(node);
        for (int slot = 0; slot < children.size(); slot++) {
            Node child = children.get(slot);
            if (!seen.contains(child)) {
                walk(child, seen, marks);
            } else if (marks.hasNext()) {
                sites.put(new Slot(node, slot), marks.next());
            }
        }
    }

    /** A collection's children in document order, numbered as the slots are. */
    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        List<Node> children = new ArrayList<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                children.add(tuple.getKeyNode());
                children.add(tuple.getValueNode());
            }
        }
        return children;
    }
}
