package dev.specql.deploy.model.config;

/** Where an effective value came from, strongest first. */
public enum Origin {
    USER("spec"),
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
