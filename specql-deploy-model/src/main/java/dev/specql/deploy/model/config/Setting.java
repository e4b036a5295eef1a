package dev.specql.deploy.model.config;

import dev.specql.deploy.model.Location;
import java.util.Optional;

/**
 * One effective value and its provenance.
 *
 * @param path     the key path, e.g. {@code application.autoscale.max}
 * @param value    String, Long, BigDecimal, Boolean, List or Map
 * @param origin   which layer supplied it
 * @param source   what in that layer: the location for user values, "small-saas" for a pattern, the key a value was derived
 *                 from, "runtime.txt:1" for a detected value
 * @param location where the user wrote it, or the file a detected value was read from
 */
public record Setting(String path, Object value, Origin origin, String source, Optional<Location> location) {

    /** "spec deployment.yaml:6:11", "detected runtime.txt:1", "pattern small-saas". */
    public String provenance() {
        return origin == Origin.USER ? location.map(l -> origin.label() + " " + l).orElse(origin.label() + " " + source)
                : origin.label() + " " + source;
    }
}
