package dev.specql.deploy.model;

/** How the app declares its dependencies. */
public enum PackageManager implements Keyword {
    UV("uv"),
    PIP("pip"),
    BUNDLER("bundler");

    private final String id;

    PackageManager(String id) {
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
