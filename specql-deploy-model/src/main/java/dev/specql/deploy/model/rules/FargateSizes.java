package dev.specql.deploy.model.rules;

/** The CPU and memory combinations Fargate accepts (AWS ECS task size table). */
final class FargateSizes {

    private FargateSizes() {
    }

    static boolean valid(int cpuUnits, int memoryMib) {
        int[] range = range(cpuUnits);
        if (range == null) {
            return false;
        }
        if (cpuUnits == 256) {
            return memoryMib == 512 || memoryMib == 1024 || memoryMib == 2048;
        }
        return memoryMib >= range[0] && memoryMib <= range[1] && (memoryMib - range[0]) % range[2] == 0;
    }

    static String describe(int cpuUnits) {
        if (cpuUnits == 256) {
            return "512, 1024 or 2048 MiB";
        }
        int[] range = range(cpuUnits);
        return range == null ? "a Fargate CPU size" : range[0] + " to " + range[1] + " MiB in steps of " + range[2];
    }

    /** {min, max, step} in MiB per CPU size. */
    private static int[] range(int cpuUnits) {
        return switch (cpuUnits) {
            case 256 -> new int[] {512, 2048, 512};
            case 512 -> new int[] {1024, 4096, 1024};
            case 1024 -> new int[] {2048, 8192, 1024};
            case 2048 -> new int[] {4096, 16384, 1024};
            case 4096 -> new int[] {8192, 30720, 1024};
            case 8192 -> new int[] {16384, 61440, 4096};
            case 16384 -> new int[] {32768, 122880, 8192};
            default -> null;
        };
    }
}
