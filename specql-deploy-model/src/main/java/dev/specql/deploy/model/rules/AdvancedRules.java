package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.config.EffectiveConfig;

/** multiregion and bluegreen: only where the pattern can carry them; the kubernetes pattern's database image. */
final class AdvancedRules implements SectionRules {

    /** ECS's limit on bake_time_in_minutes and the step bake times (0 to 1440). */
    private static final int MAX_BAKE_MINUTES = 1440;
    /** The longest shift and bake a deploy job can follow: GitHub-hosted jobs stop at 6 hours, less migrations and start. */
    private static final int MAX_SHIFT_MINUTES = 300;
    /** ECS's smallest LinearConfiguration.stepPercent (a canary may be as small as 0.1%). */
    private static final int MIN_LINEAR_STEP = 3;

    @Override
    public void check(RuleContext context) {
        EffectiveConfig config = context.config();
        if (config.bool("multiregion.enabled")) {
            if (!context.pattern().runsOnEcs()) {
                context.error("multiregion.enabled", "a second region is generated for the small-saas and production-saas patterns",
                        "use one of them, or set enabled: false");
            }
            // Two regions serving writes need a writer in each; RDS PostgreSQL has one per database, and a cross-region
            // replica is read-only until promoted (Aurora's write forwarding is Aurora, not RDS PostgreSQL).
            if (config.text("multiregion.strategy").equals("active-active")) {
                context.error("multiregion.strategy", "active-active needs a database writer in each region, and RDS PostgreSQL "
                        + "has one writer: the second region's copy is a read-only replica until it is promoted",
                        "use active-passive: the second region stands by with a replica, promoted when the first fails");
            }
            if (!config.text("multiregion.primary_region").equals(config.text("platform.region"))) {
                context.error("multiregion.primary_region", "the primary region is platform.region ("
                        + config.text("platform.region") + "), where every environment is deployed",
                        "remove primary_region, or change platform.region");
            }
            // The standby is a replica kept current by streaming, not backups copied across: a restore from copied
            // snapshots would be another runbook, with hours of data loss, and is not generated.
            if (!config.bool("multiregion.replication.database")) {
                context.error("multiregion.replication.database", "the second region's database is a cross-region read "
                        + "replica of the primary, promoted when the primary region fails; a standby without one is not generated",
                        "remove replication.database, or set it to true");
            }
            if (!config.bool("multiregion.replication.storage")) {
                context.error("multiregion.replication.storage", "the second region's tasks pull the app's image from that "
                        + "region's registry, which ECR replication fills: without it they cannot start while the primary region "
                        + "is down", "remove replication.storage, or set it to true");
            }
            if (!config.has("multiregion.dr_region")) {
                context.error("multiregion.dr_region", "a second region needs dr_region", "add dr_region, e.g. us-west-2");
            } else if (config.text("multiregion.dr_region").equals(config.text("multiregion.primary_region"))) {
                context.error("multiregion.dr_region", "dr_region is the same as the primary region", "choose another region");
            }
        }
        if (config.bool("bluegreen.enabled")) {
            blueGreen(context, config);
        }
        // CloudNativePG's PostGIS operand images are tagged by PostgreSQL and PostGIS release; none is pinned here yet.
        if (context.pattern() == Pattern.KUBERNETES && config.text("database.url_scheme").equals("postgis")) {
            context.error("database.url_scheme", "the kubernetes pattern's chart has no PostGIS image for CloudNativePG yet",
                    "use small-saas, production-saas or hobby-project for a PostGIS database, or url_scheme postgresql");
        }
    }

    /** ECS's native deployments: what they can shift, and bake times in whole minutes up to a day. */
    private static void blueGreen(RuleContext context, EffectiveConfig config) {
        if (context.pattern() == Pattern.HOBBY_PROJECT) {
            context.error("bluegreen.enabled", "blue/green needs a load balancer; hobby-project has one server, whose deploys "
                    + "replace the app container in place and put the previous image back when the new one fails its health check",
                    "use small-saas or production-saas for blue/green, or set enabled: false");
            return;
        }
        if (context.pattern() == Pattern.KUBERNETES) {
            context.error("bluegreen.enabled", "the kubernetes pattern's chart rolls out with a RollingUpdate behind its readiness "
                    + "probe; blue/green is generated for ECS only", "use small-saas or production-saas, or set enabled: false");
            return;
        }
        DeploymentSpec.BlueGreen blueGreen = new DeploymentSpec.BlueGreen(true, config.text("bluegreen.strategy"),
                config.integer("bluegreen.traffic_shift.initial"), config.integer("bluegreen.traffic_shift.increment"),
                config.text("bluegreen.traffic_shift.interval"), config.bool("bluegreen.rollback_on_error"));
        if (blueGreen.shift().isEmpty()) {
            int initial = blueGreen.initialPercent();
            context.error(context.written("bluegreen.traffic_shift.increment", "bluegreen.traffic_shift.initial"),
                    "ECS shifts traffic in equal steps (linear) or in two (canary): " + initial + "% then steps of "
                            + blueGreen.incrementPercent() + "% is neither",
                    "set increment: " + initial + " for steps of " + initial + "%, or increment: " + (100 - initial)
                            + " for a canary of " + initial + "% then the rest");
        }
        if (blueGreen.shift().filter(shift -> shift == DeploymentSpec.BlueGreen.Shift.LINEAR).isPresent()
                && blueGreen.incrementPercent() < MIN_LINEAR_STEP) {
            context.error(context.written("bluegreen.traffic_shift.increment", "bluegreen.traffic_shift.initial"),
                    "ECS's linear steps are " + MIN_LINEAR_STEP + "% of the traffic or more", "set initial and increment to "
                            + MIN_LINEAR_STEP + " or more, or increment to " + (100 - blueGreen.initialPercent()) + " for a canary");
        }
        int minutes = blueGreen.intervalMinutes().orElse(-1);
        if (minutes < 0 || minutes > MAX_BAKE_MINUTES) {
            context.error("bluegreen.traffic_shift.interval", "ECS waits between steps and bakes in whole minutes, from 0 to "
                    + MAX_BAKE_MINUTES + " (a day); " + config.text("bluegreen.traffic_shift.interval") + " is not",
                    "write it in minutes or hours, such as 5m or 1h");
        } else if (blueGreen.shift().isPresent() && blueGreen.shiftMinutes() > MAX_SHIFT_MINUTES) {
            context.error("bluegreen.traffic_shift.interval", "a deployment would shift and bake for " + blueGreen.shiftMinutes()
                    + " minutes; the pipeline's deploy job follows it to the end, and GitHub-hosted jobs stop at 6 hours",
                    "keep the steps' waits and the bake under " + MAX_SHIFT_MINUTES + " minutes: a shorter interval, or fewer steps");
        }
    }
}
