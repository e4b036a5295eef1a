package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.plan.ClusterMonitoring;
import java.util.Optional;

/**
 * prometheus.yml for the Compose stack: the jobs of {@link Jobs} at the Compose services' names.
 *
 * @param tokenFile the file holding the bearer token the app's metrics endpoint requires, when it requires one
 * @param probeUrl  the public URL blackbox_exporter probes from outside the app; none without a domain (Caddy then
 *                  serves localhost with its own CA, which no outside client reaches)
 */
public record PrometheusView(Safe header, Safe scrapeInterval, Safe deployment, Safe appTarget, Safe metricsPath, Optional<Safe> tokenFile,
                             Optional<Safe> probeUrl) {

    /** How often every target is scraped and rules evaluated; Grafana's rate window is four of these at least. */
    static final String SCRAPE_INTERVAL = ClusterMonitoring.SCRAPE_INTERVAL;
}
