package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.text.Printable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * monitoring.alerts: each channel has exactly the key its type needs; alert names are unique. monitoring.dashboards:
 * a framework's dashboard reads that framework's metrics, and the aws one CloudWatch's metrics of the ECS patterns.
 */
final class MonitoringRules implements SectionRules {

    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)(ms|s|m|h|d|w|y)");

    @Override
    public void check(RuleContext context) {
        EffectiveConfig config = context.config();
        List<Object> channels = config.list("monitoring.alerts.channels");
        for (int i = 0; i < channels.size(); i++) {
            Map<?, ?> channel = (Map<?, ?>) channels.get(i);
            String path = "monitoring.alerts.channels[" + i + "]";
            String type = (String) channel.get("type");
            String needed = switch (type) {
                case "email" -> "to";
                case "pagerduty" -> "routing_key";
                default -> "webhook_url";
            };
            if (!channel.containsKey(needed)) {
                context.error(path, "a " + type + " channel needs " + needed, "add " + needed);
            }
            for (String key : List.of("to", "routing_key", "webhook_url")) {
                if (!key.equals(needed) && channel.containsKey(key)) {
                    context.error(path + "." + key, key + " does not apply to a " + type + " channel", "remove it");
                }
            }
        }
        if (config.optionalText("monitoring.alerts.smtp.smarthost").isEmpty()) {
            // Located at the first email channel.
            for (int i = 0; i < channels.size(); i++) {
                if ("email".equals(((Map<?, ?>) channels.get(i)).get("type"))) {
                    context.error("monitoring.alerts.channels[" + i + "]", "an email channel needs a mail relay for Alertmanager to send through",
                            "add monitoring.alerts.smtp with smarthost (host:port) and from, and password: ${NAME} if the relay needs a login");
                    break;
                }
            }
        }
        dashboards(context);
        logsRetention(context);
        Set<String> ruleNames = new HashSet<>();
        List<Object> rules = config.list("monitoring.alerts.rules");
        for (int i = 0; i < rules.size(); i++) {
            String name = (String) ((Map<?, ?>) rules.get(i)).get("name");
            if (!ruleNames.add(name)) {
                context.error("monitoring.alerts.rules[" + i + "].name", "alert " + Printable.quote(name) + " is defined twice",
                        "rename one");
            }
        }
    }

    private static void dashboards(RuleContext context) {
        List<Object> dashboards = context.config().list("monitoring.dashboards");
        String framework = context.runtime().framework().id();
        Set<String> frameworks = Set.copyOf(Keyword.ids(Framework.class));
        for (int i = 0; i < dashboards.size(); i++) {
            String dashboard = (String) dashboards.get(i);
            String path = "monitoring.dashboards[" + i + "]";
            if (frameworks.contains(dashboard) && !dashboard.equals(framework)) {
                context.error(path, "the " + dashboard + " dashboard reads " + dashboard + "'s metrics, and the app is " + framework,
                        "write " + framework + " instead");
            } else if (dashboard.equals("aws") && !context.pattern().runsOnEcs()) {
                context.error(path, "the aws dashboard reads the CloudWatch metrics of ECS, the load balancer and RDS, which the "
                        + context.pattern().id() + " pattern does not run", "remove it, or use pattern small-saas or production-saas");
            }
        }
    }

    /** Loki deletes by whole index periods of 24h and refuses a shorter retention at start. */
    private static void logsRetention(RuleContext context) {
        EffectiveConfig config = context.config();
        if (!config.bool("monitoring.logs.loki")) {
            return;
        }
        String retention = config.text("monitoring.logs.retention");
        if (seconds(retention) < 24 * 3600) {
            context.error("monitoring.logs.retention", "Loki keeps logs for whole 24h index periods and refuses a retention of "
                    + retention, "write 1d or more");
        }
    }

    /** A Prometheus duration (the schema's DURATION format) in seconds; milliseconds round down. */
    static long seconds(String duration) {
        long total = 0;
        Matcher part = DURATION_PART.matcher(duration);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total += switch (part.group(2)) {
                case "ms" -> n / 1000;
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                case "d" -> n * 86_400;
                case "w" -> n * 604_800;
                default -> n * 31_536_000;
            };
        }
        return total;
    }
}
