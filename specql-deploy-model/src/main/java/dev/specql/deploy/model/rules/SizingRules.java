package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Pattern;
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
        autoscale(context, "application.autoscale", "application.instances");
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
