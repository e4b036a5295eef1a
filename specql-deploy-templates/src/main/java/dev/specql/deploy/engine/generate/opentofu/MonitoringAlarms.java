package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.render.TemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many CloudWatch alarms the monitoring module creates for what it watches, read from the module as it
 * ships, so the cost estimate follows the module instead of a number copied by hand. The module declares its
 * single-metric alarms in one map per watched kind ({@code alb_alarms = { for k, v in { "name" = {...} } : k
 * => v if local.monitor_alb }}) and gates every other alarm resource with {@code count = local.monitor_KIND ?
 * 1 : 0}; an alarm resource with neither shape fails here, so a change to the module cannot silently
 * miscount.
 */
final class MonitoringAlarms {

    static final String MODULE_SOURCE = OpenTofuGenerator.MODULES + "/monitoring/main.tf";

    /** What an ECS environment watches (main-ecs.tf.vm sets these monitor_* flags), and the hobby server. */
    static final List<String> ECS_WATCHES = List.of("alb", "ecs", "rds");
    static final List<String> SERVER_WATCHES = List.of("ec2");

    private static final Pattern MAP_START = Pattern.compile("^  (\\w+)_alarms = \\{ for k, v in \\{$");
    private static final Pattern MAP_ENTRY = Pattern.compile("^    \"[a-z0-9-]+\" = \\{$");
    private static final Pattern MAP_END = Pattern.compile("^  } : k => v if local\\.monitor_(\\w+) }$");
    private static final Pattern RESOURCE = Pattern.compile("^resource \"aws_cloudwatch_metric_alarm\" \"(\\w+)\" \\{$");
    private static final Pattern GATE = Pattern.compile("^  count = local\\.monitor_(\\w+) \\? 1 : 0$");
    /** The one resource that creates the map entries; counted through the maps. */
    private static final String MAP_RESOURCE = "this";

    private static final Map<String, Integer> BY_KIND = parse(bundledModule());

    private MonitoringAlarms() {
    }

    /** Alarms created when the module watches these kinds. */
    static int count(Collection<String> watched) {
        return watched.stream().mapToInt(kind -> BY_KIND.getOrDefault(kind, 0)).sum();
    }

    /** Alarms per watched kind (alb, ecs, rds, ec2), from the module's text. */
    static Map<String, Integer> parse(String module) {
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> lines = module.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher start = MAP_START.matcher(lines.get(i));
            Matcher resource = RESOURCE.matcher(lines.get(i));
            if (start.matches()) {
                int entries = 0;
                int j = i + 1;
                Matcher end = MAP_END.matcher("");
                for (; j < lines.size() && !end.reset(lines.get(j)).matches(); j++) {
                    entries += MAP_ENTRY.matcher(lines.get(j)).matches() ? 1 : 0;
                }
                if (j == lines.size() || !end.group(1).equals(start.group(1))) {
                    throw new IllegalStateException(start.group(1) + "_alarms in the monitoring module does not end with its monitor_"
                            + start.group(1) + " condition");
                }
                byKind.merge(start.group(1), entries, Integer::sum);
                i = j;
            } else if (resource.matches() && !resource.group(1).equals(MAP_RESOURCE)) {
                Matcher gate = i + 1 < lines.size() ? GATE.matcher(lines.get(i + 1)) : GATE.matcher("");
                if (!gate.matches()) {
                    throw new IllegalStateException("the alarm " + resource.group(1) + " of the monitoring module has no "
                            + "'count = local.monitor_KIND ? 1 : 0' line after its header; the cost estimate cannot count it");
                }
                byKind.merge(gate.group(1), 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(byKind);
    }

    private static String bundledModule() {
        try (InputStream in = MonitoringAlarms.class.getClassLoader().getResourceAsStream(TemplateRenderer.BUNDLED_ROOT + MODULE_SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MODULE_SOURCE + " is missing from the templates jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
