package dev.specql.deploy.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.catalog.RdsInstanceClasses;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

    @Test
    void rdsGivesEachClassConnectionsByItsMemory() {
        assertThat(RdsInstanceClasses.defaultMaxConnections("db.t4g.micro")).hasValue(112);
        assertThat(RdsInstanceClasses.defaultMaxConnections("db.t4g.medium")).hasValue(450);
        assertThat(RdsInstanceClasses.defaultMaxConnections("db.m7g.large")).hasValue(901);
        assertThat(RdsInstanceClasses.memoryGib("db.r6g.2xlarge")).hasValue(64);
        assertThat(RdsInstanceClasses.defaultMaxConnections("db.r7g.16xlarge")).hasValue(5000);
        assertThat(RdsInstanceClasses.memoryGib("db.x2g.large")).isEmpty();
        assertThat(RdsInstanceClasses.memoryGib("db.t4g.nano")).isEmpty();
    }

    @Test
    void aDefaultPoolIsLoweredToWhatTheDatabaseHoldsAtADeploymentAtTheAutoscalingMaximum() throws Exception {
        Setting pool = setting("""
                deployment: {name: crm, framework: fraiseql, pattern: small-saas}
                platform: {domain: crm.example.com}
                """);
        // 2 x 10 tasks of one process on db.t4g.micro: 80% of 112 is 89, less 1 for the migration task, is 88; 88 / 20 = 4.
        assertThat(pool.value()).isEqualTo(4L);
        assertThat(pool.origin()).isEqualTo(Origin.DERIVED);
        assertThat(pool.source()).contains("db.t4g.micro");
    }

    @Test
    void aDefaultPoolThatFitsIsKept() throws Exception {
        Setting pool = setting("""
                deployment: {name: shop, framework: rails}
                platform: {domain: shop.example.com}
                """);
        assertThat(pool.value()).isEqualTo(3L);
        assertThat(pool.origin()).isEqualTo(Origin.FRAMEWORK);
    }

    @Test
    void aPoolTheSpecSetsThatDoesNotFitIsRefusedWithTheArithmetic() {
        List<Problem> problems = problems("""
                deployment: {name: crm, framework: fraiseql, pattern: small-saas}
                platform: {domain: crm.example.com}
                database: {size: db.t4g.small, pool_size: 10}
                """);
        assertThat(problems).extracting(Problem::toString).containsExactly("deployment.yaml:3:43: database.pool_size: the stack can "
                + "open more connections than the database of production takes: 20 app tasks x 1 process x 10 connections + 1 "
                + "(worker, scheduler, migrations) = 201 at the peak, and db.t4g.small allows 180 (80% of its max_connections, 225) "
                + "(set database.pool_size to 8 or less, lower application.autoscale.max (or instances), application.workers or "
                + "application.worker.concurrency, or choose a larger database.size)");
    }

    @Test
    void processesWithoutAPoolCountOneConnectionEach() {
        List<Problem> problems = problems("""
                deployment: {name: notes, framework: django}
                platform: {domain: notes.example.com}
                application: {workers: 64, worker: {concurrency: 30}}
                """);
        // The server's PostgreSQL keeps its default of 100 connections: 64 processes, 30 Celery workers and a migration.
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("application.workers");
            assertThat(problem.message()).contains("1 app container x 64 processes x 1 connection + 31 (worker, scheduler, "
                    + "migrations) = 95 at the peak, and PostgreSQL on the server allows 80");
        });
    }

    private static Setting setting(String yaml) throws SpecException {
        return SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).config().setting("database.pool_size")
                .orElseThrow();
    }

    private static List<Problem> problems(String yaml) {
        try {
            SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        } catch (SpecException e) {
            return e.problems();
        }
        throw new AssertionError("expected the spec to be refused:\n" + yaml);
    }
}
