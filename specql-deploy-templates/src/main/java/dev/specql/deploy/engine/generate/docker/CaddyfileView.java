package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.Optional;

/**
 * The view of the Caddyfile.
 *
 * @param domain            the spec's domain, for comments
 * @param site              the site address: the domain, or the environment placeholder that defaults to it
 * @param siteFromEnvironment whether the site address is that placeholder
 * @param email             the ACME account address, when the spec gives one
 * @param metricsPathPrefix the metrics path with everything under it, kept from the internet
 */
public record CaddyfileView(Safe header, Safe domain, Safe site, boolean siteFromEnvironment, Optional<Safe> email, Safe upstream, Safe metricsPath, Safe metricsPathPrefix) {
}
