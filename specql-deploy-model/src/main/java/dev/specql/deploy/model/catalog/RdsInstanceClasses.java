package dev.specql.deploy.model.catalog;

import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RDS instance classes by memory, and the max_connections RDS for PostgreSQL gives each by default:
 * LEAST({DBInstanceClassMemory/9531392}, 5000) (AWS's parameter group default).
 */
public final class RdsInstanceClasses {

    private static final long GIB = 1L << 30;
    private static final long BYTES_PER_CONNECTION = 9_531_392L;
    private static final int CONNECTION_CAP = 5000;
    /** Burstable classes (t3, t4g): memory by size, in GiB. */
    private static final Map<String, Integer> BURSTABLE = Map.of("micro", 1, "small", 2, "medium", 4, "large", 8, "xlarge", 16,
            "2xlarge", 32);
    /** General-purpose (m) classes have 4 GiB per vCPU and memory-optimized (r) 8; "large" has 2 vCPUs. */
    private static final Map<Character, Integer> GIB_PER_VCPU = Map.of('m', 4, 'r', 8);
    /** The size of an m or r class above "large": "xlarge", "2xlarge", ..., in multiples of 4 vCPUs. */
    private static final Pattern EXTRA_LARGE = Pattern.compile("(\\d*)xlarge");

    private RdsInstanceClasses() {
    }

    /** Memory in GiB of a t, m or r class of the current generations; empty for classes not known here. */
    public static OptionalInt memoryGib(String instanceClass) {
        String[] parts = instanceClass.split("\\.");
        if (parts.length != 3) {
            return OptionalInt.empty();
        }
        char family = parts[1].charAt(0);
        if (family == 't') {
            Integer gib = BURSTABLE.get(parts[2]);
            return gib == null ? OptionalInt.empty() : OptionalInt.of(gib);
        }
        Integer perVcpu = GIB_PER_VCPU.get(family);
        if (perVcpu == null || !parts[1].matches("[mr]\\d+[a-z]*")) {
            return OptionalInt.empty();
        }
        if (parts[2].equals("large")) {
            return OptionalInt.of(2 * perVcpu);
        }
        Matcher xl = EXTRA_LARGE.matcher(parts[2]);
        if (!xl.matches()) {
            return OptionalInt.empty();
        }
        int multiple = xl.group(1).isEmpty() ? 1 : Integer.parseInt(xl.group(1));
        return OptionalInt.of(4 * multiple * perVcpu);
    }

    /** The default max_connections of RDS for PostgreSQL on this class, from its nominal memory. */
    public static OptionalInt defaultMaxConnections(String instanceClass) {
        OptionalInt gib = memoryGib(instanceClass);
        return gib.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of((int) Math.min(gib.getAsInt() * GIB / BYTES_PER_CONNECTION, CONNECTION_CAP));
    }
}
