package dev.specql.deploy.engine.plan;

import dev.specql.deploy.engine.plan.NetworkPlan.NatMode;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.config.Defaults;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import dev.specql.deploy.model.framework.Frameworks;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the effective spec into the {@link DeploymentPlan}. Environments: the last in promotion order is the
 * production tier and gets the spec's sizes; earlier ones are scaled down (one task, the smallest database, no
 * Multi-AZ, no WAF, shorter retention).
 */
public final class Planner {

    /** Resource name prefixes stay this short so that "-alb" and friends fit AWS's 32 characters. */
    public static final int MAX_PREFIX = 26;

    private Planner() {
    }

    public static DeploymentPlan plan(DeploymentSpec spec, Layout layout) {
        FrameworkRuntime runtime = Frameworks.of(spec.framework(), spec.deployment().frameworkMajor());
        List<DeploymentSpec.Environment> environments = spec.cicd().environments();
        List<EnvironmentPlan> plans = new ArrayList<>();
        for (int i = 0; i < environments.size(); i++) {
            plans.add(environment(spec, runtime, environments.get(i).name(), i == environments.size() - 1));
        }
        return new DeploymentPlan(spec, layout, new AppPlan(spec, runtime), plans);
    }

    private static EnvironmentPlan environment(DeploymentSpec spec, FrameworkRuntime runtime, String name, boolean production) {
        Pattern pattern = spec.pattern();
        boolean hobby = pattern == Pattern.HOBBY_PROJECT;
        int zones = hobby ? 1 : Math.max(2, spec.platform().availabilityZones().count());
        // small-saas runs its tasks in the public subnets: a NAT gateway alone would cost about half its budget.
        NatMode nat = hobby || pattern == Pattern.SMALL_SAAS ? NatMode.NONE
                : production && pattern == Pattern.PRODUCTION_SAAS ? NatMode.PER_AZ : NatMode.SINGLE;
        int retention = !production || hobby ? 14 : pattern == Pattern.PRODUCTION_SAAS ? 365 : 30;
        String domain = spec.platform().domain().map(d -> production ? d : name + "." + d).orElse("");
        NetworkPlan network = new NetworkPlan(zones, spec.platform().availabilityZones().names(), nat);
        return new EnvironmentPlan(name, production, prefix(spec.name(), name), domain, retention, network,
                hosting(spec, runtime, production));
    }

    private static Hosting hosting(DeploymentSpec spec, FrameworkRuntime runtime, boolean production) {
        return switch (spec.pattern()) {
            case HOBBY_PROJECT -> server(spec);
            case KUBERNETES -> new ClusterHosting(spec.kubernetes().namespace());
            case SMALL_SAAS, PRODUCTION_SAAS -> ecs(spec, runtime, production);
        };
    }

    private static EcsHosting ecs(DeploymentSpec spec, FrameworkRuntime runtime, boolean production) {
        DeploymentSpec.Application app = spec.application();
        DeploymentSpec.Database db = spec.database();
        CpuArchitecture architecture = runtime.preferredArchitecture();
        int targetCpu = app.autoscale().targetCpu();
        boolean productionSaas = spec.pattern() == Pattern.PRODUCTION_SAAS;
        boolean publicTasks = !productionSaas;
        if (production) {
            boolean autoscale = app.autoscale().enabled();
            return new EcsHosting(
                    new DatabasePlan(db.size().orElse("db.t4g.micro"), db.storageGib(), db.maxStorageGib(), db.multiAz(),
                            db.backup().retentionDays(), true),
                    new TaskPlan(architecture, app.cpuUnits(), app.memoryMib(), app.instances(),
                            autoscale ? app.autoscale().min() : app.instances(), autoscale ? app.autoscale().max() : app.instances(),
                            targetCpu),
                    productionSaas, publicTasks, false, true, productionSaas);
        }
        return new EcsHosting(
                new DatabasePlan(Defaults.EARLY_DATABASE_CLASS, 20, Math.max(20, Math.min(db.maxStorageGib(), 50)), false,
                        Math.min(db.backup().retentionDays(), 3), true),
                new TaskPlan(architecture, 256, 512, 1, 1, Defaults.EARLY_MAX_TASKS, targetCpu),
                false, publicTasks, true, true, false);
    }

    private static ServerHosting server(DeploymentSpec spec) {
        String type = spec.platform().instanceType().orElseThrow();
        // The disk holds the database: its storage plus room for the OS and images.
        DeploymentSpec.Backup backup = spec.database().backup();
        return new ServerHosting(type, CpuArchitecture.ofInstanceType(type), spec.database().storageGib() + 10,
                backup.retentionDays(), backup.frequency().equals("hourly") ? 1 : 24, backup.window().substring(0, 5));
    }

    /** name-environment, the environment shortened when the whole would not fit. */
    public static String prefix(String name, String environment) {
        String full = name + "-" + environment;
        if (full.length() <= MAX_PREFIX) {
            return full;
        }
        String shortened = name + "-" + environment.substring(0, Math.max(1, MAX_PREFIX - name.length() - 1));
        return shortened.endsWith("-") ? shortened.substring(0, shortened.length() - 1) : shortened;
    }
}
