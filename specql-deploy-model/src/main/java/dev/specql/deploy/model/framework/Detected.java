package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Location;

/**
 * A spec value read from the user's repository rather than written in the spec.
 *
 * @param key    the spec key it stands for, e.g. application.runtime_version
 * @param value  the value, as the spec would hold it
 * @param origin the file and line it was read from, relative to the project root
 */
public record Detected(String key, Object value, Location origin) {
}
