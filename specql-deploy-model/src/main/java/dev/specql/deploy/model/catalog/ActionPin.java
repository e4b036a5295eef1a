package dev.specql.deploy.model.catalog;

import java.util.regex.Pattern;

/**
 * A GitHub Action pinned by the full commit SHA its release tag pointed to when it was checked: a tag can be moved
 * to other code (tags of popular actions were hijacked in 2025 and 2026), a commit cannot.
 *
 * @param repository the action, e.g. actions/checkout
 * @param tag        the release tag the commit was taken from, written beside the SHA
 * @param sha        the tag's commit (for an annotated tag, the commit it points to, never the tag object)
 */
public record ActionPin(String repository, String tag, String sha) {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern TAG = Pattern.compile("v[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");

    public ActionPin {
        if (!REPOSITORY.matcher(repository).matches() || !TAG.matcher(tag).matches() || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("an action pin needs owner/name, an exact vX.Y.Z tag and a 40-digit commit: "
                    + repository + " " + tag + " " + sha);
        }
    }

    /** The value of a workflow's {@code uses:}. */
    public String uses() {
        return repository + "@" + sha;
    }
}
