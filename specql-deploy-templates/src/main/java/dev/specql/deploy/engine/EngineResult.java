package dev.specql.deploy.engine;

import dev.specql.deploy.engine.write.WriteReport;
import dev.specql.deploy.model.config.EffectiveConfig;
import java.util.Optional;

/**
 * @param upToDate nothing shaping the output changed since the last run, so nothing was rendered or written
 * @param report   what happened to each file; empty when up to date
 * @param config   the effective configuration that was generated from
 */
public record EngineResult(boolean upToDate, Optional<WriteReport> report, EffectiveConfig config) {
}
