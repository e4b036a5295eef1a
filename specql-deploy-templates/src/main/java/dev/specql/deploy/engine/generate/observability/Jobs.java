package dev.specql.deploy.engine.generate.observability;

/**
 * The scrape jobs, named once: the alert rules select them by these names, the scrape configurations of every place
 * the stack runs give them, and the Alertmanager inhibitions match them.
 */
final class Jobs {

    static final String APP = "app";
    static final String POSTGRES = "postgres";
    static final String NODE = "node";
    static final String CONTAINERS = "cadvisor";
    static final String PROBE = "blackbox";
    static final String PROMETHEUS = "prometheus";
    static final String ALERTMANAGER = "alertmanager";

    private Jobs() {
    }
}
