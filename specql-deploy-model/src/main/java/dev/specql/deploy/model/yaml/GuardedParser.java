package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Hands SnakeYAML's parser events to its composer, and stops the reading with a located problem as soon as the
 * events break a limit: the composer never builds a document deeper than {@link YamlReader#MAX_DEPTH}, with more
 * than {@link YamlReader#MAX_COLLECTION_ALIASES} aliases to collections, or a second document. (SnakeYAML's own
 * limits, which report no position, are set above these as a backstop.)
 *
 * <p>It also records where each alias is written, in reading order: the composer returns the anchored node itself
 * for an alias, so the position of the {@code *alias} is otherwise lost ({@link AliasSites}).
 */
final class GuardedParser implements Parser {

    /** Stops the reading; carries the problem to report. */
    static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        Refusal(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private final Parser parser;
    private final String file;
    /** Anchor name to whether it names a list or mapping; a later anchor of the same name replaces it, as in YAML. */
    private final Map<String, Boolean> anchorsOfCollections = new HashMap<>();
    private final List<Mark> aliasMarks = new ArrayList<>();
    private int openCollections;
    private int collectionAliases;
    private int documents;

    GuardedParser(Parser parser, String file) {
        this.parser = parser;
        this.file = file;
    }

    /** Where each alias read so far is written, in reading order. */
    List<Mark> aliasMarks() {
        return aliasMarks;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
        Event event = parser.getEvent();
        switch (event.getEventId()) {
            case DocumentStart -> secondDocument(event);
            case Scalar -> node((NodeEvent) event, false);
            case SequenceStart, MappingStart -> {
                node((NodeEvent) event, true);
                openCollections++;
            }
            case SequenceEnd, MappingEnd -> openCollections--;
            case Alias -> alias((AliasEvent) event);
            default -> {
                // Stream start and end, document end: nothing to check.
            }
        }
        return event;
    }

    private void secondDocument(Event event) {
        if (++documents > 1) {
            throw refuse(event, "the file holds another document here; a deployment spec is one YAML document",
                    "remove the '---' and the document after it");
        }
    }

    private void node(NodeEvent event, boolean collection) {
        checkDepth(event);
        if (event.getAnchor() != null) {
            anchorsOfCollections.put(event.getAnchor(), collection);
        }
    }

    private void alias(AliasEvent event) {
        checkDepth(event);
        aliasMarks.add(event.getStartMark());
        boolean toCollection = Boolean.TRUE.equals(anchorsOfCollections.get(event.getAnchor()));
        if (toCollection && ++collectionAliases > YamlReader.MAX_COLLECTION_ALIASES) {
            throw refuse(event, "the document has more than " + YamlReader.MAX_COLLECTION_ALIASES
                    + " aliases to lists or mappings (each copies a whole structure)", YamlReader.WRITE_OUT_ALIASES);
        }
    }

    /** A node's depth counts the collections around it plus itself, as {@link NodeConverter} counts it. */
    private void checkDepth(Event event) {
        if (openCollections + 1 > YamlReader.MAX_DEPTH) {
            throw new Refusal(YamlReader.nestedTooDeep(Positions.of(file, event.getStartMark())));
        }
    }

    /** A problem of the whole document (no key path), located at the event that broke the rule. */
    private Refusal refuse(Event event, String message, String suggestion) {
        return new Refusal(Problem.of(Positions.of(file, event.getStartMark()), "", message, suggestion));
    }
}
