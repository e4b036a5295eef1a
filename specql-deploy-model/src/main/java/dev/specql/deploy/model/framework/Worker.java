package dev.specql.deploy.model.framework;

import java.util.List;
import java.util.Optional;

/**
 * How one spec's background jobs run.
 *
 * @param kind        the job system, e.g. "celery"
 * @param command     the worker process
 * @param healthcheck a probe that works without extra tooling, when the job system has one
 * @param scheduler   the periodic-job process, when the spec asks for one
 */
public record Worker(String kind, List<String> command, Optional<List<String>> healthcheck, Optional<List<String>> scheduler) {

    public Worker {
        command = List.copyOf(command);
    }
}
