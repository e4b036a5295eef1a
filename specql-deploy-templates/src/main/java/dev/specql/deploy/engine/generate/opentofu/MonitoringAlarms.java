package dev.specql.deploy.engine.generate.opentofu;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many CloudWatch alarms the monitoring module creates for what it watches, read from the module as this
 * run writes it (a user's override included), so the cost estimate follows the module instead of a number
 * copied by hand. The module declares its single-metric alarms in one map per watched kind
 * ({@code alb_alarms = { for k, v in { "name" = {...} } : k => v if local.monitor_alb }}), creates them with
 * one {@code for_each} resource (blue/green moves two of them to a second, which sums two target groups), and gates every other alarm resource with {@code count = local.monitor_KIND ?
 * 1 : 0}. Anything else in those places fails the parse: a module change cannot silently miscount.
 */
final class MonitoringAlarms {

    static final String MODULE_SOURCE = OpenTofuGenerator.MODULES + "/monitoring/main.tf";

    /** What an ECS environment watches (main-ecs.tf.vm sets these monitor_* flags), and the hobby server. */
    static final List<String> ECS_WATCHES = List.of("alb", "ecs", "rds");
    static final List<String> SERVER_WATCHES = List.of("ec2");
    /** What the disaster recovery standby's root watches (main-standby.tf.vm): its replica. */
    static final List<String> STANDBY_WATCHES = List.of("rds", "replica");

    private static final Pattern MAP_START = Pattern.compile("^  (\\w+)_alarms = \\{ for k, v in \\{$");
    private static final Pattern MAP_END = Pattern.compile("^  } : k => v if local\\.monitor_(\\w+) }$");
    /** A line at the entries' depth: an entry opens ("name" = {) or closes (}). */
    private static final Pattern ENTRY_DEPTH = Pattern.compile("^    \\S.*$");
    private static final Pattern ENTRY_START = Pattern.compile("^    (\"[^\"]+\"|[\\w-]+) = \\{$");
    private static final Pattern ENTRY_END = Pattern.compile("^    }$");
    private static final Pattern RESOURCE = Pattern.compile("^resource \"aws_cloudwatch_(?:metric|composite)_alarm\" \"(\\w+)\" \\{$");
    private static final Pattern GATE = Pattern.compile("^  count = local\\.monitor_(\\w+) \\? 1 : 0$");
    /** The maps' alarms: single-metric, or (target_health) the map's target health alarms summed over blue/green's two groups. */
    private static final Pattern MAP_RESOURCE = Pattern.compile("^  for_each = local\\.(metric_alarms|target_health)$");

    private final Map<String, Integer> byKind;

    private MonitoringAlarms(Map<String, Integer> byKind) {
        this.byKind = Collections.unmodifiableMap(new TreeMap<>(byKind));
    }

    /** Alarms created when the module watches these kinds. */
    int count(Collection<String> watched) {
        return watched.stream().mapToInt(kind -> byKind.getOrDefault(kind, 0)).sum();
    }

    /** Alarms per watched kind (alb, ecs, rds, ec2). */
    Map<String, Integer> byKind() {
        return byKind;
    }

    /**
     * Reads the module's text.
     *
     * @throws IllegalArgumentException when an alarm is declared in a shape this reader cannot count
     */
    static MonitoringAlarms parse(String module) {
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> lines = module.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // Cheap tests first: the module has hundreds of lines and only a few can open a map or an alarm.
            if (line.startsWith("  ") && line.endsWith("_alarms = { for k, v in {")) {
                Matcher start = MAP_START.matcher(line);
                if (start.matches()) {
                    i = countMap(lines, i, start.group(1), byKind);
                }
            } else if (line.startsWith("resource \"aws_cloudwatch_")) {
                Matcher resource = RESOURCE.matcher(line);
                if (resource.matches()) {
                    i = countResource(lines, i, resource.group(1), byKind);
                }
            }
        }
        return new MonitoringAlarms(byKind);
    }

    /** Counts the entries of the map that starts at {@code first}; returns the index of its last line. */
    private static int countMap(List<String> lines, int first, String kind, Map<String, Integer> byKind) {
        int entries = 0;
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher end = MAP_END.matcher(line);
            if (end.matches()) {
                if (!end.group(1).equals(kind)) {
                    throw unreadable(kind + "_alarms ends with the condition of monitor_" + end.group(1));
                }
                byKind.merge(kind, entries, Integer::sum);
                return i;
            }
            if (ENTRY_START.matcher(line).matches()) {
                entries++;
            } else if (ENTRY_DEPTH.matcher(line).matches() && !ENTRY_END.matcher(line).matches() && !line.strip().startsWith("#")) {
                throw unreadable("line " + (i + 1) + " of " + kind + "_alarms is neither an alarm's opening nor its end: " + line.strip());
            }
        }
        throw unreadable(kind + "_alarms does not end with its monitor_" + kind + " condition");
    }

    /** Counts the alarm resource that starts at {@code first} under its gate; returns the index of its last line. */
    private static int countResource(List<String> lines, int first, String name, Map<String, Integer> byKind) {
        String gate = null;
        boolean map = false;
        int i = first + 1;
        for (; i < lines.size() && !lines.get(i).equals("}"); i++) {
            Matcher count = GATE.matcher(lines.get(i));
            gate = count.matches() ? count.group(1) : gate;
            map |= MAP_RESOURCE.matcher(lines.get(i)).matches();
        }
        if (map) {
            return i;
        }
        if (gate == null) {
            throw unreadable("the alarm " + name + " has no 'count = local.monitor_KIND ? 1 : 0' line");
        }
        byKind.merge(gate, 1, Integer::sum);
        return i;
    }

    private static IllegalArgumentException unreadable(String why) {
        return new IllegalArgumentException("the cost estimate cannot count the alarms of " + MODULE_SOURCE + ": " + why
                + " (an overridden module must keep the shape its comments describe)");
    }
}
