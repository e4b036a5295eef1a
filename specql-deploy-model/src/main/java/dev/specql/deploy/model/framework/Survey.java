package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import java.util.List;

/**
 * What a framework found in the user's repository once the spec was settled: facts no spec key holds, and the
 * preflight's verdict on whether the generated files can work with the app as it is.
 *
 * @param facts    what generators honour besides the spec
 * @param errors   what would make the generated stack fail, each located at the file (or spec key) to change
 * @param warnings what deserves attention without stopping the run
 */
public record Survey(ProjectFacts facts, List<Problem> errors, List<Problem> warnings) {

    public Survey {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public static Survey none() {
        return new Survey(ProjectFacts.none(), List.of(), List.of());
    }
}
