package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.config.EffectiveConfig;

/** multiregion and bluegreen: only where the pattern can carry them; the kubernetes pattern's database image. */
final class AdvancedRules implements SectionRules {

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
            if (!config.has("multiregion.dr_region")) {
                context.error("multiregion.dr_region", "a second region needs dr_region", "add dr_region, e.g. us-west-2");
            } else if (config.text("multiregion.dr_region").equals(config.text("multiregion.primary_region"))) {
                context.error("multiregion.dr_region", "dr_region is the same as the primary region", "choose another region");
            }
        }
        if (config.bool("bluegreen.enabled") && context.pattern() == Pattern.HOBBY_PROJECT) {
            context.error("bluegreen.enabled", "blue/green needs a load balancer; hobby-project has one server",
                    "use small-saas, production-saas or kubernetes");
        }
        // CloudNativePG's PostGIS operand images are tagged by PostgreSQL and PostGIS release; none is pinned here yet.
        if (context.pattern() == Pattern.KUBERNETES && config.text("database.url_scheme").equals("postgis")) {
            context.error("database.url_scheme", "the kubernetes pattern's chart has no PostGIS image for CloudNativePG yet",
                    "use small-saas, production-saas or hobby-project for a PostGIS database, or url_scheme postgresql");
        }
    }
}
