package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/** A rules file (rules.yml.vm): one group, recording rules first. */
public record RulesView(Safe header, Safe comment, Safe group, List<Recording> recordings, List<AlertView> alerts) {

    public record Recording(Safe record, Safe expr) {
    }

    public record AlertView(Safe name, Safe expr, Optional<Safe> duration, Safe severity, Safe summary, Safe description) {
    }
}
