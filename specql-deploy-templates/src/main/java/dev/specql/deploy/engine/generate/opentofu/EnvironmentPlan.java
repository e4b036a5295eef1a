package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one environment is sized and protected. The last environment in promotion order is the production
 * tier and gets the spec's sizes; earlier ones are scaled down: one task, the smallest database, no
 * Multi-AZ, no WAF, shorter retention. Deletion protection stays on everywhere: removing a database should
 * take two deliberate steps in any environment.
 *
 * @param prefix resource name prefix, at most 26 characters, so that "-alb" and friends fit AWS's 32
 */
public record EnvironmentPlan(
        String name,
        boolean productionTier,
        String prefix,
        int availabilityZones,
        List<String> zoneNames,
        String natMode,
        String dbInstanceClass,
        int dbStorageGib,
        int dbMaxStorageGib,
        boolean multiAz,
        int backupRetentionDays,
        boolean deletionProtection,
        String cpuArchitecture,
        int cpu,
        int memory,
        int desiredCount,
        int minCount,
        int maxCount,
        int targetCpu,
        boolean waf,
        int logRetentionDays,
        Optional<String> instanceType) {

    static final int MAX_PREFIX = 26;

    public EnvironmentPlan {
        zoneNames = List.copyOf(zoneNames);
    }

    static List<EnvironmentPlan> of(DeploymentSpec spec) {
        List<DeploymentSpec.Environment> environments = spec.cicd().environments();
        List<EnvironmentPlan> plans = new ArrayList<>();
        for (int i = 0; i < environments.size(); i++) {
            plans.add(plan(spec, environments.get(i).name(), i == environments.size() - 1));
        }
        return plans;
    }

    private static EnvironmentPlan plan(DeploymentSpec spec, String environment, boolean production) {
        DeploymentSpec.Application app = spec.application();
        DeploymentSpec.Database db = spec.database();
        Pattern pattern = spec.pattern();
        boolean hobby = pattern == Pattern.HOBBY_PROJECT;
        int zones = hobby ? 1 : Math.max(2, spec.platform().availabilityZones().count());
        String nat = hobby ? "none" : production && pattern == Pattern.PRODUCTION_SAAS ? "per_az" : "single";
        // FraiseQL 1.9 and Confiture ship x86_64 Linux wheels only.
        String architecture = spec.framework() == Framework.FRAISEQL ? "X86_64" : "ARM64";
        int retention = !production || hobby ? 14 : pattern == Pattern.PRODUCTION_SAAS ? 365 : 30;
        if (production) {
            return new EnvironmentPlan(environment, true, prefix(spec.name(), environment), zones,
                    spec.platform().availabilityZones().names(), nat, db.size().orElse("db.t4g.micro"), db.storageGib(),
                    db.maxStorageGib(), db.multiAz(), db.backup().retentionDays(), true, architecture, app.cpuUnits(),
                    app.memoryMib(), app.instances(), app.autoscale().enabled() ? app.autoscale().min() : app.instances(),
                    app.autoscale().enabled() ? app.autoscale().max() : app.instances(), app.autoscale().targetCpu(),
                    pattern == Pattern.PRODUCTION_SAAS, retention, spec.platform().instanceType());
        }
        return new EnvironmentPlan(environment, false, prefix(spec.name(), environment), zones,
                spec.platform().availabilityZones().names(), nat, "db.t4g.micro", 20, Math.max(20, Math.min(db.maxStorageGib(), 50)),
                false, Math.min(db.backup().retentionDays(), 3), true, architecture, 256, 512, 1, 1, 2, app.autoscale().targetCpu(),
                false, retention, spec.platform().instanceType());
    }

    /** name-environment, the environment shortened when the whole would not fit. */
    static String prefix(String name, String environment) {
        String full = name + "-" + environment;
        if (full.length() <= MAX_PREFIX) {
            return full;
        }
        String shortened = name + "-" + environment.substring(0, Math.max(1, MAX_PREFIX - name.length() - 1));
        return shortened.endsWith("-") ? shortened.substring(0, shortened.length() - 1) : shortened;
    }
}
