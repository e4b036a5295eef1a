package dev.specql.deploy.engine.generate.observability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus alerting rule and the unit tests that prove it: decided here, laid out by rules.yml.vm and
 * rules-test.yml.vm. Annotations may name the alert's labels as {@code {{ $labels.name }}} and nothing else, so a
 * test can state the exact text Prometheus will send.
 *
 * @param duration how long the condition must hold, or "" to fire at once
 * @param tests    inputs under which the alert fires, and under which it stays silent
 */
record Alert(String name, String expr, String duration, String severity, String summary, String description, List<RuleTest> tests) {

    private static final Pattern LABEL = Pattern.compile("\\{\\{ \\$labels\\.([a-z_]+) }}");

    Alert {
        tests = List.copyOf(tests);
    }

    /** The alert's own labels: its severity. */
    Map<String, String> labels() {
        return Map.of("severity", severity);
    }

    /** An annotation for readers, each label it names shown as {@code <name>}. */
    static String placeholders(String annotation) {
        return LABEL.matcher(annotation).replaceAll("<$1>");
    }

    /** An annotation as Prometheus expands it for an alert with these labels. */
    static String expand(String annotation, Map<String, String> labels) {
        Matcher m = LABEL.matcher(annotation);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = labels.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("annotation names label " + m.group(1) + ", which the test's alert does not carry");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }

    /**
     * One promtool test case of this alert.
     *
     * @param title    what the case shows
     * @param evalTime when the alert is evaluated, a Prometheus duration from the start of the series
     * @param input    the series and their values at one-minute steps
     * @param firing   the labels the series give the alert when it must fire (its own are added); empty when it must be silent
     */
    record RuleTest(String title, String evalTime, List<Series> input, Optional<Map<String, String>> firing) {

        RuleTest {
            input = List.copyOf(input);
        }

        static RuleTest fires(String title, String evalTime, Map<String, String> labels, Series... input) {
            return new RuleTest(title, evalTime, List.of(input), Optional.of(labels));
        }

        static RuleTest silent(String title, String evalTime, Series... input) {
            return new RuleTest(title, evalTime, List.of(input), Optional.empty());
        }
    }

    /** @param values promtool's expanding notation, e.g. {@code 0+10x20} */
    record Series(String series, String values) {
    }
}
