package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.generate.opentofu.AwsPrices.Price;
import dev.specql.deploy.engine.generate.opentofu.CostEstimate.LineItem;
import dev.specql.deploy.engine.plan.BlueGreenPlan;
import dev.specql.deploy.engine.plan.DatabasePlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.DisasterRecoveryPlan;
import dev.specql.deploy.engine.plan.EcsHosting;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.engine.plan.ServerHosting;
import dev.specql.deploy.engine.plan.TaskPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices what the generated configuration creates, from {@link AwsPrices}. Fixed-price resources are
 * counted exactly; usage-priced ones (load balancer capacity units, NAT data, log volume, WAF requests)
 * from stated assumptions that grow with the pattern.
 */
final class CostEstimator {

    private final MonitoringAlarms alarms;

    /** @param alarms what the monitoring module, as this run writes it, creates */
    CostEstimator(MonitoringAlarms alarms) {
        this.alarms = alarms;
    }

    private static final int HOURS = AwsPrices.HOURS_PER_MONTH;

    /** The WAF web ACL's rules: four AWS managed rule groups and a rate limit (a test counts the edge module's). */
    static final int WAF_RULES = 5;
    static final double WAF_LOGS_GB = 1;

    /**
     * Application Auto Scaling's target tracking makes a scale-out and a scale-in alarm for each policy: CPU, and requests
     * per task except with blue/green (whose target groups swap).
     */
    static final int TARGET_TRACKING_ALARMS_PER_POLICY = 2;

    /** Deployments a month an environment's blue/green cost line assumes. */
    static final int DEPLOYS_PER_MONTH = 20;

    /** RDSOSMetrics at a 60-second interval: one JSON document of about 2 KB a minute. */
    static final double ENHANCED_MONITORING_GB = 0.1;
    /** The monitoring task's own logs (Prometheus, Alertmanager, Grafana and the exporters log little). */
    static final double MONITORING_LOGS_GB = 0.5;

    /**
     * Container Insights (standard) on Fargate, from the metric list in the CloudWatch user guide: CPU, memory,
     * network, storage and task counts at cluster level, the same and deployment counts per service, and per task family.
     */
    static final int INSIGHTS_CLUSTER_METRICS = 12;
    static final int INSIGHTS_SERVICE_METRICS = 15;
    static final int INSIGHTS_FAMILY_METRICS = 11;

    /** The monthly budget each pattern aims to keep its production environment under, at list price. */
    static final Map<Pattern, Integer> TARGETS = Map.of(
            Pattern.HOBBY_PROJECT, 15, Pattern.SMALL_SAAS, 75, Pattern.PRODUCTION_SAAS, 500);

    /**
     * Why the production environment misses its target, when it does: the fixed costs of the secure
     * defaults, which no sizing in the spec removes.
     */
    static Optional<String> missedTarget(DeploymentSpec spec, CostEstimate production) {
        Integer target = TARGETS.get(spec.pattern());
        if (target == null || production.total().compareTo(BigDecimal.valueOf(target)) <= 0) {
            return Optional.empty();
        }
        boolean nat = production.items().stream().anyMatch(i -> i.item().startsWith("NAT gateway"));
        BigDecimal fixed = production.items().stream()
                .filter(i -> i.item().startsWith("NAT gateway") || i.item().startsWith("Application load balancer")
                        || i.item().startsWith("Load balancer capacity") || i.item().startsWith("Public IPv4"))
                .map(LineItem::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of("The " + spec.pattern().id() + " target of $" + target + " a month is not met ($"
                + production.total().toPlainString() + "): the load balancer with its capacity units" + (nat ? ", the NAT gateway(s)" : "")
                + " and the public IPv4 addresses alone cost $" + fixed.toPlainString() + " before any container or database runs. "
                + "They are the price of TLS at the edge and of tasks no one reaches but through it; the spec cannot size them away. "
                + "Fewer or smaller tasks (application.instances, cpu, memory) lower the rest. The hobby-project pattern (one server, "
                + "about $15) is the low-cost alternative.");
    }

    CostEstimate environment(DeploymentPlan plan, EnvironmentPlan environment) {
        if (environment.hosting() instanceof ServerHosting server) {
            return server(plan, environment, server);
        }
        return ecs(plan, environment, environment.ecs());
    }

    private CostEstimate ecs(DeploymentPlan plan, EnvironmentPlan environment, EcsHosting hosting) {
        boolean large = environment.productionTier() && plan.spec().pattern() == Pattern.PRODUCTION_SAAS;
        double lcu = large ? 5 : 1;
        double natGb = large ? 100 : environment.productionTier() ? 10 : 5;
        double logsGb = large ? 20 : environment.productionTier() ? 5 : 2;
        double flowLogsGb = large ? 10 : environment.productionTier() ? 2 : 1;
        double wafMillions = 20;
        TaskPlan tasks = hosting.tasks();
        DatabasePlan database = hosting.database();
        List<LineItem> items = new ArrayList<>();
        List<String> assumptions = new ArrayList<>(List.of(trim(lcu) + " load balancer capacity unit(s) on average"));
        fargate(items, "", tasks, tasks.desiredCount(), hosting.spotTasks());
        Optional<BlueGreenPlan> blueGreen = BlueGreenPlan.of(plan.spec().bluegreen());
        blueGreen.ifPresent(deploys -> {
            // Each deployment runs the new revision beside the old one: as many tasks again, for the overlap.
            double hours = DEPLOYS_PER_MONTH * deploys.overlapMinutes() / 60.0;
            overlap(items, tasks, tasks.desiredCount(), hours, hosting.spotTasks());
            assumptions.add(DEPLOYS_PER_MONTH + " blue/green deployments a month, each running the new revision beside the old for about "
                    + deploys.overlapMinutes() + " minutes (start, test, shift and bake); the second target group and the listener rules cost "
                    + "nothing of their own");
        });
        int services = 1;
        if (plan.app().worker().isPresent()) {
            services++;
            fargate(items, "worker ", tasks, RootViews.WORKER_TASKS, hosting.spotWorkers());
        }
        boolean monitoring = MonitoringTask.runs(plan);
        if (monitoring) {
            MonitoringTaskView.Size size = MonitoringTaskView.size(plan);
            fargate(items, "monitoring ", MonitoringTaskView.ARCHITECTURE == CpuArchitecture.ARM64, size.cpu(), size.memory(), 1, false);
        }
        if (hosting.spotTasks() || (services > 1 && hosting.spotWorkers())) {
            assumptions.add("Fargate Spot at 30% of the on-demand price (AWS quotes up to 70% off; the price moves with demand)");
        }
        Price rds = AwsPrices.rds(database.instanceClass(), database.multiAz())
                .orElse(new Price(BigDecimal.ZERO, "hour (not in the price table: look it up)", false));
        items.add(LineItem.of("RDS PostgreSQL " + database.instanceClass() + (database.multiAz() ? " Multi-AZ" : " single-AZ"), HOURS, rds));
        items.add(LineItem.of("RDS gp3 storage (" + database.storageGib() + " GiB)", database.storageGib(),
                database.multiAz() ? AwsPrices.RDS_GP3_MULTI : AwsPrices.RDS_GP3_SINGLE));
        items.add(LineItem.of("RDS Enhanced Monitoring (60 s, to CloudWatch Logs)", ENHANCED_MONITORING_GB, AwsPrices.LOGS_INGEST));
        int nats = environment.network().natGateways();
        int zones = environment.network().availabilityZones();
        if (nats > 0) {
            items.add(LineItem.of("NAT gateway (" + nats + ")", nats * HOURS, AwsPrices.NAT_HOUR));
            items.add(LineItem.of("NAT data processed", natGb, AwsPrices.NAT_GB));
            assumptions.add(trim(natGb) + " GB a month through NAT (image pulls, outbound API calls)");
        }
        items.add(LineItem.of("Application load balancer", HOURS, AwsPrices.ALB_HOUR));
        items.add(LineItem.of("Load balancer capacity units (" + trim(lcu) + ")", lcu * HOURS, AwsPrices.ALB_LCU));
        int taskAddresses = hosting.publicTasks()
                ? tasks.desiredCount() + (services > 1 ? RootViews.WORKER_TASKS : 0) + (monitoring ? 1 : 0) : 0;
        int addresses = zones + nats + taskAddresses;
        items.add(LineItem.of("Public IPv4 addresses (" + addresses + ": load balancer per zone"
                + (nats > 0 ? ", NAT" : "") + (taskAddresses > 0 ? ", one per task" : "") + ")", addresses * HOURS, AwsPrices.PUBLIC_IPV4));
        logs(items, logsGb, environment.logRetentionDays());
        assumptions.add(trim(logsGb) + " GB of logs a month, kept " + environment.logRetentionDays() + " days");
        if (monitoring) {
            items.add(LineItem.of("CloudWatch Logs of the monitoring task", MONITORING_LOGS_GB, AwsPrices.LOGS_INGEST));
            items.add(LineItem.of("S3 monitoring configuration (versioned, a few hundred KB)", 1, AwsPrices.S3_STANDARD));
            assumptions.add(trim(MONITORING_LOGS_GB) + " GB of the monitoring containers' own logs a month; its samples are on the task's "
                    + "free ephemeral storage (20 GiB)");
        }
        items.add(LineItem.of("VPC flow logs ingestion", flowLogsGb, AwsPrices.LOGS_INGEST));
        items.add(LineItem.of("VPC flow logs storage", storedGb(flowLogsGb, environment.logRetentionDays()), AwsPrices.LOGS_STORED));
        assumptions.add(trim(flowLogsGb) + " GB of flow logs a month (10-minute aggregation)");
        int moduleAlarms = alarms.count(MonitoringAlarms.ECS_WATCHES);
        // Module observability's alarm on the monitoring task itself.
        int watcher = monitoring ? 1 : 0;
        int trackingAlarms = TARGET_TRACKING_ALARMS_PER_POLICY * (blueGreen.isPresent() ? 1 : 2);
        int deploymentAlarm = blueGreen.filter(BlueGreenPlan::rollbackOnError).isPresent() ? 1 : 0;
        items.add(LineItem.of("CloudWatch alarms (" + moduleAlarms + " from the monitoring module, " + trackingAlarms
                + " from autoscaling's target tracking" + (monitoring ? ", 1 on the monitoring task" : "")
                + (deploymentAlarm > 0 ? ", 1 rolling blue/green deployments back" : "") + ")",
                moduleAlarms + trackingAlarms + watcher + deploymentAlarm, AwsPrices.ALARM));
        items.add(LineItem.of("CloudWatch dashboard (the first three per account are free)", 1, AwsPrices.DASHBOARD));
        if (DisasterRecoveryPlan.protects(plan, environment)) {
            dnsFailover(items, blueGreen.isPresent() ? 2 : 1);
        }
        if (hosting.containerInsights()) {
            int metrics = INSIGHTS_CLUSTER_METRICS + services * (INSIGHTS_SERVICE_METRICS + INSIGHTS_FAMILY_METRICS);
            items.add(LineItem.of("Container Insights metrics (cluster, " + services + " service" + (services > 1 ? "s" : "") + ")",
                    metrics, AwsPrices.CUSTOM_METRIC));
            assumptions.add("Container Insights records about " + INSIGHTS_CLUSTER_METRICS + " metrics per cluster and "
                    + (INSIGHTS_SERVICE_METRICS + INSIGHTS_FAMILY_METRICS) + " per service and its task family");
        }
        int appSecrets = plan.app().secrets().size();
        int monitoringSecrets = MonitoringTask.newSecrets(plan).size();
        items.add(LineItem.of("Secrets Manager secrets (RDS master, app login" + (appSecrets > 0 ? ", " + appSecrets + " of the app" : "")
                + (monitoringSecrets > 0 ? ", " + monitoringSecrets + " of the monitoring" : "") + ")",
                2 + appSecrets + monitoringSecrets, AwsPrices.SECRET));
        items.add(LineItem.of("KMS customer-managed key", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("S3 load balancer access logs", 1, AwsPrices.S3_STANDARD));
        if (plan.app().broker()) {
            int nodes = database.multiAz() ? 2 : 1;
            items.add(LineItem.of("ElastiCache for Valkey cache.t4g.micro (" + nodes + " node" + (nodes > 1 ? "s" : "") + ", job broker)",
                    nodes * HOURS, AwsPrices.VALKEY_T4G_MICRO));
        }
        if (hosting.waf()) {
            waf(items, wafMillions);
            assumptions.add(trim(wafMillions) + " million requests a month through WAF, " + trim(WAF_LOGS_GB) + " GB of WAF logs");
        }
        return new CostEstimate(environment.name() + " environment", items, assumptions);
    }

    private static void waf(List<LineItem> items, double millions) {
        items.add(LineItem.of("WAF web ACL", 1, AwsPrices.WAF_ACL));
        items.add(LineItem.of("WAF rules (4 managed rule groups, 1 rate limit)", WAF_RULES, AwsPrices.WAF_RULE));
        if (millions > 0) {
            items.add(LineItem.of("WAF requests", millions, AwsPrices.WAF_REQUESTS));
        }
        items.add(LineItem.of("WAF logs (CloudWatch Logs)", WAF_LOGS_GB, AwsPrices.LOGS_INGEST));
    }

    /** The edge module's failover health: an alarm and a health check per target group, and the calculated check. */
    private static void dnsFailover(List<LineItem> items, int targetGroups) {
        items.add(LineItem.of("Route 53 health checks (" + (targetGroups + 1) + ": one per target group, one calculated, for DNS failover)",
                targetGroups + 1, AwsPrices.ROUTE53_HEALTH_CHECK));
        items.add(LineItem.of("CloudWatch alarms for DNS failover (" + targetGroups + ": healthy targets per target group)",
                targetGroups, AwsPrices.ALARM));
    }

    /** A service's vCPU and memory lines, on demand or on Spot. */
    private static void fargate(List<LineItem> items, String role, TaskPlan tasks, int count, boolean spot) {
        fargate(items, role, tasks.architecture() == CpuArchitecture.ARM64, tasks.cpu(), tasks.memory(), count, spot);
    }

    /** The new revision's tasks beside the old ones during blue/green deployments: hours a month in all. */
    private static void overlap(List<LineItem> items, TaskPlan tasks, int count, double hours, boolean spot) {
        boolean arm = tasks.architecture() == CpuArchitecture.ARM64;
        items.add(LineItem.of("Fargate " + capacity(arm, spot) + " vCPU during blue/green deployments (" + count + " more task"
                + (count > 1 ? "s" : "") + " x " + trim(hours) + " hours)", count * tasks.cpu() / 1024.0 * hours, vcpuPrice(arm, spot)));
        items.add(LineItem.of("Fargate " + capacity(arm, spot) + " memory during blue/green deployments",
                count * tasks.memory() / 1024.0 * hours, gbPrice(arm, spot)));
    }

    private static String capacity(boolean arm, boolean spot) {
        return (arm ? "ARM64" : "x86_64") + (spot ? " Spot" : "");
    }

    private static Price vcpuPrice(boolean arm, boolean spot) {
        Price vcpu = arm ? AwsPrices.FARGATE_ARM_VCPU : AwsPrices.FARGATE_X86_VCPU;
        return spot ? AwsPrices.spot(vcpu) : vcpu;
    }

    private static Price gbPrice(boolean arm, boolean spot) {
        Price gb = arm ? AwsPrices.FARGATE_ARM_GB : AwsPrices.FARGATE_X86_GB;
        return spot ? AwsPrices.spot(gb) : gb;
    }

    private static void fargate(List<LineItem> items, String role, boolean arm, int cpu, int memory, int count, boolean spot) {
        String tasksWord = count + " " + role + "task" + (count > 1 ? "s" : "");
        items.add(LineItem.of("Fargate " + capacity(arm, spot) + " vCPU (" + tasksWord + " x " + trim(cpu / 1024.0) + " vCPU)",
                count * cpu / 1024.0 * HOURS, vcpuPrice(arm, spot)));
        items.add(LineItem.of("Fargate " + capacity(arm, spot) + " memory (" + tasksWord + " x " + trim(memory / 1024.0) + " GB)",
                count * memory / 1024.0 * HOURS, gbPrice(arm, spot)));
    }

    private CostEstimate server(DeploymentPlan plan, EnvironmentPlan environment, ServerHosting server) {
        String type = server.instanceType();
        int volume = server.rootVolumeGib();
        Price ec2 = AwsPrices.ec2(type).orElse(new Price(BigDecimal.ZERO, "hour (not in the price table: look it up)", false));
        List<LineItem> items = new ArrayList<>();
        items.add(LineItem.of("EC2 " + type + " (the whole Compose stack)", HOURS, ec2));
        items.add(LineItem.of("EBS gp3 root volume (" + volume + " GiB, holds the database)", volume, AwsPrices.EBS_GP3));
        items.add(LineItem.of("EBS snapshots (" + server.snapshotCadence() + ", kept " + server.snapshotRetentionDays() + " days)", volume / 2.0,
                AwsPrices.EBS_SNAPSHOT));
        items.add(LineItem.of("Public IPv4 address (Elastic IP)", HOURS, AwsPrices.PUBLIC_IPV4));
        items.add(LineItem.of("KMS customer-managed key", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("CloudWatch alarms", alarms.count(MonitoringAlarms.SERVER_WATCHES), AwsPrices.ALARM));
        return new CostEstimate(environment.name() + " environment", items,
                List.of("incremental snapshots hold about half the volume", "logs stay on the server (Docker's rotated json-file logs)"));
    }

    /** GB of images a month the registry copies to the standby's region: new layers of about 20 deploys. */
    static final double REPLICATED_IMAGES_GB = 5;
    /** GB of images the standby's registry keeps: the lifecycle policy's last images, mostly shared layers. */
    static final double STANDBY_STORED_IMAGES_GB = 5;

    /**
     * The disaster recovery standby while it stands by: the replica, what watches it, the replication across regions,
     * the idle load balancer and broker. Promoted, it costs about what production does.
     */
    CostEstimate standby(DeploymentPlan plan, DisasterRecoveryPlan standby) {
        DatabasePlan database = standby.database();
        double walGb = plan.spec().pattern() == Pattern.PRODUCTION_SAAS ? 50 : 10;
        double flowLogsGb = 1;
        List<LineItem> items = new ArrayList<>();
        Price rds = AwsPrices.rds(database.instanceClass(), false)
                .orElse(new Price(BigDecimal.ZERO, "hour (not in the price table: look it up)", false));
        items.add(LineItem.of("RDS PostgreSQL " + database.instanceClass() + " single-AZ read replica", HOURS, rds));
        items.add(LineItem.of("RDS gp3 storage (" + database.storageGib() + " GiB)", database.storageGib(), AwsPrices.RDS_GP3_SINGLE));
        items.add(LineItem.of("RDS Enhanced Monitoring (60 s, to CloudWatch Logs)", ENHANCED_MONITORING_GB, AwsPrices.LOGS_INGEST));
        items.add(LineItem.of("Replication from " + standby.primaryRegion() + " (write-ahead log)", walGb, AwsPrices.INTER_REGION_GB));
        items.add(LineItem.of("ECR replicated image storage", STANDBY_STORED_IMAGES_GB, AwsPrices.ECR_STORAGE));
        items.add(LineItem.of("ECR replication across regions", REPLICATED_IMAGES_GB, AwsPrices.INTER_REGION_GB));
        items.add(LineItem.of("VPC flow logs ingestion", flowLogsGb, AwsPrices.LOGS_INGEST));
        items.add(LineItem.of("VPC flow logs storage", storedGb(flowLogsGb, standby.primary().logRetentionDays()), AwsPrices.LOGS_STORED));
        int moduleAlarms = alarms.count(MonitoringAlarms.STANDBY_WATCHES);
        items.add(LineItem.of("CloudWatch alarms (" + moduleAlarms + " from the monitoring module, replica lag included)", moduleAlarms,
                AwsPrices.ALARM));
        items.add(LineItem.of("CloudWatch dashboard (the first three per account are free)", 1, AwsPrices.DASHBOARD));
        // The load balancer stands by with its certificate and failover records, idle: no capacity units to speak of.
        int zones = standby.network().availabilityZones();
        items.add(LineItem.of("Application load balancer (idle)", HOURS, AwsPrices.ALB_HOUR));
        items.add(LineItem.of("Public IPv4 addresses (" + zones + ": load balancer per zone)", zones * HOURS, AwsPrices.PUBLIC_IPV4));
        items.add(LineItem.of("S3 load balancer access logs", 1, AwsPrices.S3_STANDARD));
        if (standby.primary().ecs().waf()) {
            waf(items, 0);
        }
        dnsFailover(items, 1);
        int appSecrets = plan.app().secrets().size();
        if (appSecrets > 0) {
            items.add(LineItem.of("Secrets Manager secrets (" + appSecrets + " of the app)", appSecrets, AwsPrices.SECRET));
        }
        if (plan.app().broker()) {
            // Kept ready as production's (app.tf): creating a replication group or a replica would hold up a failover.
            int nodes = database.multiAz() ? 2 : 1;
            items.add(LineItem.of("ElastiCache for Valkey cache.t4g.micro (" + nodes + " node" + (nodes > 1 ? "s" : "")
                    + " standing by, job broker)", nodes * HOURS, AwsPrices.VALKEY_T4G_MICRO));
        }
        items.add(LineItem.of("KMS customer-managed key", 1, AwsPrices.KMS_KEY));
        return new CostEstimate(standby.name() + " standby in " + standby.region() + " (disaster recovery)", items, List.of(
                trim(walGb) + " GB of write-ahead log a month streamed from " + standby.primaryRegion() + " (it follows the database's write volume)",
                trim(STANDBY_STORED_IMAGES_GB) + " GB of images kept in the standby's registry, " + trim(REPLICATED_IMAGES_GB) + " GB of new layers copied a month",
                trim(flowLogsGb) + " GB of flow logs a month",
                "once promoted, the database runs " + (database.multiAz() ? "Multi-AZ, as production's: twice the instance line" : "as it does now")
                        + ", and the containers, NAT gateways, secrets and alarms are created as production's: it then costs about "
                        + "what production's table says"));
    }

    /** Account-wide resources the bootstrap creates once. */
    static CostEstimate bootstrap(DeploymentPlan plan) {
        List<LineItem> items = new ArrayList<>();
        items.add(LineItem.of("KMS customer-managed key (state and images)", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("S3 state bucket (versioned)", 1, AwsPrices.S3_STANDARD));
        DisasterRecoveryPlan.of(plan).ifPresent(standby -> {
            items.add(LineItem.of("KMS customer-managed key (the standby's state, in " + standby.region() + ")", 1, AwsPrices.KMS_KEY));
            items.add(LineItem.of("S3 state bucket of the standby (versioned, in " + standby.region() + ")", 1, AwsPrices.S3_STANDARD));
        });
        if (usesEcr(plan)) {
            items.add(LineItem.of("ECR image storage", 5, AwsPrices.ECR_STORAGE));
        }
        return new CostEstimate("bootstrap (once per account and region)", items,
                usesEcr(plan) ? List.of("5 GB of images kept in ECR") : List.of());
    }

    /** ECS and the hobby server pull the app image from the bootstrap's ECR repository (the server cannot build it). */
    static boolean usesEcr(DeploymentPlan plan) {
        return plan.production().hosting() instanceof EcsHosting || plan.production().hosting() instanceof ServerHosting;
    }

    private static void logs(List<LineItem> items, double gb, int retentionDays) {
        items.add(LineItem.of("CloudWatch Logs ingestion", gb, AwsPrices.LOGS_INGEST));
        items.add(LineItem.of("CloudWatch Logs storage", storedGb(gb, retentionDays), AwsPrices.LOGS_STORED));
    }

    /** What a steady monthly volume keeps stored: a month's worth per 30 days of retention, at most a year's. */
    private static double storedGb(double monthlyGb, int retentionDays) {
        return monthlyGb * Math.min(12, Math.max(1, retentionDays / 30.0));
    }

    private static String trim(double value) {
        return CostEstimate.shown(BigDecimal.valueOf(value));
    }
}
