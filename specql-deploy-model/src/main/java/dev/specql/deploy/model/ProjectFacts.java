package dev.specql.deploy.model;

import java.util.List;
import java.util.Optional;

/**
 * What the user's repository says about the app that no spec key holds (the dependency files a requirements file
 * includes, the variables a database.yml reads, whether encrypted credentials exist), each fact with the file and
 * line it was read from. Generators honour a fact over a framework default; facts never override the spec.
 *
 * @param facts in the order they were read; a name may repeat for a fact with several values
 */
public record ProjectFacts(List<Fact> facts) {

    public ProjectFacts {
        facts = List.copyOf(facts);
    }

    public static ProjectFacts none() {
        return new ProjectFacts(List.of());
    }

    /** Every value read for {@code name}, in reading order. */
    public List<String> values(String name) {
        return facts.stream().filter(f -> f.name().equals(name)).map(Fact::value).toList();
    }

    public Optional<Fact> first(String name) {
        return facts.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public boolean has(String name) {
        return first(name).isPresent();
    }

    /**
     * @param name   what the fact is about, e.g. "python.requirements_file"
     * @param value  what was read, e.g. "requirements/production.txt"
     * @param origin where, relative to the project root
     */
    public record Fact(String name, String value, Location origin) {

        /** {@code file:line}, the way validate prints a detected value's origin. */
        public String source() {
            return origin.file() + ":" + origin.line();
        }
    }
}
