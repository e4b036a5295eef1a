package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.generate.observability.Dashboard.Panel;
import dev.specql.deploy.engine.generate.observability.Dashboard.Query;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.model.framework.AppMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboards of monitoring.dashboards, written against the same metrics as the alert rules: the app's (requests,
 * errors and latency from its framework's library, then the framework's own graphs), PostgreSQL's (postgres_exporter)
 * and the containers' and host's (cAdvisor, node_exporter). Every query reads a metric the Compose stack scrapes.
 */
final class Dashboards {

    private static final String APP_DATABASES = InfraAlerts.APP_DATABASES;
    private static final String DISKS = InfraAlerts.DISKS;
    private static final String CONTAINERS = "name!=\"\"";

    private Dashboards() {
    }

    /** @param logs whether Loki holds the app's lines, shown at the bottom */
    static Dashboard app(String service, String framework, String label, AppMetrics metrics, boolean logs) {
        String requests = AppMetrics.sumRate(metrics.requests());
        // No 5xx yet means no series of that status at all: "or vector(0)" shows 0 where the panel would say No data.
        String errors = "(" + AppMetrics.sumRate(metrics.serverErrors()) + " or vector(0))";
        List<Panel> panels = new ArrayList<>(List.of(
                Panel.stat("Instances up", "App targets Prometheus scrapes successfully.", "short", Optional.empty(),
                        "sum(up{job=\"" + Jobs.APP + "\"})"),
                Panel.stat("Requests", "Requests a second, every status.", "reqps", Optional.empty(), requests),
                Panel.stat("Server errors", "The share of requests answered with a 5xx status (AppHigh5xxRatio pages above 5%).",
                        "percentunit", Optional.of("0.05"), errors + " / " + requests)));
        metrics.latencyBuckets().ifPresent(buckets -> panels.add(Panel.stat("Latency p95",
                "95% of requests are answered within this time (AppHighLatencyP95 warns above 500 ms).", "s", Optional.of("0.5"),
                quantile("0.95", buckets))));
        panels.add(Panel.graph("Requests and server errors", "Requests a second, and those answered with a 5xx status.", "reqps",
                new Query("all", requests), new Query("5xx", errors)));
        metrics.latencyBuckets().ifPresent(buckets -> panels.add(Panel.graph("Latency", "Request duration percentiles.", "s",
                new Query("p50", quantile("0.5", buckets)), new Query("p95", quantile("0.95", buckets)),
                new Query("p99", quantile("0.99", buckets)))));
        for (AppMetrics.Graph graph : metrics.graphs()) {
            panels.add(new Panel(Dashboard.Type.TIMESERIES, graph.title(), graph.description(), graph.unit(), Optional.empty(),
                    graph.lines().stream().map(line -> new Query(line.legend(), line.query())).toList()));
        }
        if (logs) {
            panels.add(Panel.logs("Logs", "The app's latest lines (Loki, collected by Alloy).",
                    Grafana.APP_LOGS));
        }
        return new Dashboard(service + "-app", MonitoringTask.APP_DASHBOARD, service + ": app", "Requests, errors and latency of the " + framework
                + " app, from " + metrics.library() + ".", List.of(service, label), panels);
    }

    static Dashboard postgres(String service) {
        String commits = AppMetrics.sumRate("pg_stat_database_xact_commit{" + APP_DATABASES + "}");
        String rollbacks = AppMetrics.sumRate("pg_stat_database_xact_rollback{" + APP_DATABASES + "}");
        String hits = AppMetrics.sumRate("pg_stat_database_blks_hit{" + APP_DATABASES + "}");
        String reads = AppMetrics.sumRate("pg_stat_database_blks_read{" + APP_DATABASES + "}");
        return new Dashboard(service + "-postgres", MonitoringTask.POSTGRES_DASHBOARD, service + ": PostgreSQL",
                "The app's PostgreSQL, from postgres_exporter.", List.of(service, "postgres"), List.of(
                Panel.stat("Up", "1 when postgres_exporter reaches the database (PostgresqlDown pages at 0).", "short", Optional.empty(),
                        "min(pg_up)"),
                Panel.stat("Connections used", "Connections open, of max_connections (PostgresqlTooManyConnections warns above 80%).",
                        "percentunit", Optional.of("0.8"), "sum(pg_stat_activity_count) / max(pg_settings_max_connections)"),
                Panel.stat("Database size", "The app's databases on disk.", "bytes", Optional.empty(),
                        "sum(pg_database_size_bytes{" + APP_DATABASES + "})"),
                Panel.stat("Uptime", "Time since the server started (PostgresqlRestarted warns in its first minute).", "s", Optional.empty(),
                        "time() - max(pg_postmaster_start_time_seconds)"),
                Panel.graph("Connections by state", "Server processes by state (active, idle, idle in transaction).", "short",
                        new Query("{{state}}", "sum by (state) (pg_stat_activity_count)")),
                Panel.graph("Transactions", "Commits and rollbacks a second.", "ops",
                        new Query("commits", commits), new Query("rollbacks", rollbacks)),
                Panel.graph("Cache hit ratio", "Blocks found in shared buffers rather than read from disk.", "percentunit",
                        new Query("hit ratio", hits + " / (" + hits + " + " + reads + ")")),
                Panel.graph("Rows", "Rows returned, inserted, updated and deleted a second.", "short",
                        new Query("returned", AppMetrics.sumRate("pg_stat_database_tup_returned{" + APP_DATABASES + "}")),
                        new Query("inserted", AppMetrics.sumRate("pg_stat_database_tup_inserted{" + APP_DATABASES + "}")),
                        new Query("updated", AppMetrics.sumRate("pg_stat_database_tup_updated{" + APP_DATABASES + "}")),
                        new Query("deleted", AppMetrics.sumRate("pg_stat_database_tup_deleted{" + APP_DATABASES + "}"))),
                Panel.graph("Deadlocks", "Deadlocks detected, by database (PostgresqlDeadLocks warns above 5 in 5 minutes).", "short",
                        new Query("{{datname}}", "sum by (datname) (increase(pg_stat_database_deadlocks{" + APP_DATABASES
                                + "}[$__rate_interval]))")),
                Panel.graph("Dead rows", "The ten tables with the most dead rows waiting for vacuum.", "short",
                        new Query("{{relname}}", "topk(10, sum by (relname) (pg_stat_user_tables_n_dead_tup))"))));
    }

    static Dashboard containers(String service) {
        return new Dashboard(service + "-containers", MonitoringTask.CONTAINERS_DASHBOARD, service + ": containers and host",
                "Each container's resources (cAdvisor) and the host's (node_exporter).", List.of(service, "containers"), List.of(
                Panel.stat("Host memory available", "HostOutOfMemory warns under 10%.", "percentunit", Optional.empty(),
                        "min(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)"),
                Panel.stat("Disk space available", "The fullest writable filesystem (HostOutOfDiskSpace warns under 10%).",
                        "percentunit", Optional.empty(), "min(node_filesystem_avail_bytes{" + DISKS + "} / node_filesystem_size_bytes{"
                                + DISKS + "})"),
                Panel.stat("Host CPU busy", "The share of CPU time not idle, over every core.", "percentunit", Optional.of("0.9"),
                        "1 - avg(" + AppMetrics.rate("node_cpu_seconds_total{mode=\"idle\"}") + ")"),
                Panel.stat("Load per core", "The one-minute load average divided by the cores.", "short", Optional.of("2"),
                        "max(node_load1) / count(count by (cpu) (node_cpu_seconds_total{mode=\"idle\"}))"),
                Panel.graph("Container CPU", "CPU cores each container uses.", "short",
                        new Query("{{name}}", "sum by (name) (" + AppMetrics.rate("container_cpu_usage_seconds_total{" + CONTAINERS + "}") + ")")),
                Panel.graph("Container memory", "Each container's working set (what the out-of-memory killer counts).", "bytes",
                        new Query("{{name}}", "sum by (name) (container_memory_working_set_bytes{" + CONTAINERS + "})")),
                Panel.graph("Memory of the limit", "Working set over the memory limit (ContainerHighMemoryUsage warns above 80%).",
                        "percentunit", new Query("{{name}}", "sum by (name) (container_memory_working_set_bytes{" + CONTAINERS
                                + "}) / sum by (name) (container_spec_memory_limit_bytes{" + CONTAINERS + "} > 0)")),
                Panel.graph("CPU throttling", "Share of scheduling periods in which the container hit its CPU limit.", "percentunit",
                        new Query("{{name}}", "sum by (name) (" + AppMetrics.rate("container_cpu_cfs_throttled_periods_total{" + CONTAINERS
                                + "}") + ") / sum by (name) (" + AppMetrics.rate("container_cpu_cfs_periods_total{" + CONTAINERS + "}") + ")")),
                Panel.graph("Container network", "Bytes received and sent a second.", "Bps",
                        new Query("{{name}} received", "sum by (name) (" + AppMetrics.rate("container_network_receive_bytes_total{"
                                + CONTAINERS + "}") + ")"),
                        new Query("{{name}} sent", "sum by (name) (" + AppMetrics.rate("container_network_transmit_bytes_total{"
                                + CONTAINERS + "}") + ")")),
                Panel.graph("Disk space available", "Space left on each writable filesystem of the host.", "bytes",
                        new Query("{{mountpoint}}", "min by (mountpoint) (node_filesystem_avail_bytes{" + DISKS + "})"))));
    }

    private static String quantile(String q, String buckets) {
        return "histogram_quantile(" + q + ", sum by (le) (" + AppMetrics.rate(buckets) + "))";
    }
}
