package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.generate.observability.Alert.RuleTest;
import dev.specql.deploy.engine.generate.observability.Alert.Series;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts on what runs under the app, from the exporters' own metric names (postgres_exporter, cAdvisor,
 * node_exporter, blackbox_exporter; docs/observability.md): each fires on a failure a person must act on, none on an
 * idle small app, and each comes with a test that it fires and one that it stays silent.
 */
final class InfraAlerts {

    static final String CONTAINERS_FILE = "containers.yml";
    static final String HOST_FILE = "host.yml";

    /** The databases a cluster always has, whose statistics say nothing about the app. */
    static final String APP_DATABASES = "datname!~\"template.*|postgres\"";
    /** Filesystems that can fill: not the kernel's, not the image layers, not the read-only ones. */
    static final String DISKS = "fstype!~\"tmpfs|overlay|squashfs|nsfs|ramfs\",mountpoint!~\"/boot.*\"";

    private static final Map<String, String> PG = Map.of("job", Jobs.POSTGRES, "instance", "postgres-exporter:9187");
    private static final String PG_LABELS = "job=\"postgres\",instance=\"postgres-exporter:9187\"";
    private static final String DB_LABELS = PG_LABELS + ",datname=\"app\"";
    private static final String NODE_LABELS = "job=\"node\",instance=\"node-exporter:9100\"";
    private static final String DISK_LABELS = NODE_LABELS + ",device=\"/dev/root\",fstype=\"ext4\",mountpoint=\"/\"";
    private static final String CONTAINER_LABELS = "job=\"cadvisor\",instance=\"cadvisor:8080\",name=\"app-1\"";
    /** The job of CloudNativePG's instances: the operator names it after the PodMonitor, NAMESPACE/NAME. */
    private static final String CNPG_JOB = "shop/shop-db";
    private static final String CNPG_LABELS = "job=\"shop/shop-db\",namespace=\"shop\",pod=\"shop-db-1\",instance=\"10.0.0.7:9187\"";
    private static final String PROBE_LABELS = "job=\"blackbox\",instance=\"https://app.example.com/health\"";

    private InfraAlerts() {
    }

    static RuleGroup postgres() {
        return RuleGroup.alerts("postgres.yml", "postgres", List.of(
                new Alert("PostgresqlDown", "pg_up == 0", "1m", "critical",
                        "PostgreSQL is down ({{ $labels.instance }})",
                        "postgres_exporter cannot reach the database: the app cannot serve requests that need it.",
                        List.of(RuleTest.fires("the exporter reports the database unreachable", "4m", PG, new Series("pg_up{" + PG_LABELS + "}", "1 1 0 0 0")),
                                RuleTest.silent("the database answers", "4m", new Series("pg_up{" + PG_LABELS + "}", "1x4")))),
                new Alert("PostgresqlExporterError", "pg_exporter_last_scrape_error > 0", "5m", "warning",
                        "postgres_exporter fails to read some statistics ({{ $labels.instance }})",
                        "A query of the exporter fails (often a missing grant): the PostgreSQL alerts may be blind; read the exporter's log.",
                        List.of(RuleTest.fires("every scrape errs", "10m", PG, new Series("pg_exporter_last_scrape_error{" + PG_LABELS + "}", "1x10")),
                                RuleTest.silent("scrapes succeed", "10m", new Series("pg_exporter_last_scrape_error{" + PG_LABELS + "}", "0x10")))),
                new Alert("PostgresqlTooManyConnections",
                        "sum by (instance, job) (pg_stat_activity_count) > 0.8 * max by (instance, job) (pg_settings_max_connections)", "2m",
                        "warning", "PostgreSQL uses over 80% of its connections ({{ $labels.instance }})",
                        "New connections will soon be refused: look for a leaking pool or too many app processes for max_connections.",
                        List.of(RuleTest.fires("90 of 100 connections in use", "5m", PG,
                                        new Series("pg_stat_activity_count{" + DB_LABELS + ",state=\"active\"}", "90x5"),
                                        new Series("pg_settings_max_connections{" + PG_LABELS + "}", "100x5")),
                                RuleTest.silent("20 of 100 connections in use", "5m",
                                        new Series("pg_stat_activity_count{" + DB_LABELS + ",state=\"active\"}", "20x5"),
                                        new Series("pg_settings_max_connections{" + PG_LABELS + "}", "100x5")))),
                deadlocks("pg_stat_database_", with(PG, "datname", "app"), DB_LABELS),
                rollbacks("pg_stat_database_", with(PG, "datname", "app"), DB_LABELS),
                new Alert("PostgresqlRestarted", "time() - pg_postmaster_start_time_seconds < 60", "", "warning",
                        "PostgreSQL restarted ({{ $labels.instance }})",
                        "The server started less than a minute ago: connections were dropped; look for a crash or an out-of-memory kill.",
                        List.of(RuleTest.fires("started 30 seconds before", "5m", PG,
                                        new Series("pg_postmaster_start_time_seconds{" + PG_LABELS + "}", "270x5")),
                                RuleTest.silent("running for five minutes", "5m",
                                        new Series("pg_postmaster_start_time_seconds{" + PG_LABELS + "}", "0x5")))),
                new Alert("PostgresqlTooManyDeadTuples",
                        "pg_stat_user_tables_n_dead_tup / (pg_stat_user_tables_n_live_tup + pg_stat_user_tables_n_dead_tup) >= 0.1 "
                                + "and pg_stat_user_tables_n_dead_tup > 10000", "2m", "warning",
                        "Table {{ $labels.relname }} is over 10% dead rows",
                        "Autovacuum is not keeping up with {{ $labels.schemaname }}.{{ $labels.relname }}: queries slow down as the table bloats.",
                        List.of(RuleTest.fires("20000 dead rows beside 80000 live ones", "5m",
                                        with(with(with(PG, "datname", "app"), "schemaname", "public"), "relname", "orders"),
                                        new Series("pg_stat_user_tables_n_dead_tup{" + DB_LABELS + ",schemaname=\"public\",relname=\"orders\"}", "20000x5"),
                                        new Series("pg_stat_user_tables_n_live_tup{" + DB_LABELS + ",schemaname=\"public\",relname=\"orders\"}", "80000x5")),
                                RuleTest.silent("a small table half dead", "5m",
                                        new Series("pg_stat_user_tables_n_dead_tup{" + DB_LABELS + ",schemaname=\"public\",relname=\"orders\"}", "500x5"),
                                        new Series("pg_stat_user_tables_n_live_tup{" + DB_LABELS + ",schemaname=\"public\",relname=\"orders\"}", "500x5"))))));
    }

    /** The rules file of PostgreSQL run by CloudNativePG, whose instances export cnpg_* metrics, not postgres_exporter's. */
    static final String CLOUDNATIVE_PG_FILE = "cloudnative-pg.yml";

    /**
     * PostgreSQL's alerts on a cluster, from the metrics of CloudNativePG's instance manager (its collector and its
     * default monitoring queries, both read in the operator's source of the pinned release): the same failures as
     * {@link #postgres()} where the operator exports them (it has no per-table statistics, so no dead-tuple alert),
     * and the standbys' replication and WAL archiving, which only the cluster has.
     */
    static RuleGroup cloudnativePg() {
        Map<String, String> pod = Map.of("job", CNPG_JOB, "namespace", "shop", "pod", "shop-db-1", "instance", "10.0.0.7:9187");
        Map<String, String> standby = with(pod, "pod", "shop-db-2");
        String standbyLabels = CNPG_LABELS.replace("shop-db-1", "shop-db-2");
        String db = CNPG_LABELS + ",datname=\"app\"";
        return RuleGroup.alerts(CLOUDNATIVE_PG_FILE, "cloudnative-pg", List.of(
                new Alert("PostgresqlDown", "cnpg_collector_up == 0", "1m", "critical", "PostgreSQL is down ({{ $labels.pod }})",
                        "The instance manager cannot reach its PostgreSQL: the instance serves no query until it is back or failed over.",
                        List.of(RuleTest.fires("the instance reports PostgreSQL down", "4m", with(pod, "cluster", "shop-db"),
                                        new Series("cnpg_collector_up{" + CNPG_LABELS + ",cluster=\"shop-db\"}", "1 1 0 0 0")),
                                RuleTest.silent("PostgreSQL answers", "4m", new Series("cnpg_collector_up{" + CNPG_LABELS + ",cluster=\"shop-db\"}", "1x4")))),
                new Alert("PostgresqlExporterError", "cnpg_collector_last_collection_error > 0", "5m", "warning",
                        "CloudNativePG fails to read some statistics ({{ $labels.pod }})",
                        "A monitoring query of the instance manager fails: the PostgreSQL alerts may be blind; read the instance's log.",
                        List.of(RuleTest.fires("every collection errs", "10m", pod, new Series("cnpg_collector_last_collection_error{" + CNPG_LABELS + "}", "1x10")),
                                RuleTest.silent("collections succeed", "10m", new Series("cnpg_collector_last_collection_error{" + CNPG_LABELS + "}", "0x10")))),
                new Alert("PostgresqlTooManyConnections",
                        "sum by (namespace, pod) (cnpg_backends_total) > 0.8 * max by (namespace, pod) (cnpg_pg_settings_setting{name=\"max_connections\"})",
                        "2m", "warning", "PostgreSQL uses over 80% of its connections ({{ $labels.pod }})",
                        "New connections will soon be refused: look for a leaking pool or too many app processes for max_connections.",
                        List.of(RuleTest.fires("90 of 100 connections in use", "5m", Map.of("namespace", "shop", "pod", "shop-db-1"),
                                        new Series("cnpg_backends_total{" + db + ",usename=\"app\",application_name=\"\",state=\"active\"}", "90x5"),
                                        new Series("cnpg_pg_settings_setting{" + CNPG_LABELS + ",name=\"max_connections\"}", "100x5")),
                                RuleTest.silent("20 of 100 connections in use", "5m",
                                        new Series("cnpg_backends_total{" + db + ",usename=\"app\",application_name=\"\",state=\"active\"}", "20x5"),
                                        new Series("cnpg_pg_settings_setting{" + CNPG_LABELS + ",name=\"max_connections\"}", "100x5")))),
                deadlocks("cnpg_pg_stat_database_", with(pod, "datname", "app"), db),
                rollbacks("cnpg_pg_stat_database_", with(pod, "datname", "app"), db),
                new Alert("PostgresqlRestarted", "time() - cnpg_pg_postmaster_start_time < 60", "", "warning",
                        "PostgreSQL restarted ({{ $labels.pod }})",
                        "The server started less than a minute ago: connections were dropped; look for a failover, an eviction or an out-of-memory kill.",
                        List.of(RuleTest.fires("started 30 seconds before", "5m", pod, new Series("cnpg_pg_postmaster_start_time{" + CNPG_LABELS + "}", "270x5")),
                                RuleTest.silent("running for five minutes", "5m", new Series("cnpg_pg_postmaster_start_time{" + CNPG_LABELS + "}", "0x5")))),
                new Alert("PostgresqlReplicationLag", "cnpg_pg_replication_lag > 300", "5m", "warning",
                        "Standby {{ $labels.pod }} is over 5 minutes behind the primary",
                        "A failover now would lose the transactions it has not replayed: look at the standby's disk and network.",
                        List.of(RuleTest.fires("10 minutes behind", "10m", standby, new Series("cnpg_pg_replication_lag{" + standbyLabels + "}", "600x10")),
                                RuleTest.silent("caught up", "10m", new Series("cnpg_pg_replication_lag{" + standbyLabels + "}", "0x10")))),
                new Alert("PostgresqlReplicaNotStreaming", "cnpg_pg_replication_in_recovery == 1 and cnpg_pg_replication_is_wal_receiver_up == 0", "5m",
                        "warning", "Standby {{ $labels.pod }} receives no WAL from the primary",
                        "The standby falls further behind with every write; it cannot take over without losing data.",
                        List.of(RuleTest.fires("a standby without its WAL receiver", "10m", standby,
                                        new Series("cnpg_pg_replication_in_recovery{" + standbyLabels + "}", "1x10"),
                                        new Series("cnpg_pg_replication_is_wal_receiver_up{" + standbyLabels + "}", "0x10")),
                                RuleTest.silent("the primary, which receives nothing", "10m",
                                        new Series("cnpg_pg_replication_in_recovery{" + CNPG_LABELS + "}", "0x10"),
                                        new Series("cnpg_pg_replication_is_wal_receiver_up{" + CNPG_LABELS + "}", "0x10")))),
                new Alert("PostgresqlWalArchivingFailing", "cnpg_pg_stat_archiver_last_failed_time > cnpg_pg_stat_archiver_last_archived_time", "5m",
                        "warning", "WAL archiving fails on {{ $labels.pod }}",
                        "The last attempt to archive WAL to object storage failed: point-in-time recovery stops at the last archived file and WAL piles up on the volume.",
                        List.of(RuleTest.fires("failing since the last success", "10m", pod,
                                        new Series("cnpg_pg_stat_archiver_last_failed_time{" + CNPG_LABELS + "}", "2000x10"),
                                        new Series("cnpg_pg_stat_archiver_last_archived_time{" + CNPG_LABELS + "}", "1000x10")),
                                RuleTest.silent("never configured", "10m",
                                        new Series("cnpg_pg_stat_archiver_last_failed_time{" + CNPG_LABELS + "}", "-1x10"),
                                        new Series("cnpg_pg_stat_archiver_last_archived_time{" + CNPG_LABELS + "}", "-1x10"))))));
    }

    static RuleGroup containers() {
        Map<String, String> container = Map.of("job", Jobs.CONTAINERS, "instance", "cadvisor:8080", "name", "app-1");
        return RuleGroup.alerts(CONTAINERS_FILE, "containers", List.of(
                new Alert("ContainerHighMemoryUsage",
                        "container_memory_working_set_bytes{name!=\"\"} / container_spec_memory_limit_bytes{name!=\"\"} > 0.8 "
                                + "and container_spec_memory_limit_bytes{name!=\"\"} > 0", "2m", "warning",
                        "Container {{ $labels.name }} uses over 80% of its memory limit",
                        "It will be killed for running out of memory when it reaches its limit: raise the limit or find the growth.",
                        List.of(RuleTest.fires("900 MB of a 1000 MB limit", "5m", container,
                                        new Series("container_memory_working_set_bytes{" + CONTAINER_LABELS + "}", "900000000x5"),
                                        new Series("container_spec_memory_limit_bytes{" + CONTAINER_LABELS + "}", "1000000000x5")),
                                RuleTest.silent("no memory limit", "5m",
                                        new Series("container_memory_working_set_bytes{" + CONTAINER_LABELS + "}", "900000000x5"),
                                        new Series("container_spec_memory_limit_bytes{" + CONTAINER_LABELS + "}", "0x5")))),
                new Alert("ContainerHighThrottleRate",
                        "rate(container_cpu_cfs_throttled_periods_total{name!=\"\"}[5m]) / rate(container_cpu_cfs_periods_total{name!=\"\"}[5m]) > 0.25",
                        "5m", "warning", "Container {{ $labels.name }} is CPU-throttled",
                        "Over a quarter of its CPU periods hit the limit: requests queue; raise its CPU limit or add replicas.",
                        List.of(RuleTest.fires("half its periods throttled", "12m", container,
                                        new Series("container_cpu_cfs_periods_total{" + CONTAINER_LABELS + "}", "0+100x15"),
                                        new Series("container_cpu_cfs_throttled_periods_total{" + CONTAINER_LABELS + "}", "0+50x15")),
                                RuleTest.silent("an idle container", "12m",
                                        new Series("container_cpu_cfs_periods_total{" + CONTAINER_LABELS + "}", "40x15"),
                                        new Series("container_cpu_cfs_throttled_periods_total{" + CONTAINER_LABELS + "}", "0x15"))))));
    }

    static RuleGroup host() {
        Map<String, String> node = Map.of("job", Jobs.NODE, "instance", "node-exporter:9100");
        Map<String, String> disk = with(with(with(node, "device", "/dev/root"), "fstype", "ext4"), "mountpoint", "/");
        return RuleGroup.alerts(HOST_FILE, "host", List.of(
                new Alert("HostOutOfDiskSpace",
                        "node_filesystem_avail_bytes{" + DISKS + "} / node_filesystem_size_bytes{" + DISKS + "} < 0.1 and node_filesystem_readonly{"
                                + DISKS + "} == 0", "2m", "warning", "Under 10% disk space left on {{ $labels.mountpoint }}",
                        "PostgreSQL stops accepting writes when its disk is full: free space or grow the volume.",
                        List.of(RuleTest.fires("5% free", "5m", disk,
                                        new Series("node_filesystem_avail_bytes{" + DISK_LABELS + "}", "5x5"),
                                        new Series("node_filesystem_size_bytes{" + DISK_LABELS + "}", "100x5"),
                                        new Series("node_filesystem_readonly{" + DISK_LABELS + "}", "0x5")),
                                RuleTest.silent("50% free", "5m",
                                        new Series("node_filesystem_avail_bytes{" + DISK_LABELS + "}", "50x5"),
                                        new Series("node_filesystem_size_bytes{" + DISK_LABELS + "}", "100x5"),
                                        new Series("node_filesystem_readonly{" + DISK_LABELS + "}", "0x5")))),
                new Alert("HostDiskWillFillIn24Hours",
                        "predict_linear(node_filesystem_avail_bytes{" + DISKS + "}[1h], 86400) < 0 and node_filesystem_avail_bytes{" + DISKS
                                + "} / node_filesystem_size_bytes{" + DISKS + "} < 0.4 and node_filesystem_readonly{" + DISKS + "} == 0", "2m", "warning",
                        "Disk {{ $labels.mountpoint }} will fill within 24 hours",
                        "At the last hour's rate of growth the filesystem runs out of space within a day.",
                        List.of(RuleTest.fires("losing 10 MB a minute with 700 MB left", "20m", disk,
                                        new Series("node_filesystem_avail_bytes{" + DISK_LABELS + "}", "900000000-10000000x25"),
                                        new Series("node_filesystem_size_bytes{" + DISK_LABELS + "}", "2000000000x25"),
                                        new Series("node_filesystem_readonly{" + DISK_LABELS + "}", "0x25")),
                                RuleTest.silent("steady at 700 MB left", "20m",
                                        new Series("node_filesystem_avail_bytes{" + DISK_LABELS + "}", "700000000x25"),
                                        new Series("node_filesystem_size_bytes{" + DISK_LABELS + "}", "2000000000x25"),
                                        new Series("node_filesystem_readonly{" + DISK_LABELS + "}", "0x25")))),
                new Alert("HostOutOfMemory", "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.1", "2m", "warning",
                        "Under 10% memory available on {{ $labels.instance }}",
                        "The kernel will soon kill processes: PostgreSQL or the app may be the one it picks.",
                        List.of(RuleTest.fires("5% available", "5m", node,
                                        new Series("node_memory_MemAvailable_bytes{" + NODE_LABELS + "}", "50x5"),
                                        new Series("node_memory_MemTotal_bytes{" + NODE_LABELS + "}", "1000x5")),
                                RuleTest.silent("40% available", "5m",
                                        new Series("node_memory_MemAvailable_bytes{" + NODE_LABELS + "}", "400x5"),
                                        new Series("node_memory_MemTotal_bytes{" + NODE_LABELS + "}", "1000x5"))))));
    }

    static RuleGroup probes() {
        Map<String, String> probe = Map.of("job", Jobs.PROBE, "instance", "https://app.example.com/health");
        return RuleGroup.alerts("probes.yml", "probes", List.of(
                new Alert("BlackboxProbeFailed", "probe_success == 0", "1m", "critical", "{{ $labels.instance }} does not answer",
                        "The public URL fails from outside the app: DNS, TLS, Caddy or the app itself.",
                        List.of(RuleTest.fires("the probe fails", "4m", probe, new Series("probe_success{" + PROBE_LABELS + "}", "1 1 0 0 0")),
                                RuleTest.silent("the probe succeeds", "4m", new Series("probe_success{" + PROBE_LABELS + "}", "1x4")))),
                new Alert("BlackboxSslCertExpiringSoon", "probe_ssl_earliest_cert_expiry - time() < 86400 * 20", "", "warning",
                        "The certificate of {{ $labels.instance }} expires within 20 days",
                        "Caddy renews certificates 30 days before they expire: renewal has been failing for 10 days; read Caddy's log.",
                        List.of(RuleTest.fires("10 days left", "5m", probe,
                                        new Series("probe_ssl_earliest_cert_expiry{" + PROBE_LABELS + "}", "864300x5")),
                                RuleTest.silent("60 days left", "5m",
                                        new Series("probe_ssl_earliest_cert_expiry{" + PROBE_LABELS + "}", "5184300x5"))))));
    }

    /**
     * Deadlocks in the app's databases, from pg_stat_database's counter as an exporter names it.
     *
     * @param prefix   the exporter's name for pg_stat_database's columns ("pg_stat_database_" for postgres_exporter)
     * @param firing   the labels the test's series give the alert
     * @param database the test series' labels, the app's database among them
     */
    private static Alert deadlocks(String prefix, Map<String, String> firing, String database) {
        return new Alert("PostgresqlDeadLocks", "increase(" + prefix + "deadlocks{" + APP_DATABASES + "}[5m]) > 5", "", "warning",
                "Deadlocks in database {{ $labels.datname }}",
                "More than 5 deadlocks in 5 minutes: transactions take locks in different orders.",
                List.of(RuleTest.fires("10 deadlocks a minute", "3m", firing, new Series(prefix + "deadlocks{" + database + "}", "0+10x5")),
                        RuleTest.silent("no new deadlock", "3m", new Series(prefix + "deadlocks{" + database + "}", "2x5"))));
    }

    /** Rolled-back transactions over 2% of a busy database's, from pg_stat_database as an exporter names it (see deadlocks). */
    private static Alert rollbacks(String prefix, Map<String, String> firing, String database) {
        String commits = prefix + "xact_commit";
        String rollbacks = prefix + "xact_rollback";
        return new Alert("PostgresqlHighRollbackRate",
                "rate(" + rollbacks + "{" + APP_DATABASES + "}[5m]) / (rate(" + commits + "{" + APP_DATABASES + "}[5m]) + rate(" + rollbacks
                        + "{" + APP_DATABASES + "}[5m])) > 0.02 and rate(" + commits + "{" + APP_DATABASES + "}[5m]) > 0.1", "5m", "warning",
                "Over 2% of transactions roll back in database {{ $labels.datname }}",
                "Rolled-back transactions usually mean failing requests: check the app's errors.",
                List.of(RuleTest.fires("10 rollbacks for 100 commits a minute", "12m", firing,
                                new Series(commits + "{" + database + "}", "0+100x15"), new Series(rollbacks + "{" + database + "}", "0+10x15")),
                        RuleTest.silent("1 rollback for 100 commits a minute", "12m",
                                new Series(commits + "{" + database + "}", "0+100x15"), new Series(rollbacks + "{" + database + "}", "0+1x15")),
                        RuleTest.silent("an idle database", "12m",
                                new Series(commits + "{" + database + "}", "50x15"), new Series(rollbacks + "{" + database + "}", "3x15"))));
    }

    static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> copy = new TreeMap<>(labels);
        copy.put(name, value);
        return Map.copyOf(copy);
    }
}
