package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.text.Printable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** monitoring.alerts: each channel has exactly the key its type needs; alert names are unique. */
final class MonitoringRules implements SectionRules {

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
}
