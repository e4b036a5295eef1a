package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.CiChecks;
import dev.specql.deploy.model.framework.EnvVar;
import dev.specql.deploy.model.framework.Wiring;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every provider's test job shares: the checks read from the app, the PostgreSQL (and broker) service it tests
 * against, and the app's variables as its local development stack has them, with the services at the host names the
 * provider gives them (localhost on GitHub, the service's alias on GitLab).
 */
record TestJobPlan(CiChecks checks, String databaseImage, String databaseUser, String databaseName, boolean broker) {

    static TestJobPlan of(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        return new TestJobPlan(plan.app().ciChecks(), Pins.databaseImage(spec.database().version(), spec.database().postgis()),
                spec.database().user(), spec.database().name(), plan.app().broker());
    }

    /** The first comment line of a CI pipeline: what it runs, and on which events ("pull requests", "merge requests"). */
    static String purpose(DeploymentSpec spec, String reviewEvent) {
        return "CI for " + spec.name() + ": on " + reviewEvent + " and pushes to " + spec.cicd().defaultBranch() + ", lint and test the "
                + "app against PostgreSQL " + spec.database().version() + ", and build the production image once and scan it.";
    }

    /** Whether there is anything to run: a test job that only installs proves nothing. */
    boolean hasChecks() {
        return !checks.lint().isEmpty() || !checks.test().isEmpty();
    }

    /** The variables of the test job: the development stack's, then the spec's dev ones, then the checks' own. */
    static Map<String, String> environment(DeploymentPlan plan, String databaseHost, String brokerHost) {
        DeploymentSpec spec = plan.spec();
        AppPlan app = plan.app();
        Map<String, String> env = new LinkedHashMap<>();
        Wiring wiring = new Wiring(false, "http://localhost:" + app.port(), "localhost", false);
        for (EnvVar variable : app.environment(wiring)) {
            env.put(variable.name(), app.localValue(variable.value(), databaseHost, brokerHost));
        }
        env.putAll(spec.variables("dev"));
        env.putAll(app.ciChecks().environment());
        return env;
    }
}
