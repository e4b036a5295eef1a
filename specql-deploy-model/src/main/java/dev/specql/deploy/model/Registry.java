package dev.specql.deploy.model;

/** Where container images are pushed. */
public enum Registry implements Keyword {
    ECR("ecr"),
    GHCR("ghcr"),
    GITLAB("gitlab");

    private final String id;

    Registry(String id) {
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
