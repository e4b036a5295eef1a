package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** SnakeYAML's syntax errors as problems, located where the fix goes, with a hint for the common mistakes. */
final class SyntaxErrors {

    /** The characters that open a construct SnakeYAML reads to its closing counterpart, and that counterpart. */
    private static final Map<Integer, String> CLOSERS = Map.of((int) '"', "double quote", (int) '\'', "single quote",
            (int) '[', "']'", (int) '{', "'}'");

    /** How SnakeYAML says the text ended, or went on, before a construct was closed. */
    private static final List<String> RAN_PAST_THE_END = List.of("end of stream", "document separator", "expected ',' or");

    private SyntaxErrors() {
    }

    static Problem problem(String file, MarkedYAMLException e) {
        Optional<String> closer = unclosed(e);
        if (closer.isPresent()) {
            Mark stopped = e.getProblemMark();
            return Problem.of(Positions.of(file, e.getContextMark()), "", "YAML syntax error: the " + construct(e.getContext())
                    + " that starts here is not closed (at line " + (stopped.getLine() + 1) + ", column "
                    + (stopped.getColumn() + 1) + ": " + e.getProblem() + ")", "add the closing " + closer.get());
        }
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Location location = Positions.of(file, mark);
        return Problem.of(location, "", "YAML syntax error: " + e.getProblem(), hint(e.getProblem()));
    }

    /**
     * The closing quote or bracket missing when a quoted scalar or flow collection runs on past the line it starts on
     * until the text ends or stops fitting. SnakeYAML then points at where it gave up, often lines later; the opening
     * token, its context mark, is what to fix.
     */
    private static Optional<String> unclosed(MarkedYAMLException e) {
        Mark opened = e.getContextMark();
        Mark stopped = e.getProblemMark();
        if (opened == null || stopped == null || stopped.getLine() <= opened.getLine() || e.getProblem() == null
                || RAN_PAST_THE_END.stream().noneMatch(e.getProblem()::contains)) {
            return Optional.empty();
        }
        return Optional.ofNullable(CLOSERS.get(codePointAt(opened)));
    }

    private static int codePointAt(Mark mark) {
        int[] buffer = mark.getBuffer();
        return mark.getPointer() < buffer.length ? buffer[mark.getPointer()] : -1;
    }

    /** "while scanning a quoted scalar" to "quoted scalar". */
    private static String construct(String context) {
        return context.replaceFirst("^while (scanning|parsing) an? ", "");
    }

    private static String hint(String problem) {
        if (problem == null) {
            return null;
        }
        // SnakeYAML spells a tab '\t(TAB)'.
        if (problem.contains("(TAB)")) {
            return "YAML does not allow tabs for indentation; use spaces";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "quote values that contain ': ' or check the indentation";
        }
        return null;
    }
}
