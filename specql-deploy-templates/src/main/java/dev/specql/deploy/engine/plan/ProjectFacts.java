package dev.specql.deploy.engine.plan;

import java.util.List;

/**
 * What the user's repository says about the app (its runtime version, dependency files, server, job system,
 * settings), each fact with where it was read. Generators prefer a fact to a framework default. Filled by the
 * repository scanner; empty until that runs.
 */
public record ProjectFacts(List<Fact> facts) {

    public ProjectFacts {
        facts = List.copyOf(facts);
    }

    public static ProjectFacts none() {
        return new ProjectFacts(List.of());
    }

    /**
     * @param name   what the fact is about, e.g. "python.version"
     * @param value  what was read, e.g. "3.12"
     * @param origin where, as file:line relative to the project root, e.g. "runtime.txt:1"
     */
    public record Fact(String name, String value, String origin) {
    }
}
