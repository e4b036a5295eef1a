package dev.specql.deploy.model.config;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec as it takes effect: the user's values over pattern, framework, derived and built-in defaults,
 * each value with where it came from. Ordered as the schema declares its keys.
 */
public final class EffectiveConfig {

    private final String file;
    private final Map<String, Setting> settings;
    private final Map<String, Location> locations;
    private final Map<String, Location> keyLocations;
    private final List<Problem> warnings;

    EffectiveConfig(String file, Map<String, Setting> settings, Map<String, Location> locations, Map<String, Location> keyLocations,
                    List<Problem> warnings) {
        this.file = file;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        this.keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
        this.warnings = List.copyOf(warnings);
    }

    /** What deserves the user's attention without stopping the run: repository files that disagree with each other or the spec. */
    public List<Problem> warnings() {
        return warnings;
    }

    /** The same configuration with more warnings after its own, e.g. the preflight's. */
    public EffectiveConfig withWarnings(List<Problem> more) {
        List<Problem> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new EffectiveConfig(file, settings, locations, keyLocations, all);
    }

    public String file() {
        return file;
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    public Optional<Setting> setting(String path) {
        return Optional.ofNullable(settings.get(path));
    }

    public boolean has(String path) {
        return settings.containsKey(path);
    }

    public boolean isUserSet(String path) {
        Setting setting = settings.get(path);
        return setting != null && setting.origin() == Origin.USER;
    }

    public Object value(String path) {
        Setting setting = settings.get(path);
        if (setting == null) {
            throw new IllegalStateException("no effective value for " + path);
        }
        return setting.value();
    }

    public String text(String path) {
        return (String) value(path);
    }

    public Optional<String> optionalText(String path) {
        return setting(path).map(s -> (String) s.value());
    }

    public int integer(String path) {
        return Math.toIntExact((Long) value(path));
    }

    public BigDecimal decimal(String path) {
        Object value = value(path);
        return value instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) value);
    }

    public boolean bool(String path) {
        return (Boolean) value(path);
    }

    public List<Object> list(String path) {
        return setting(path).map(s -> castList(s.value())).orElse(List.of());
    }

    /** Entries of a user-keyed map such as {@code environment.dev}, in file order. */
    public Map<String, String> textMap(String path) {
        Map<String, String> result = new LinkedHashMap<>();
        String prefix = path + ".";
        settings.forEach((key, setting) -> {
            if (key.startsWith(prefix) && key.indexOf('.', prefix.length()) < 0) {
                result.put(key.substring(prefix.length()), (String) setting.value());
            }
        });
        return result;
    }

    /** The distinct second-level keys under a user-keyed map such as {@code environment}. */
    public List<String> childKeys(String path) {
        List<String> keys = new ArrayList<>();
        String prefix = path + ".";
        for (String key : settings.keySet()) {
            if (key.startsWith(prefix)) {
                int end = key.indexOf('.', prefix.length());
                String child = key.substring(prefix.length(), end < 0 ? key.length() : end);
                if (!keys.contains(child)) {
                    keys.add(child);
                }
            }
        }
        return keys;
    }

    /**
     * The keys the user wrote directly under a user-keyed map such as {@code environment}, in file order, including
     * those with nothing under them, which leave no setting behind ({@code prodution:} alone).
     */
    public List<String> writtenKeys(String path) {
        String prefix = path + ".";
        return keyLocations.keySet().stream()
                .filter(key -> key.startsWith(prefix) && key.indexOf('.', prefix.length()) < 0 && key.indexOf('[', prefix.length()) < 0)
                .map(key -> key.substring(prefix.length()))
                .toList();
    }

    /** Where the key of {@code path} is written, for a problem about the name itself; else as {@link #locate}. */
    public Location locateKey(String path) {
        Location location = keyLocations.get(path);
        return location != null ? location : locate(path);
    }

    /**
     * Where to point a message about {@code path}: the file a detected value was read from; where the user wrote
     * it or, failing that, its nearest written ancestor, then the pattern key (defaults come from it), then the top
     * of the file.
     */
    public Location locate(String path) {
        Setting setting = settings.get(path);
        if (setting != null && setting.origin() == Origin.DETECTED && setting.location().isPresent()) {
            return setting.location().get();
        }
        String candidate = path;
        while (!candidate.isEmpty()) {
            Location location = locations.get(candidate);
            if (location != null) {
                return location;
            }
            int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
            candidate = cut < 0 ? "" : candidate.substring(0, cut);
        }
        return Optional.ofNullable(locations.get("deployment.pattern"))
                .or(() -> Optional.ofNullable(locations.get("deployment")))
                .orElse(Location.startOf(file));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }
}
