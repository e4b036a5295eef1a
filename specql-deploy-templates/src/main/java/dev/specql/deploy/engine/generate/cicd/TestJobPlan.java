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

    static final int POSTGRES_PORT = 5432;
    static final int BROKER_PORT = 6379;

    static TestJobPlan of(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        return new TestJobPlan(plan.app().ciChecks(), Pins.databaseImage(spec.database().version(), spec.database().postgis()),
                spec.database().user(), spec.database().name(), plan.app().broker());
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
            env.put(variable.name(), value(spec, variable.value(), databaseHost, brokerHost));
        }
        env.putAll(spec.variables("dev"));
        env.putAll(app.ciChecks().environment());
        return env;
    }

    /** A variable's value in the job: the services at their host names, the database trusting every connection. */
    private static String value(DeploymentSpec spec, EnvVar.Value value, String databaseHost, String brokerHost) {
        String base = spec.database().urlScheme() + "://" + spec.database().user() + "@" + databaseHost + ":" + POSTGRES_PORT + "/";
        if (value instanceof EnvVar.Literal literal) {
            return literal.text();
        }
        if (value instanceof EnvVar.Endpoint endpoint) {
            return endpoint.service() == EnvVar.Service.DATABASE ? base + spec.database().name() + endpoint.suffix()
                    : "redis://" + brokerHost + ":" + BROKER_PORT + "/0" + endpoint.suffix();
        }
        if (value instanceof EnvVar.OtherDatabase other) {
            return base + other.database();
        }
        if (value instanceof EnvVar.DatabaseHost) {
            return databaseHost;
        }
        if (value instanceof EnvVar.DatabaseUser) {
            return spec.database().user();
        }
        return "";
    }
}
