package dev.specql.deploy.model.config;

import dev.specql.deploy.model.Location;
import java.util.Optional;

/**
 * One effective value and its provenance.
 *
 * @param path     the key path, e.g. {@code application.autoscale.max}
 * @param value    String, Long, BigDecimal, Boolean, List or Map
 * @param origin   which layer supplied it
 * @param source   what in that layer: the location for user values, "small-saas" for a pattern, the key a value was derived from
 * @param location where the user wrote it, for user values
 */
public record Setting(String path, Object value, Origin origin, String source, Optional<Location> location) {

    public String provenance() {
        return location.map(l -> origin.label() + " " + l).orElse(origin.label() + " " + source);
    }
}
