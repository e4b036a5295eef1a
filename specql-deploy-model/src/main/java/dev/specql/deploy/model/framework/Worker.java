package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.JobSystem;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How one spec's background jobs run.
 *
 * @param system    the job system
 * @param command   the worker process
 * @param probe     how a container checks the worker is alive, or why it cannot
 * @param scheduler the periodic-job process, when the spec asks for one
 * @param settings  variables the worker's processes get instead of the app's: a connection pool sized for the
 *                  worker's threads rather than the web server's
 */
public record Worker(JobSystem system, List<String> command, Probe probe, Optional<List<String>> scheduler,
                     Map<String, String> settings) {

    public Worker(JobSystem system, List<String> command, Probe probe, Optional<List<String>> scheduler) {
        this(system, command, probe, scheduler, Map.of());
    }

    /** The job system's name for READMEs and comments: "Celery". */
    public String kind() {
        return system.displayName();
    }

    /** Whether the stack runs a Redis-compatible broker for these jobs. */
    public boolean needsBroker() {
        return system.needsBroker();
    }


    public Worker {
        command = List.copyOf(command);
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** A worker's health probe. */
    public sealed interface Probe permits Probe.Command, Probe.None {

        /**
         * A command that exits 0 while the worker is healthy, and how long it may take: its interpreter's start and its
         * own waits included, so that a loaded host does not count a slow answer as a failure.
         */
        record Command(List<String> command, int timeoutSeconds) implements Probe {
            public Command {
                command = List.copyOf(command);
                if (timeoutSeconds < 1) {
                    throw new IllegalArgumentException("a probe's timeout is at least one second: " + timeoutSeconds);
                }
            }
        }

        /** No probe works with what the image has; {@code reason} says why, for a comment in the generated file. */
        record None(String reason) implements Probe {
        }
    }
}
