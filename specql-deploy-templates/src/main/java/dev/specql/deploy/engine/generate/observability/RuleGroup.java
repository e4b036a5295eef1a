package dev.specql.deploy.engine.generate.observability;

import java.util.List;

/**
 * One rules file: a Prometheus rule group, its recording rules first.
 *
 * @param file    the file name under prometheus/rules/ (its tests go to prometheus/tests/ under the same name)
 * @param needs   other rules files its tests must load (the recording rules its alerts read)
 */
record RuleGroup(String file, String name, List<Recording> recordings, List<Alert> alerts, List<String> needs) {

    RuleGroup {
        recordings = List.copyOf(recordings);
        alerts = List.copyOf(alerts);
        needs = List.copyOf(needs);
    }

    static RuleGroup alerts(String file, String name, List<Alert> alerts) {
        return new RuleGroup(file, name, List.of(), alerts, List.of());
    }

    boolean tested() {
        return alerts.stream().anyMatch(alert -> !alert.tests().isEmpty());
    }

    /** A recording rule, with the labels it adds. */
    record Recording(String record, String expr) {
    }
}
