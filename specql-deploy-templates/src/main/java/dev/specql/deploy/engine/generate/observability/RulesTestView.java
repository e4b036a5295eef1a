package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/** A promtool unit-test file (rules-test.yml.vm) for one rules file: two cases or more per alert. */
public record RulesTestView(Safe header, List<Safe> ruleFiles, List<Case> cases) {

    /** @param firing the alert's expected labels and annotations, empty when it must stay silent */
    public record Case(Safe name, List<Series> series, Safe evalTime, Safe alertname, Optional<Expected> firing) {
    }

    public record Series(Safe series, Safe values) {
    }

    public record Expected(List<Pair> labels, List<Pair> annotations) {
    }

    public record Pair(Safe name, Safe value) {
    }
}
