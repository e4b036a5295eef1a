package dev.specql.deploy.model.config;

import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.catalog.RdsInstanceClasses;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The database connections one database of the stack must hold at the stack's peak, and the pool size that fits.
 * On ECS the peak is a deployment at the autoscaling maximum: with maximumPercent 200 a full set of new tasks starts
 * before the old ones stop, for the app and the worker alike; the migration task may still be connected. On the
 * server Compose replaces each container, so one of each counts. Only {@value #USABLE_PERCENT}% of max_connections
 * is spent: the PostgresqlTooManyConnections alert fires above it, and the rest is left to the superuser slots
 * PostgreSQL and RDS reserve, a psql session, backups and monitoring. Kubernetes is left to the Helm chart, which
 * sizes CloudNativePG itself.
 *
 * @param tier              the environments it applies to, for messages: "production"
 * @param database          what the database runs on: "db.t4g.micro"
 * @param maxConnections    the database's max_connections
 * @param peakAppTasks      app tasks (or containers) connected at once at the peak
 * @param processesPerTask  server processes per task, each with its own pool
 * @param otherConnections  the worker's, the scheduler's and the migration's connections at the peak
 */
public record ConnectionBudget(String tier, String database, int maxConnections, int peakAppTasks, int processesPerTask,
                               int otherConnections) {

    static final int USABLE_PERCENT = 80;
    /** PostgreSQL's own default, which the postgres image and the generated Compose stacks keep. */
    static final int POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;
    /** ECS runs up to 200% of the desired tasks while a deployment replaces them. */
    private static final int DEPLOYMENT_FACTOR = 2;

    /** The connections the stack may open at its peak. */
    public int usable() {
        return maxConnections * USABLE_PERCENT / 100;
    }

    /** Connections at the peak when each app process holds {@code perProcess}. */
    public int peak(int perProcess) {
        return peakAppTasks * processesPerTask * perProcess + otherConnections;
    }

    /** The largest per-process pool the peak fits; 0 when not even one connection each does. */
    public int poolThatFits() {
        return Math.max(0, (usable() - otherConnections) / (peakAppTasks * processesPerTask));
    }

    /**
     * The arithmetic, for a message: "20 app tasks x 2 processes x 3 connections + 21 (worker, scheduler, migrations)
     * = 141 at the peak, and db.t4g.medium allows 360 (80% of its max_connections, 450)".
     */
    public String arithmetic(int perProcess) {
        return peakAppTasks + " app " + (peakAppTasks == 1 ? "container" : "tasks") + " x " + processesPerTask + " process"
                + (processesPerTask == 1 ? "" : "es") + " x " + perProcess + " connection" + (perProcess == 1 ? "" : "s")
                + (otherConnections > 0 ? " + " + otherConnections + " (worker, scheduler, migrations)" : "") + " = " + peak(perProcess)
                + " at the peak, and " + database + " allows " + usable() + " (" + USABLE_PERCENT + "% of its max_connections, "
                + maxConnections + ")";
    }

    /**
     * One budget per database the spec's environments run against; a database class whose max_connections is not
     * known here has none.
     *
     * @param value a key's effective value, null when it has none
     */
    public static List<ConnectionBudget> of(Function<String, Object> value, FrameworkRuntime runtime, Pattern pattern) {
        int processes = runtime.hasWorkerProcesses() ? Math.max(1, integer(value, "application.workers")) : 1;
        boolean worker = Boolean.TRUE.equals(value.apply("application.worker.enabled"));
        int workerConnections = worker ? integer(value, "application.worker.concurrency") : 0;
        int scheduler = worker && Boolean.TRUE.equals(value.apply("application.worker.scheduler")) ? 1 : 0;
        int migration = "none".equals(value.apply("database.migration_tool")) ? 0 : 1;
        List<ConnectionBudget> budgets = new ArrayList<>();
        if (pattern == Pattern.HOBBY_PROJECT) {
            budgets.add(new ConnectionBudget("the server", "PostgreSQL on the server", POSTGRES_DEFAULT_MAX_CONNECTIONS, 1, processes,
                    workerConnections + scheduler + migration));
        } else if (pattern.runsOnEcs()) {
            int others = DEPLOYMENT_FACTOR * (workerConnections + scheduler) + migration;
            boolean autoscale = Boolean.TRUE.equals(value.apply("application.autoscale.enabled"));
            int tasks = Math.max(1, integer(value, autoscale ? "application.autoscale.max" : "application.instances"));
            String size = (String) value.apply("database.size");
            OptionalInt max = size == null ? OptionalInt.empty() : RdsInstanceClasses.defaultMaxConnections(size);
            max.ifPresent(connections -> budgets.add(new ConnectionBudget("production", size, connections,
                    DEPLOYMENT_FACTOR * tasks, processes, others)));
            Object environments = value.apply("cicd.environments");
            if (environments instanceof List<?> list && list.size() > 1) {
                String early = Defaults.EARLY_DATABASE_CLASS;
                budgets.add(new ConnectionBudget("the environments before production", early,
                        RdsInstanceClasses.defaultMaxConnections(early).orElseThrow(), DEPLOYMENT_FACTOR * Defaults.EARLY_MAX_TASKS,
                        processes, others));
            }
        }
        return budgets;
    }

    private static int integer(Function<String, Object> value, String path) {
        Object number = value.apply(path);
        return number instanceof Number n ? n.intValue() : 0;
    }
}
