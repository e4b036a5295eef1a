package dev.specql.deploy.model;

import java.util.List;
import java.util.stream.Collectors;

/** The spec is invalid; carries every problem found, sorted by position. */
public final class SpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public SpecException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.problems = problems.stream().sorted(Problem.BY_POSITION).distinct().toList();
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        List<Problem> sorted = problems.stream().sorted(Problem.BY_POSITION).distinct().toList();
        String noun = sorted.size() == 1 ? "problem" : "problems";
        return sorted.size() + " " + noun + " in the deployment spec:\n"
                + sorted.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
