package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Problem;
import java.util.List;

/**
 * What a framework read from the user's repository.
 *
 * @param values   spec values, at most one per key
 * @param warnings files that disagree with each other, each located at the file that lost
 */
public record Detection(List<Detected> values, List<Problem> warnings) {

    public Detection {
        values = List.copyOf(values);
        warnings = List.copyOf(warnings);
        if (values.stream().map(Detected::key).distinct().count() != values.size()) {
            throw new IllegalArgumentException("one detected value per key: " + values);
        }
    }

    /** These values and warnings, followed by more values read from other files. */
    public Detection with(List<Detected> more) {
        List<Detected> all = new java.util.ArrayList<>(values);
        all.addAll(more);
        return new Detection(all, warnings);
    }

    public static Detection none() {
        return new Detection(List.of(), List.of());
    }
}
