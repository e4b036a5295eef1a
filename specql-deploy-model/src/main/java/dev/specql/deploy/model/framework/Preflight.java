package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import java.util.ArrayList;
import java.util.List;

/** What the project says once the spec is settled: the framework's survey, then what every framework shares. */
public final class Preflight {

    private Preflight() {
    }

    /**
     * @param files  the user's repository
     * @param spec   the settled spec
     * @param places where each key's value came from, for messages
     */
    public static Survey run(ProjectFiles files, DeploymentSpec spec, SpecPlaces places) {
        FrameworkRuntime runtime = Frameworks.of(spec.framework(), spec.deployment().frameworkMajor());
        Survey own = runtime.survey(files, spec, places);
        List<ProjectFacts.Fact> facts = new ArrayList<>(own.facts().facts());
        List<Problem> warnings = new ArrayList<>(own.warnings());
        List<Problem> errors = new ArrayList<>(own.errors());
        ContainerFiles.survey(files, spec, runtime, facts, warnings);
        SpecqlProject.survey(files, spec, places, facts, errors);
        InitScripts.survey(files, facts);
        Uploads.survey(spec.withProject(new ProjectFacts(facts)), places, warnings);
        return new Survey(new ProjectFacts(facts), errors, warnings);
    }
}
