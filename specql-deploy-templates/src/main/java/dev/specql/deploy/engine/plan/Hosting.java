package dev.specql.deploy.engine.plan;

/** What runs the app in one environment; the pattern decides which. */
public sealed interface Hosting permits EcsHosting, ServerHosting, ClusterHosting {
}
