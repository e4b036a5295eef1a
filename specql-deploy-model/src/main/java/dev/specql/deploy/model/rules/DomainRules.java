package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.text.Printable;
import java.util.List;

/** platform: a domain where HTTPS is served, a zone that can hold it, zones of the region, enough of them. */
final class DomainRules implements SectionRules {

    @Override
    public void check(RuleContext context) {
        EffectiveConfig config = context.config();
        Pattern pattern = context.pattern();
        boolean hasDomain = config.has("platform.domain");
        if (!hasDomain && pattern != Pattern.KUBERNETES) {
            context.error("platform.domain", "the " + pattern.id() + " pattern serves HTTPS and needs a domain",
                    "add platform.domain, e.g. app.example.com, pointing at the server or load balancer");
        }
        if (pattern == Pattern.KUBERNETES && !config.has("kubernetes.ingress.domain")) {
            context.error("kubernetes.ingress.domain", "the kubernetes pattern needs a hostname for its ingress",
                    "set platform.domain or kubernetes.ingress.domain");
        }
        config.optionalText("platform.hosted_zone").ifPresent(zone -> config.optionalText("platform.domain").ifPresent(domain -> {
            if (!domain.equals(zone) && !domain.endsWith("." + zone)) {
                context.error("platform.hosted_zone", "the zone " + zone + " cannot hold " + domain,
                        "use a zone that " + domain + " ends with");
            }
        }));
        Object zones = config.value("platform.availability_zones");
        String region = config.text("platform.region");
        if (zones instanceof List<?> names) {
            for (int i = 0; i < names.size(); i++) {
                String zone = (String) names.get(i);
                if (!zone.startsWith(region) || zone.length() != region.length() + 1) {
                    context.error("platform.availability_zones[" + i + "]", Printable.quote(zone) + " is not a zone of " + region,
                            "zones of " + region + " are named " + region + "a, " + region + "b, ...");
                }
            }
        }
        int zoneCount = zones instanceof List<?> names ? names.size() : Math.toIntExact((Long) zones);
        if (pattern.runsOnEcs() && zoneCount < 2) {
            context.error("platform.availability_zones", "an application load balancer needs subnets in at least 2 availability zones",
                    "use 2 or more");
        }
        if (config.bool("database.multi_az") && zoneCount < 2) {
            context.error("database.multi_az", "Multi-AZ needs at least 2 availability zones",
                    "set platform.availability_zones to 2 or more");
        }
    }
}
