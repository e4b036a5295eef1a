package dev.specql.deploy.model.config;

/** Where an effective value came from, strongest first. */
public enum Origin {
    USER("spec"),
    /** Read from the user's repository (a version file, a lock file). */
    DETECTED("detected"),
    PATTERN("pattern"),
    FRAMEWORK("framework"),
    DERIVED("derived"),
    DEFAULT("default");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
