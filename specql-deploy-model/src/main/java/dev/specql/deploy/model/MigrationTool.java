package dev.specql.deploy.model;

/** What applies database migrations. */
public enum MigrationTool implements Keyword {
    CONFITURE("confiture"),
    DJANGO("django"),
    RAILS("rails"),
    NONE("none");

    private final String id;

    MigrationTool(String id) {
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
