package dev.specql.deploy.model;

/** How much monitoring is generated. */
public enum MonitoringLevel implements Keyword {
    BASIC("basic"),
    STANDARD("standard"),
    ENTERPRISE("enterprise");

    private final String id;

    MonitoringLevel(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
