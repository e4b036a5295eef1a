package dev.specql.deploy.model;

/** The web framework the app is written in. */
public enum Framework implements Keyword {
    FRAISEQL("fraiseql"),
    DJANGO("django"),
    RAILS("rails");

    private final String id;

    Framework(String id) {
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
