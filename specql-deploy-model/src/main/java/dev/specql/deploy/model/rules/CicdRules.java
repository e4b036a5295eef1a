package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.text.Printable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** cicd: environments named once and not 'dev', triggers that deploy somewhere known, never from pull requests. */
final class CicdRules implements SectionRules {

    @Override
    public void check(RuleContext context) {
        EffectiveConfig config = context.config();
        List<Object> environments = config.list("cicd.environments");
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < environments.size(); i++) {
            String name = (String) ((Map<?, ?>) environments.get(i)).get("name");
            if (!names.add(name)) {
                context.error("cicd.environments[" + i + "].name", "environment " + Printable.quote(name) + " is declared twice",
                        "keep one");
            }
            if (name.equals("dev")) {
                context.error("cicd.environments[" + i + "].name", "'dev' is the local Docker Compose environment",
                        "choose another name");
            }
        }
        List<Object> triggers = config.list("cicd.triggers");
        for (int i = 0; i < triggers.size(); i++) {
            Map<?, ?> trigger = (Map<?, ?>) triggers.get(i);
            String path = "cicd.triggers[" + i + "]";
            String action = (String) trigger.get("action");
            Object environment = trigger.get("environment");
            if (action.equals("test")) {
                if (environment != null) {
                    context.error(path + ".environment", "a test trigger deploys nowhere", "remove environment");
                }
            } else if (environment == null) {
                context.error(path + ".environment", "a " + action + " trigger needs the environment it deploys to",
                        "add environment: " + names.stream().findFirst().orElse("staging"));
            } else if (!names.contains(environment)) {
                context.unknownEnvironment(config.locate(path + ".environment"), path + ".environment", (String) environment, names);
            }
            if (!action.equals("test") && "pull_request".equals(trigger.get("event"))) {
                context.error(path + ".event", "deploying from pull requests lets unreviewed code (even from forks) reach an environment",
                        "deploy on push to a protected branch, or on a tag");
            }
            if (!action.equals("test") && "schedule".equals(trigger.get("event"))) {
                context.error(path + ".event", "a scheduled " + action + " ships whatever the branch holds at that hour, unreviewed by anyone watching",
                        "deploy on push or tag, or use event: manual");
            }
            Object branch = trigger.get("branch");
            if (!action.equals("test") && branch instanceof String pattern && pattern.indexOf('*') >= 0
                    && pattern.indexOf('*') != pattern.length() - 1) {
                context.error(path + ".branch", "a " + action + " trigger's pattern may hold one * only, at its end (release/*, v*): "
                        + "the deploy's jobs and the cloud role's trust compare refs by prefix", "write " + Printable.quote(
                        pattern.substring(0, pattern.indexOf('*') + 1)) + " or name the ref exactly");
            }
        }
    }
}
