package dev.specql.deploy.engine.generate.opentofu;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * AWS list prices in us-east-1, USD, on demand, as of {@link #AS_OF}. The one price table the cost
 * estimates are computed from. Entries marked unverified were derived (the next size up of a verified
 * class doubles its price) rather than read from the AWS price list; the estimate says so.
 */
final class AwsPrices {

    static final String AS_OF = "2026-11";
    static final String REGION = "us-east-1";
    static final int HOURS_PER_MONTH = 730;

    /** A unit price and whether it was read from AWS's published prices. */
    record Price(BigDecimal amount, String unit, boolean verified) {
        static Price of(String amount, String unit) {
            return new Price(new BigDecimal(amount), unit, true);
        }

        static Price derived(String amount, String unit) {
            return new Price(new BigDecimal(amount), unit, false);
        }
    }

    static final Price FARGATE_ARM_VCPU = Price.of("0.03238", "vCPU-hour");
    static final Price FARGATE_ARM_GB = Price.of("0.00356", "GB-hour");
    static final Price FARGATE_X86_VCPU = Price.of("0.04048", "vCPU-hour");
    static final Price FARGATE_X86_GB = Price.of("0.004445", "GB-hour");
    static final Price RDS_GP3_SINGLE = Price.of("0.115", "GB-month");
    static final Price RDS_GP3_MULTI = Price.of("0.23", "GB-month");
    static final Price NAT_HOUR = Price.of("0.045", "hour");
    static final Price NAT_GB = Price.of("0.045", "GB");
    static final Price ALB_HOUR = Price.of("0.0225", "hour");
    static final Price ALB_LCU = Price.of("0.008", "LCU-hour");
    static final Price PUBLIC_IPV4 = Price.of("0.005", "address-hour");
    static final Price LOGS_INGEST = Price.of("0.50", "GB");
    static final Price LOGS_STORED = Price.of("0.03", "GB-month");
    static final Price ALARM = Price.of("0.10", "alarm-month");
    static final Price DASHBOARD = Price.of("3.00", "dashboard-month");
    static final Price SECRET = Price.of("0.40", "secret-month");
    static final Price KMS_KEY = Price.of("1.00", "key-month");
    static final Price ECR_STORAGE = Price.of("0.10", "GB-month");
    static final Price WAF_ACL = Price.of("5.00", "web ACL-month");
    static final Price WAF_RULE = Price.of("1.00", "rule-month");
    static final Price WAF_REQUESTS = Price.of("0.60", "million requests");
    static final Price EBS_GP3 = Price.of("0.08", "GB-month");
    static final Price EBS_SNAPSHOT = Price.of("0.05", "GB-month");
    static final Price S3_STANDARD = Price.of("0.023", "GB-month");
    /** Data sent to another region (EC2's "to another AWS Region", which RDS replication and ECR replication pay). */
    static final Price INTER_REGION_GB = Price.of("0.02", "GB");
    /**
     * A Route 53 health check of an AWS endpoint (basic). Calculated and CloudWatch-alarm checks are taken at that price:
     * the price list names no other for them.
     */
    static final Price ROUTE53_HEALTH_CHECK = Price.derived("0.50", "health check-month");
    /** A CloudWatch custom metric (Container Insights and detailed monitoring are billed as these), first 10,000. */
    static final Price CUSTOM_METRIC = Price.of("0.30", "metric-month");
    /** ElastiCache for Valkey cache.t4g.micro: the Redis OSS price ($0.016) less the 20% AWS quotes for Valkey. */
    static final Price VALKEY_T4G_MICRO = Price.derived("0.0128", "node-hour");

    /** RDS PostgreSQL instance-hours: {single-AZ, Multi-AZ}. */
    private static final Map<String, Price[]> RDS = Map.of(
            "db.t4g.micro", new Price[] {Price.of("0.016", "hour"), Price.of("0.032", "hour")},
            "db.t4g.small", new Price[] {Price.of("0.032", "hour"), Price.of("0.065", "hour")},
            "db.t4g.medium", new Price[] {Price.derived("0.065", "hour"), Price.derived("0.129", "hour")},
            "db.t4g.large", new Price[] {Price.derived("0.129", "hour"), Price.derived("0.258", "hour")},
            "db.m7g.large", new Price[] {Price.derived("0.168", "hour"), Price.derived("0.336", "hour")});

    /** EC2 Linux instance-hours. */
    private static final Map<String, Price> EC2 = Map.of(
            "t4g.micro", Price.of("0.0084", "hour"),
            "t4g.small", Price.of("0.0168", "hour"),
            "t4g.medium", Price.of("0.0336", "hour"),
            "t3a.micro", Price.of("0.0094", "hour"),
            "t3a.small", Price.of("0.0188", "hour"),
            "t3a.medium", Price.of("0.0376", "hour"));

    private AwsPrices() {
    }

    static Optional<Price> rds(String instanceClass, boolean multiAz) {
        return Optional.ofNullable(RDS.get(instanceClass)).map(p -> p[multiAz ? 1 : 0]);
    }

    /** Fargate Spot, which AWS prices by demand (up to 70% off): estimated at 30% of the on-demand price. */
    static Price spot(Price onDemand) {
        return Price.derived(onDemand.amount().multiply(new BigDecimal("0.30")).stripTrailingZeros().toPlainString(), onDemand.unit());
    }

    static Optional<Price> ec2(String instanceType) {
        return Optional.ofNullable(EC2.get(instanceType));
    }
}
