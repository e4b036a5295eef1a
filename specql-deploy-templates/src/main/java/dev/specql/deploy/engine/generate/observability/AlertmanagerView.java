package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * alertmanager.yml: the receivers of the spec's channels, by severity, with every secret read from a file.
 *
 * @param routed whether any channel exists; without one every alert goes to the null receiver (visible in the UI only)
 */
public record AlertmanagerView(Safe header, Optional<Smtp> smtp, boolean routed, Receiver critical, Receiver warning) {

    public record Smtp(Safe smarthost, Safe from, Optional<Safe> username, Optional<Safe> passwordFile) {
    }

    /** @param emails addresses; the other lists are the files holding each channel's URL or key */
    public record Receiver(Safe name, List<Safe> emails, List<Safe> slackUrlFiles, List<Safe> webhookUrlFiles, List<Safe> pagerdutyKeyFiles) {
    }
}
