package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Location;

/** Where a key's value came from, for a message about it: the spec line that set it, or the file it was read from. */
public interface SpecPlaces {

    /** The place of {@code key}'s value; the spec file's start when a default supplied it. */
    Location of(String key);

    /** Whether the spec itself writes {@code key}: a check of something only the spec asked for. */
    boolean written(String key);
}
