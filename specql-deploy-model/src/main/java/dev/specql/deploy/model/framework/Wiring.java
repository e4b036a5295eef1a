package dev.specql.deploy.model.framework;

/**
 * Where the app runs, as far as its settings care.
 *
 * @param production false for the local development stack
 * @param publicUrl  the app's public origin, e.g. https://app.example.com
 * @param publicHost the hostname clients use
 * @param brokerTls  the job broker is reached over TLS (ElastiCache), so clients must verify its certificate
 */
public record Wiring(boolean production, String publicUrl, String publicHost, boolean brokerTls) {
}
