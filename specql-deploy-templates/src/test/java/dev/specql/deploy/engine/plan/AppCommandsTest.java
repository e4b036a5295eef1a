package dev.specql.deploy.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.specql.deploy.model.framework.EnvVar;
import dev.specql.deploy.model.framework.Wiring;
import dev.specql.deploy.model.framework.Worker;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The app's own server and worker commands (application.command, application.worker.command) in place of the framework's. */
class AppCommandsTest {

    static AppPlan app(String yaml) throws Exception {
        return Planner.plan(SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).spec(), new Layout("generated")).app();
    }

    static final String DJANGO = "deployment: {name: shop, framework: django}\nplatform: {domain: shop.example.com}\n";

    @Test
    void theAppsOwnCommandsRunBySh() throws Exception {
        AppPlan app = app(DJANGO + "application:\n  command: gunicorn shop.wsgi -c gunicorn.conf.py -b 0.0.0.0:$PORT\n"
                + "  worker: {command: celery -A shop worker -Q default}\n");
        assertThat(app.serverCommand()).containsExactly("sh", "-c", "exec gunicorn shop.wsgi -c gunicorn.conf.py -b 0.0.0.0:$PORT");
        Worker worker = app.worker().orElseThrow();
        assertThat(worker.command()).containsExactly("sh", "-c", "exec celery -A shop worker -Q default");
        assertThat(worker.probe()).isInstanceOf(Worker.Probe.None.class);
        assertThat(worker.needsBroker()).isTrue();
        assertThat(app.environment(new Wiring(true, "https://shop.example.com", "shop.example.com", false)))
                .contains(EnvVar.literal("PORT", "8000"));
    }

    @Test
    void withoutThemTheFrameworksCommandsRunAndPortIsNotSet() throws Exception {
        AppPlan app = app(DJANGO);
        assertThat(app.serverCommand()).startsWith("gunicorn");
        assertThat(app.environment(new Wiring(true, "https://shop.example.com", "shop.example.com", false)))
                .extracting(EnvVar::name).doesNotContain("PORT");
    }

    @Test
    void aWorkerCommandWithWorkersOffAndAMultiLineCommandAreRefused() {
        assertThatThrownBy(() -> app(DJANGO + "application: {worker: {enabled: false, command: rq worker}}\n"))
                .hasMessageContaining("application.worker.command: a worker command with workers off runs nothing");
        assertThatThrownBy(() -> app(DJANGO + "application: {worker: {command: rq worker, concurrency: 4}}\n"))
                .hasMessageContaining("application.worker.concurrency: the worker's concurrency comes from application.worker.command");
        assertThatThrownBy(() -> app(DJANGO + "application:\n  command: \"gunicorn shop.wsgi\\nrm -rf /\"\n"))
                .hasMessageContaining("application.command").hasMessageContaining("a shell command on one line");
    }
}
