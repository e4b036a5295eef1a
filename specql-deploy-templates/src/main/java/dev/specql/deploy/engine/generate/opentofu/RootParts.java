package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/** Parts the views of environment roots share; every string already escaped for HCL. */
public final class RootParts {

    private RootParts() {
    }

    /**
     * @param label            the environment's name for comments (a validated name, printed bare)
     * @param applicationLabel the application's name for comments
     * @param prefix           the resource name prefix, quoted
     */
    public record Environment(Safe label, Safe applicationLabel, Safe pattern, Safe prefix, int logRetentionDays) {
    }

    /** @param domain the environment's public hostname; @param hostedZone the Route 53 zone that holds it */
    public record Site(Safe domain, Safe hostedZone) {
    }

    public record Network(int availabilityZones, Safe zoneNames, Safe natMode) {
    }

    /** A key and an HCL expression (a quoted string or a reference). */
    public record Entry(Safe key, Safe value) {
    }

    /** @param quiet the alarms that notify no one, as an HCL list, where Prometheus pages for the same conditions */
    public record Alarms(Safe emails, List<Entry> thresholds, Optional<Safe> quiet) {
        public Alarms {
            thresholds = List.copyOf(thresholds);
        }
    }
}
