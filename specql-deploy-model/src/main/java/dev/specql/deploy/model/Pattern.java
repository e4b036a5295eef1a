package dev.specql.deploy.model;

/** The deployment pattern: what runs where, and at what cost. */
public enum Pattern implements Keyword {
    HOBBY_PROJECT("hobby-project"),
    SMALL_SAAS("small-saas"),
    PRODUCTION_SAAS("production-saas"),
    KUBERNETES("kubernetes");

    private final String id;

    Pattern(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The patterns that run the app on ECS Fargate behind an application load balancer, with RDS. */
    public boolean runsOnEcs() {
        return this == SMALL_SAAS || this == PRODUCTION_SAAS;
    }

    @Override
    public String toString() {
        return id;
    }
}
