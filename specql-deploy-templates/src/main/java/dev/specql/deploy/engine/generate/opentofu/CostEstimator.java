package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.generate.opentofu.AwsPrices.Price;
import dev.specql.deploy.engine.generate.opentofu.CostEstimate.LineItem;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices what the generated configuration creates, from {@link AwsPrices}. Fixed-price resources are
 * counted exactly; usage-priced ones (load balancer capacity units, NAT data, log volume, WAF requests)
 * from stated assumptions that grow with the pattern.
 */
final class CostEstimator {

    private static final int HOURS = AwsPrices.HOURS_PER_MONTH;

    /** Alarms the monitoring module creates on an ECS environment, and on the hobby server. */
    static final int ECS_ALARMS = 8;
    static final int SERVER_ALARMS = 2;
    /** The WAF web ACL's rules: three AWS managed rule groups and a rate limit. */
    static final int WAF_RULES = 4;

    /** The monthly budget each pattern aims to keep its production environment under, at list price. */
    static final java.util.Map<Pattern, Integer> TARGETS = java.util.Map.of(
            Pattern.HOBBY_PROJECT, 15, Pattern.SMALL_SAAS, 75, Pattern.PRODUCTION_SAAS, 500);

    private CostEstimator() {
    }

    /**
     * Why the production environment misses its target, when it does: the fixed costs of the secure
     * defaults, which no sizing in the spec removes.
     */
    static java.util.Optional<String> missedTarget(DeploymentSpec spec, CostEstimate production) {
        Integer target = TARGETS.get(spec.pattern());
        if (target == null || production.total().compareTo(java.math.BigDecimal.valueOf(target)) <= 0) {
            return java.util.Optional.empty();
        }
        java.math.BigDecimal fixed = production.items().stream()
                .filter(i -> i.item().startsWith("NAT gateway") || i.item().startsWith("Application load balancer")
                        || i.item().startsWith("Load balancer capacity") || i.item().startsWith("Public IPv4"))
                .map(LineItem::monthly).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        return java.util.Optional.of("The " + spec.pattern().id() + " target of $" + target + " a month is not met: the load balancer "
                + "with its capacity units, the NAT gateway(s) and the public IPv4 addresses alone cost $" + fixed.toPlainString()
                + " before any container or database runs. They are the price of private subnets and TLS at the edge; "
                + "the spec cannot size them away. The hobby-project pattern (one server, about $15) is the low-cost alternative.");
    }

    static CostEstimate environment(DeploymentSpec spec, EnvironmentPlan plan) {
        return spec.pattern() == Pattern.HOBBY_PROJECT ? server(spec, plan) : ecs(spec, plan);
    }

    private static CostEstimate ecs(DeploymentSpec spec, EnvironmentPlan plan) {
        boolean large = plan.productionTier() && spec.pattern() == Pattern.PRODUCTION_SAAS;
        double lcu = large ? 5 : 1;
        double natGb = large ? 100 : plan.productionTier() ? 10 : 5;
        double logsGb = large ? 20 : plan.productionTier() ? 5 : 2;
        double wafMillions = 20;
        boolean arm = plan.cpuArchitecture().equals("ARM64");
        List<LineItem> items = new ArrayList<>();
        double vcpu = plan.desiredCount() * plan.cpu() / 1024.0;
        double gb = plan.desiredCount() * plan.memory() / 1024.0;
        items.add(LineItem.of("Fargate " + (arm ? "ARM64" : "x86_64") + " vCPU (" + plan.desiredCount() + " tasks x "
                + trim(plan.cpu() / 1024.0) + " vCPU)", vcpu * HOURS, arm ? AwsPrices.FARGATE_ARM_VCPU : AwsPrices.FARGATE_X86_VCPU));
        items.add(LineItem.of("Fargate memory (" + plan.desiredCount() + " tasks x " + trim(plan.memory() / 1024.0) + " GB)",
                gb * HOURS, arm ? AwsPrices.FARGATE_ARM_GB : AwsPrices.FARGATE_X86_GB));
        Price rds = AwsPrices.rds(plan.dbInstanceClass(), plan.multiAz())
                .orElse(new Price(java.math.BigDecimal.ZERO, "hour (not in the price table: look it up)", false));
        items.add(LineItem.of("RDS PostgreSQL " + plan.dbInstanceClass() + (plan.multiAz() ? " Multi-AZ" : " single-AZ"), HOURS, rds));
        items.add(LineItem.of("RDS gp3 storage (" + plan.dbStorageGib() + " GiB)", plan.dbStorageGib(),
                plan.multiAz() ? AwsPrices.RDS_GP3_MULTI : AwsPrices.RDS_GP3_SINGLE));
        int nats = natCount(plan);
        items.add(LineItem.of("NAT gateway (" + nats + ")", nats * HOURS, AwsPrices.NAT_HOUR));
        items.add(LineItem.of("NAT data processed", natGb, AwsPrices.NAT_GB));
        items.add(LineItem.of("Application load balancer", HOURS, AwsPrices.ALB_HOUR));
        items.add(LineItem.of("Load balancer capacity units (" + trim(lcu) + ")", lcu * HOURS, AwsPrices.ALB_LCU));
        items.add(LineItem.of("Public IPv4 addresses (" + (plan.availabilityZones() + nats) + ": load balancer per zone, NAT)",
                (plan.availabilityZones() + nats) * HOURS, AwsPrices.PUBLIC_IPV4));
        logs(items, logsGb, plan.logRetentionDays());
        items.add(LineItem.of("CloudWatch alarms", ECS_ALARMS, AwsPrices.ALARM));
        items.add(LineItem.of("CloudWatch dashboard (the first three per account are free)", 1, AwsPrices.DASHBOARD));
        items.add(LineItem.of("Secrets Manager secrets (database, app)", secretCount(spec), AwsPrices.SECRET));
        items.add(LineItem.of("KMS customer-managed key", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("S3 load balancer access logs", 1, AwsPrices.S3_STANDARD));
        if (spec.application().worker().enabled()) {
            int nodes = plan.multiAz() ? 2 : 1;
            items.add(LineItem.of("ElastiCache for Valkey cache.t4g.micro (" + nodes + " node" + (nodes > 1 ? "s" : "") + ", job broker)",
                    nodes * HOURS, AwsPrices.VALKEY_T4G_MICRO));
        }
        List<String> assumptions = new ArrayList<>(List.of(
                trim(lcu) + " load balancer capacity unit(s) on average",
                trim(natGb) + " GB a month through NAT (image pulls, outbound API calls)",
                trim(logsGb) + " GB of logs a month, kept " + plan.logRetentionDays() + " days"));
        if (plan.waf()) {
            items.add(LineItem.of("WAF web ACL", 1, AwsPrices.WAF_ACL));
            items.add(LineItem.of("WAF rules (3 managed rule groups, 1 rate limit)", WAF_RULES, AwsPrices.WAF_RULE));
            items.add(LineItem.of("WAF requests", wafMillions, AwsPrices.WAF_REQUESTS));
            assumptions.add(trim(wafMillions) + " million requests a month through WAF");
        }
        return new CostEstimate(plan.name() + " environment", items, assumptions);
    }

    private static CostEstimate server(DeploymentSpec spec, EnvironmentPlan plan) {
        String type = plan.instanceType().orElseThrow();
        int volume = rootVolumeGib(spec);
        Price ec2 = AwsPrices.ec2(type).orElse(new Price(java.math.BigDecimal.ZERO, "hour (not in the price table: look it up)", false));
        List<LineItem> items = new ArrayList<>();
        items.add(LineItem.of("EC2 " + type + " (the whole Compose stack)", HOURS, ec2));
        items.add(LineItem.of("EBS gp3 root volume (" + volume + " GiB, holds the database)", volume, AwsPrices.EBS_GP3));
        items.add(LineItem.of("EBS snapshots (daily, kept " + spec.database().backup().retentionDays() + " days)", volume / 2.0,
                AwsPrices.EBS_SNAPSHOT));
        items.add(LineItem.of("Public IPv4 address (Elastic IP)", HOURS, AwsPrices.PUBLIC_IPV4));
        items.add(LineItem.of("KMS customer-managed key", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("CloudWatch alarms", SERVER_ALARMS, AwsPrices.ALARM));
        return new CostEstimate(plan.name() + " environment", items,
                List.of("incremental snapshots hold about half the volume", "logs stay on the server (Docker's rotated json-file logs)"));
    }

    /** Account-wide resources the bootstrap creates once. */
    static CostEstimate bootstrap(DeploymentSpec spec) {
        List<LineItem> items = new ArrayList<>();
        items.add(LineItem.of("KMS customer-managed key (state and images)", 1, AwsPrices.KMS_KEY));
        items.add(LineItem.of("S3 state bucket (versioned)", 1, AwsPrices.S3_STANDARD));
        if (usesEcr(spec)) {
            items.add(LineItem.of("ECR image storage", 5, AwsPrices.ECR_STORAGE));
        }
        return new CostEstimate("bootstrap (once per account and region)", items,
                usesEcr(spec) ? List.of("5 GB of images kept in ECR") : List.of());
    }

    static boolean usesEcr(DeploymentSpec spec) {
        return spec.pattern().runsOnEcs();
    }

    static int natCount(EnvironmentPlan plan) {
        return switch (plan.natMode()) {
            case "per_az" -> plan.availabilityZones();
            case "single" -> 1;
            default -> 0;
        };
    }

    /** The hobby server's disk: the database's storage plus room for the OS and images. */
    static int rootVolumeGib(DeploymentSpec spec) {
        return spec.database().storageGib() + 10;
    }

    private static int secretCount(DeploymentSpec spec) {
        int frameworkSecret = spec.framework() == Framework.FRAISEQL ? 0 : 1;
        return 1 + frameworkSecret + spec.application().secrets().size();
    }

    private static void logs(List<LineItem> items, double gb, int retentionDays) {
        items.add(LineItem.of("CloudWatch Logs ingestion", gb, AwsPrices.LOGS_INGEST));
        items.add(LineItem.of("CloudWatch Logs storage", gb * Math.min(12, Math.max(1, retentionDays / 30.0)), AwsPrices.LOGS_STORED));
    }

    private static String trim(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
