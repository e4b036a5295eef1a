package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.generate.opentofu.AwsPrices.Price;
import dev.specql.deploy.engine.generate.opentofu.CostEstimate.LineItem;
import dev.specql.deploy.engine.plan.DatabasePlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EcsHosting;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
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

    /** The WAF web ACL's rules: three AWS managed rule groups and a rate limit. */
    static final int WAF_RULES = 4;

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
        BigDecimal fixed = production.items().stream()
                .filter(i -> i.item().startsWith("NAT gateway") || i.item().startsWith("Application load balancer")
                        || i.item().startsWith("Load balancer capacity") || i.item().startsWith("Public IPv4"))
                .map(LineItem::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of("The " + spec.pattern().id() + " target of $" + target + " a month is not met: the load balancer "
                + "with its capacity units, the NAT gateway(s) and the public IPv4 addresses alone cost $" + fixed.toPlainString()
                + " before any container or database runs. They are the price of private subnets and TLS at the edge; "
                + "the spec cannot size them away. The hobby-project pattern (one server, about $15) is the low-cost alternative.");
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
        double wafMillions = 20;
        TaskPlan tasks = hosting.tasks();
        DatabasePlan database = hosting.database();
        boolean arm = tasks.architecture() == CpuArchitecture.ARM64;
        List<LineItem> items = new ArrayList<>();
        double vcpu = tasks.desiredCount() * tasks.cpu() / 1024.0;
        double gb = tasks.desiredCount() * tasks.memory() / 1024.0;
        items.add(LineItem.of("Fargate " + (arm ? "ARM64" : "x86_64") + " vCPU (" + tasks.desiredCount() + " tasks x "
                + trim(tasks.cpu() / 1024.0) + " vCPU)", vcpu * HOURS, arm ? AwsPrices.FARGATE_ARM_VCPU : AwsPrices.FARGATE_X86_VCPU));
        items.add(LineItem.of("Fargate memory (" + tasks.desiredCount() + " tasks x " + trim(tasks.memory() / 1024.0) + " GB)",
                gb * HOURS, arm ? AwsPrices.FARGATE_ARM_GB : AwsPrices.FARGATE_X86_GB));
        Price rds = AwsPrices.rds(database.instanceClass(), database.multiAz())
                .orElse(new Price(BigDecimal.ZERO, "hour (not in the price table: look it up)", false));
        items.add(LineItem.of("RDS PostgreSQL " + database.instanceClass() + (database.multiAz() ? " Multi-AZ" : " single-AZ"), HOURS, rds));
        items.add(LineItem.of("RDS gp3 storage (" + database.storageGib() + " GiB)", database.storageGib(),
                database.multiAz() ? AwsPrices.RDS_GP3_MULTI : AwsPrices.RDS_GP3_SINGLE));
        int nats = environment.network().natGateways();
        int zones = environment.network().availabilityZones();
        items.add(LineItem.of("NAT gateway (" + nats + ")", nats * HOURS, AwsPrices.NAT_HOUR));
        items.add(LineItem.of("NAT data processed", natGb, AwsPrices.NAT_GB));
        items.add(LineItem.of("Application load balancer", HOURS, AwsPrices.ALB_HOUR));
        items.add(LineItem.of("Load balancer capacity units (" + trim(lcu) + ")", lcu * HOURS, AwsPrices.ALB_LCU));
        items.add(LineItem.of("Public IPv4 addresses (" + (zones + nats) + ": load balancer per zone, NAT)",
                (zones + nats) * HOURS, AwsPrices.PUBLIC_IPV4));
        logs(items, logsGb, environment.logRetentionDays());
        items.add(LineItem.of("CloudWatch alarms", alarms.count(MonitoringAlarms.ECS_WATCHES), AwsPrices.ALARM));
        items.add(LineItem.of("CloudWatch dashboard (the first three per account are free)", 1, AwsPrices.DASHBOARD));
        items.add(LineItem.of("Secrets Manager secrets (database, app)", secretCount(plan), AwsPrices.SECRET));
        items.add(LineItem.of("KMS customer-managed key", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("S3 load balancer access logs", 1, AwsPrices.S3_STANDARD));
        if (plan.app().broker()) {
            int nodes = database.multiAz() ? 2 : 1;
            items.add(LineItem.of("ElastiCache for Valkey cache.t4g.micro (" + nodes + " node" + (nodes > 1 ? "s" : "") + ", job broker)",
                    nodes * HOURS, AwsPrices.VALKEY_T4G_MICRO));
        }
        List<String> assumptions = new ArrayList<>(List.of(
                trim(lcu) + " load balancer capacity unit(s) on average",
                trim(natGb) + " GB a month through NAT (image pulls, outbound API calls)",
                trim(logsGb) + " GB of logs a month, kept " + environment.logRetentionDays() + " days"));
        if (hosting.waf()) {
            items.add(LineItem.of("WAF web ACL", 1, AwsPrices.WAF_ACL));
            items.add(LineItem.of("WAF rules (3 managed rule groups, 1 rate limit)", WAF_RULES, AwsPrices.WAF_RULE));
            items.add(LineItem.of("WAF requests", wafMillions, AwsPrices.WAF_REQUESTS));
            assumptions.add(trim(wafMillions) + " million requests a month through WAF");
        }
        return new CostEstimate(environment.name() + " environment", items, assumptions);
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

    /** Account-wide resources the bootstrap creates once. */
    static CostEstimate bootstrap(DeploymentPlan plan) {
        List<LineItem> items = new ArrayList<>();
        items.add(LineItem.of("KMS customer-managed key (state and images)", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("S3 state bucket (versioned)", 1, AwsPrices.S3_STANDARD));
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

    /** The database's RDS-managed secret, then one per app secret (the framework's signing key among them). */
    private static int secretCount(DeploymentPlan plan) {
        return 1 + plan.app().secrets().size();
    }

    private static void logs(List<LineItem> items, double gb, int retentionDays) {
        items.add(LineItem.of("CloudWatch Logs ingestion", gb, AwsPrices.LOGS_INGEST));
        items.add(LineItem.of("CloudWatch Logs storage", gb * Math.min(12, Math.max(1, retentionDays / 30.0)), AwsPrices.LOGS_STORED));
    }

    private static String trim(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
