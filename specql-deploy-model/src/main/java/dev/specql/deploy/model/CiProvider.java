package dev.specql.deploy.model;

/** Where the pipelines run. */
public enum CiProvider implements Keyword {
    GITHUB_ACTIONS("github-actions"),
    GITLAB_CI("gitlab-ci");

    private final String id;

    CiProvider(String id) {
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
