package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.config.ConnectionBudget;
import dev.specql.deploy.model.config.EffectiveConfig;

/** database and application sizes: storage bounds, autoscaling ranges, task sizes Fargate offers. */
final class SizingRules implements SectionRules {

    @Override
    public void check(RuleContext context) {
        EffectiveConfig config = context.config();
        if (config.integer("database.max_storage") < config.integer("database.storage")) {
            context.error(context.written("database.max_storage", "database.storage"), "max_storage ("
                    + config.integer("database.max_storage") + " GiB) is below storage (" + config.integer("database.storage")
                    + " GiB)", "raise max_storage or lower storage");
        }
        if (context.pattern() == Pattern.HOBBY_PROJECT && config.bool("database.multi_az")) {
            context.error("database.multi_az", "hobby-project runs PostgreSQL on its one server; Multi-AZ needs RDS",
                    "use the small-saas or production-saas pattern");
        }
        // RDS restores to any second of the retention period (transaction logs every 5 minutes): hourly would change nothing.
        if (context.pattern().runsOnEcs() && config.isUserSet("database.backup.frequency")
                && config.text("database.backup.frequency").equals("hourly")) {
            context.error("database.backup.frequency", "RDS already keeps continuous backups (point-in-time restore to any "
                    + "second of database.backup.retention, about 5 minutes of data at risk) besides its daily snapshot, so "
                    + "hourly changes nothing on " + context.pattern().id(), "remove it; it applies to the hobby-project server's "
                    + "disk snapshots");
        }
        autoscale(context, "application.autoscale", "application.instances");
        connections(context);
        autoscale(context, "kubernetes.autoscaling", "kubernetes.replicas");
        if (context.pattern().runsOnEcs()) {
            int cpu = config.integer("application.cpu");
            int memory = config.integer("application.memory");
            if (!FargateSizes.valid(cpu, memory)) {
                context.error(context.written("application.memory", "application.cpu"),
                        "Fargate does not offer " + cpu + " CPU units with " + memory + " MiB",
                        "with " + cpu + " CPU units use " + FargateSizes.describe(cpu));
            }
        }
    }

    /**
     * Every database must hold the stack's connections at its peak. The framework's default pool was already lowered
     * to fit (ConfigMerger); what is left over is the spec's own pool, or a peak no pool can fit.
     */
    private static void connections(RuleContext context) {
        EffectiveConfig config = context.config();
        boolean pooled = context.runtime().poolsConnections();
        int perProcess = pooled ? config.integer("database.pool_size") : 1;
        for (ConnectionBudget budget : ConnectionBudget.of(path -> config.has(path) ? config.value(path) : null, context.runtime(),
                context.pattern())) {
            if (budget.peak(perProcess) <= budget.usable()) {
                continue;
            }
            int fits = budget.poolThatFits();
            String remedy = fits >= 1 && pooled ? "set database.pool_size to " + fits + " or less, " : "";
            context.error(context.written(pooled ? "database.pool_size" : "application.workers", "application.autoscale.max",
                            "application.instances", "application.workers", "application.worker.concurrency", "database.size"),
                    "the stack can open more connections than the database of " + budget.tier() + " takes: " + budget.arithmetic(perProcess),
                    remedy + "lower application.autoscale.max (or instances), application.workers or application.worker.concurrency"
                            + (context.pattern().runsOnEcs() ? ", or choose a larger database.size" : ""));
        }
    }

    private static void autoscale(RuleContext context, String prefix, String countPath) {
        EffectiveConfig config = context.config();
        int min = config.integer(prefix + ".min");
        int max = config.integer(prefix + ".max");
        if (min > max) {
            context.error(context.written(prefix + ".min", prefix + ".max"), "min (" + min + ") is above max (" + max + ")",
                    "make min at most max");
            return;
        }
        int count = config.integer(countPath);
        if (config.bool(prefix + ".enabled") && (count < min || count > max)) {
            context.error(context.written(countPath, prefix + (count < min ? ".min" : ".max"), prefix + ".enabled"), countPath
                    + " (" + count + ") is outside the autoscaling range " + min + " to " + max,
                    "keep " + countPath + " between min and max");
        }
    }
}
