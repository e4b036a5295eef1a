package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.generate.observability.Dashboard.Dimension;
import dev.specql.deploy.engine.generate.observability.Dashboard.Metric;
import dev.specql.deploy.engine.generate.observability.Dashboard.Panel;
import dev.specql.deploy.engine.generate.observability.Dashboard.Query;
import dev.specql.deploy.engine.generate.observability.Dashboard.Variable;
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
    private static final String ELB = "AWS/ApplicationELB";
    private static final String RDS = "AWS/RDS";
    /** The aws dashboard's variables: the dimension values with a part AWS picks. */
    private static final String LOAD_BALANCER = "load_balancer";
    private static final String TARGET_GROUP = "target_group";

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

    /**
     * One environment's AWS resources from CloudWatch (Grafana's CloudWatch datasource, the monitoring task's role): the
     * load balancer as users meet it, the ECS services' CPU and memory, and RDS. These back the CloudWatch alarms of the
     * opentofu phase, and show what Prometheus cannot see on Fargate.
     */
    static Dashboard aws(String service, String environment, MonitoringTask.AwsResources resources, String file) {
        List<Dimension> balancer = List.of(new Dimension("LoadBalancer", "$" + LOAD_BALANCER));
        List<Dimension> targets = List.of(new Dimension("LoadBalancer", "$" + LOAD_BALANCER), new Dimension("TargetGroup", "$" + TARGET_GROUP));
        List<Dimension> database = List.of(new Dimension("DBInstanceIdentifier", resources.database()));
        List<Metric> cpu = new ArrayList<>(List.of(ecs("app", "CPUUtilization", resources.cluster(), resources.service())));
        List<Metric> memory = new ArrayList<>(List.of(ecs("app", "MemoryUtilization", resources.cluster(), resources.service())));
        resources.worker().ifPresent(worker -> {
            cpu.add(ecs("worker", "CPUUtilization", resources.cluster(), worker));
            memory.add(ecs("worker", "MemoryUtilization", resources.cluster(), worker));
        });
        List<Panel> panels = List.of(
                Panel.stat("Healthy targets", "Tasks the load balancer sends requests to (the alb-no-healthy-hosts alarm fires at 0).",
                        "short", Optional.empty(), new Metric("healthy", ELB, "HealthyHostCount", targets, "Minimum")),
                Panel.stat("Requests a minute", "Requests the load balancer received in the last minute.", "short", Optional.empty(),
                        new Metric("requests", ELB, "RequestCount", balancer, "Sum")),
                Panel.stat("Target 5xx a minute", "Requests the app answered with a 5xx status in the last minute.", "short",
                        Optional.empty(), new Metric("5xx", ELB, "HTTPCode_Target_5XX_Count", balancer, "Sum")),
                Panel.stat("Response time p95", "95% of requests are answered within this time, as the load balancer measures it.",
                        "s", Optional.empty(), new Metric("p95", ELB, "TargetResponseTime", balancer, "p95")),
                Panel.graph("Requests and errors", "A minute's requests, the app's 5xx answers and the load balancer's own (no "
                        + "healthy target, timeouts).", "short", new Metric("requests", ELB, "RequestCount", balancer, "Sum"),
                        new Metric("app 5xx", ELB, "HTTPCode_Target_5XX_Count", balancer, "Sum"),
                        new Metric("load balancer 5xx", ELB, "HTTPCode_ELB_5XX_Count", balancer, "Sum")),
                Panel.graph("Response time", "Time from the load balancer's request to the app's first response byte.", "s",
                        new Metric("p50", ELB, "TargetResponseTime", balancer, "p50"),
                        new Metric("p95", ELB, "TargetResponseTime", balancer, "p95"),
                        new Metric("p99", ELB, "TargetResponseTime", balancer, "p99")),
                Panel.graph("ECS CPU", "Average CPU of each service's tasks, as a share of what they reserve.", "percent",
                        cpu.toArray(Metric[]::new)),
                Panel.graph("ECS memory", "Average memory of each service's tasks, as a share of what they reserve.", "percent",
                        memory.toArray(Metric[]::new)),
                Panel.graph("Database CPU", "The RDS instance's CPU.", "percent", new Metric("CPU", RDS, "CPUUtilization", database, "Average")),
                Panel.graph("Database connections", "Connections open to the RDS instance.", "short",
                        new Metric("connections", RDS, "DatabaseConnections", database, "Maximum")),
                Panel.graph("Database free storage and memory", "Storage left before autoscaling or a full disk, and memory free.",
                        "bytes", new Metric("free storage", RDS, "FreeStorageSpace", database, "Minimum"),
                        new Metric("freeable memory", RDS, "FreeableMemory", database, "Minimum")),
                Panel.graph("Database latency", "Average time of a disk read and of a disk write.", "s",
                        new Metric("read", RDS, "ReadLatency", database, "Average"),
                        new Metric("write", RDS, "WriteLatency", database, "Average")));
        List<Variable> variables = List.of(
                new Variable(LOAD_BALANCER, ELB, "RequestCount", "LoadBalancer", List.of(), "/^app\\/" + regexLiteral(resources.loadBalancer())
                        + "\\/[0-9a-f]+$/"),
                new Variable(TARGET_GROUP, ELB, "HealthyHostCount", "TargetGroup", balancer, "/^targetgroup\\/"
                        + regexLiteral(resources.targetGroup()) + "\\/[0-9a-f]+$/"));
        // The environment's prefix is unique and at most 26 characters: the uid stays within Grafana's 40.
        return new Dashboard(resources.cluster() + "-aws", file, service + ": AWS (" + environment + ")",
                "The " + environment + " environment's load balancer, ECS services and RDS instance, from CloudWatch.",
                List.of(service, "aws", environment), panels, variables);
    }

    private static Metric ecs(String label, String metric, String cluster, String service) {
        return new Metric(label, "AWS/ECS", metric, List.of(new Dimension("ClusterName", cluster), new Dimension("ServiceName", service)),
                "Average");
    }

    /** AWS resource names are letters, digits and hyphens: none is special in a regex but the hyphen, harmless outside []. */
    private static String regexLiteral(String name) {
        if (!name.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not an AWS resource name: " + name);
        }
        return name;
    }

    private static String quantile(String q, String buckets) {
        return "histogram_quantile(" + q + ", sum by (le) (" + AppMetrics.rate(buckets) + "))";
    }
}
