package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.framework.Frameworks;
import dev.specql.deploy.model.text.Secrets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** environment: known environments, no variable the stack wires, no secret in plain sight. */
final class EnvironmentRules implements SectionRules {

    @Override
    public void check(RuleContext context) {
        EffectiveConfig config = context.config();
        Set<String> known = new LinkedHashSet<>(List.of("dev"));
        config.list("cicd.environments").forEach(e -> known.add((String) ((Map<?, ?>) e).get("name")));
        Set<Object> secrets = new HashSet<>(config.list("application.secrets"));
        Set<String> reserved = Frameworks.reservedVariables();
        for (String environment : config.writtenKeys("environment")) {
            String envPath = "environment." + environment;
            if (!known.contains(environment)) {
                context.unknownEnvironment(config.locateKey(envPath), envPath, environment, known);
            }
            config.textMap(envPath).forEach((name, value) -> {
                String path = envPath + "." + name;
                if (reserved.contains(name)) {
                    context.error(path, name + " is set by the generated stack", "remove it; the generator wires it");
                } else if (secrets.contains(name)) {
                    context.error(path, name + " is declared a secret in application.secrets", "remove its value from this file");
                } else {
                    secretInPlainSight(context, path, name, value);
                }
            });
        }
    }

    /** The message says why the variable looks secret but never prints its value. */
    private static void secretInPlainSight(RuleContext context, String path, String name, String value) {
        Optional<String> shape = Secrets.shapeOf(value);
        if (Secrets.isSecretName(name) || shape.isPresent()) {
            context.error(path, name + " looks like a secret, and values in this file are written into generated files"
                            + shape.map(s -> " (its value looks like " + s + ")").orElse(""),
                    "list " + name + " under application.secrets and put its value in .env or the secret store");
        }
    }
}
