package dev.specql.deploy.engine.plan;

import java.util.List;

/**
 * @param availabilityZones how many zones the VPC spans
 * @param zoneNames         the zones the user listed, or empty to let the region choose
 * @param natMode           how private subnets reach the internet
 */
public record NetworkPlan(int availabilityZones, List<String> zoneNames, NatMode natMode) {

    public NetworkPlan {
        zoneNames = List.copyOf(zoneNames);
    }

    /** NAT gateways in this network. */
    public int natGateways() {
        return switch (natMode) {
            case PER_AZ -> availabilityZones;
            case SINGLE -> 1;
            case NONE -> 0;
        };
    }

    /** How private subnets reach the internet: one gateway per zone, one shared, or none (public subnets only). */
    public enum NatMode {
        NONE("none"),
        SINGLE("single"),
        PER_AZ("per_az");

        private final String id;

        NatMode(String id) {
            this.id = id;
        }

        /** As the networking module's nat_gateway_mode takes it. */
        public String id() {
            return id;
        }
    }
}
