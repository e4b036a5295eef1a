package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.config.Origin;
import dev.specql.deploy.model.config.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys the spec accepts while no generated file follows them yet, because the phase that reads them is not built,
 * or because the platform already does what they ask. Writing one is not an error (the spec keeps the plan's
 * format), but the user is told, once per section, that it changes nothing today. KeyEffectTest (templates module)
 * flips every key and holds this list to what the generator really ignores.
 */
public final class InertKeys {

    /** Key prefix, then why nothing follows it; the first matching prefix wins. */
    public static final Map<String, String> PENDING = table(
            // Read today: the provider (which CI pipeline is written), the branch it runs on, and the triggers and
            // environments of the GitHub deploy workflow of the ECS patterns.
            "cicd.provider", "",
            "cicd.default_branch", "",
            "cicd.triggers", "",
            "cicd.environments", "",
            "cicd", "the pipelines push images to the bootstrap's ECR repository and run the migrations before every deploy, "
                    + "whatever these keys say",
            "specql.registry", "the registry is read for validate's facts (its multi-tenant schemas) only",
            "specql.schema_dir", "no generated file runs confiture build from the schema tree yet");

    private InertKeys() {
    }

    private static Map<String, String> table(String... pairs) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i], pairs[i + 1]);
        }
        return table;
    }

    /** Why nothing follows {@code path} today; empty when something does. */
    public static String reason(String path) {
        for (Map.Entry<String, String> entry : PENDING.entrySet()) {
            if (path.equals(entry.getKey()) || path.startsWith(entry.getKey() + ".") || path.startsWith(entry.getKey() + "[")) {
                return entry.getValue();
            }
        }
        return "";
    }

    /**
     * Whether a setting only holds the default of something nothing reads: a phase not built yet, or the kubernetes
     * section on another pattern. Not worth listing.
     */
    public static boolean idleDefault(Setting setting, Pattern pattern) {
        if (setting.origin() == Origin.USER || setting.origin() == Origin.DETECTED) {
            return false;
        }
        return !reason(setting.path()).isEmpty()
                || pattern != Pattern.KUBERNETES && setting.path().startsWith("kubernetes.");
    }

    /** One warning per reason, at the first key the user wrote for it, naming every such key. */
    static List<Problem> warnings(EffectiveConfig config) {
        Map<String, List<String>> written = new LinkedHashMap<>();
        config.settings().values().stream().filter(setting -> setting.origin() == Origin.USER)
                .forEach(setting -> {
                    String reason = reason(setting.path());
                    if (!reason.isEmpty()) {
                        written.computeIfAbsent(reason, r -> new ArrayList<>()).add(setting.path());
                    }
                });
        List<Problem> warnings = new ArrayList<>();
        written.forEach((reason, paths) -> warnings.add(Problem.of(config.locate(paths.get(0)), paths.get(0), "nothing is generated "
                + "from " + String.join(", ", paths) + " yet: " + reason, "keep " + (paths.size() == 1 ? "it" : "them")
                + " for when it is, or remove " + (paths.size() == 1 ? "it" : "them"))));
        return warnings;
    }
}
