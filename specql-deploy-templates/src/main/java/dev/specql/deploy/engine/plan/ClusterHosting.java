package dev.specql.deploy.engine.plan;

/**
 * kubernetes: the user's cluster runs the app; the Helm chart sizes it.
 *
 * @param namespace the namespace the chart installs into
 */
public record ClusterHosting(String namespace) implements Hosting {
}
