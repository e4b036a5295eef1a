package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.Optional;

/**
 * config.alloy: every container's lines to Loki, every value an Alloy string literal.
 *
 * @param deployment  the deployment label every line carries
 * @param appSelector the LogQL selector of the app's lines
 * @param jsonLevel   the JSON key of each app line's level, where the app logs JSON in production
 */
public record AlloyView(Safe header, Safe deployment, Safe appSelector, Optional<Safe> jsonLevel) {
}
