package dev.specql.deploy.model.schema;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.text.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects problems, and where each path's value and key are written, while a document is checked against the schema. */
public final class Validation {

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Location> locations = new LinkedHashMap<>();
    private final Map<String, Location> keyLocations = new LinkedHashMap<>();

    public void error(Location location, String path, String message) {
        problems.add(Problem.of(location, path, message));
    }

    public void error(Location location, String path, String message, String suggestion) {
        problems.add(Problem.of(location, path, message, suggestion));
    }

    /** An unknown word: suggests the closest allowed one. */
    public void unknown(Location location, String path, String what, String value, Collection<String> allowed) {
        String suggestion = Suggestions.closest(value, allowed).map(s -> "did you mean '" + s + "'?").orElse(null);
        problems.add(Problem.of(location, path, "unknown " + what + " " + Printable.quote(value) + "; expected one of "
                + String.join(", ", allowed), suggestion));
    }

    public void locate(String path, Location location) {
        locations.put(path, location);
    }

    /** Where the key of a mapping entry is written; it is also how an entry with an empty value is known to exist. */
    public void locateKey(String path, Location location) {
        keyLocations.put(path, location);
    }

    public List<Problem> problems() {
        return problems;
    }

    public Map<String, Location> locations() {
        return locations;
    }

    public Map<String, Location> keyLocations() {
        return keyLocations;
    }
}
