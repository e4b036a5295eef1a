package dev.specql.deploy.model;

/** The process that serves the app's HTTP traffic in production (application.server). */
public enum AppServer implements Keyword {
    GUNICORN("gunicorn", "gunicorn"),
    UVICORN("uvicorn", "uvicorn"),
    GRANIAN("granian", "granian"),
    UWSGI("uwsgi", "uwsgi"),
    DAPHNE("daphne", "daphne"),
    PUMA("puma", "puma"),
    /** FraiseQL 2's Rust server, built from its crate into the image: no package of the app's. */
    FRAISEQL_SERVER("fraiseql-server", "");

    private final String id;
    private final String dependency;

    AppServer(String id, String dependency) {
        this.id = id;
        this.dependency = dependency;
    }

    @Override
    public String id() {
        return id;
    }

    /** The package the app must depend on for the server to be in its image, as its package index names it; empty for none. */
    public String dependency() {
        return dependency;
    }

    @Override
    public String toString() {
        return id;
    }
}
