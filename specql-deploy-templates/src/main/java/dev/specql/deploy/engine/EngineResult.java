package dev.specql.deploy.engine;

import dev.specql.deploy.engine.write.WriteReport;
import dev.specql.deploy.model.config.EffectiveConfig;
import java.util.List;
import java.util.Optional;

/**
 * @param upToDate nothing shaping the output changed since the last run, so nothing was rendered or written
 * @param report   what happened to each file; empty when up to date
 * @param config   the effective configuration that was generated from
 * @param phases   the phases that ran: those requested and those their output reads
 * @param notes    why phases were added, one sentence each, for the console
 */
public record EngineResult(boolean upToDate, Optional<WriteReport> report, EffectiveConfig config, List<String> phases,
                           List<String> notes) {

    public EngineResult {
        phases = List.copyOf(phases);
        notes = List.copyOf(notes);
    }
}
