package dev.specql.deploy.engine.generate.opentofu;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every resource type the OpenTofu templates create, and how the cost tables count it: priced (by which lines) or
 * free (and why). ResourceChargesTest keeps it equal to the templates' resource blocks, so a new resource cannot
 * go unpriced; the emulator stage checks each root's planned types against the README's list.
 */
final class ResourceCharges {

    /** Priced types, by the cost lines that count them. */
    static final Map<String, String> PRICED = sorted(Map.ofEntries(
            Map.entry("aws_ecs_service", "the Fargate lines (its tasks: app, worker and monitoring)"),
            Map.entry("aws_ecs_cluster", "Container Insights metrics, where it is on"),
            Map.entry("aws_appautoscaling_policy", "CloudWatch alarms (target tracking makes two each)"),
            Map.entry("aws_db_instance", "RDS PostgreSQL, RDS gp3 storage, RDS Enhanced Monitoring, and its master secret"),
            Map.entry("aws_secretsmanager_secret", "Secrets Manager secrets"),
            Map.entry("aws_nat_gateway", "NAT gateway and NAT data processed"),
            Map.entry("aws_eip", "Public IPv4 addresses"),
            Map.entry("aws_lb", "Application load balancer, load balancer capacity units, and its public IPv4 addresses"),
            Map.entry("aws_cloudwatch_log_group", "CloudWatch Logs, VPC flow logs, WAF logs and Enhanced Monitoring lines"),
            Map.entry("aws_flow_log", "VPC flow logs"),
            Map.entry("aws_cloudwatch_metric_alarm", "CloudWatch alarms"),
            Map.entry("aws_cloudwatch_dashboard", "CloudWatch dashboard"),
            Map.entry("aws_route53_health_check", "Route 53 health checks (DNS failover)"),
            Map.entry("aws_kms_key", "KMS customer-managed key"),
            Map.entry("aws_s3_bucket", "S3 state bucket, S3 load balancer access logs and S3 monitoring configuration"),
            Map.entry("aws_s3_object", "S3 monitoring configuration (its files, versioned)"),
            Map.entry("aws_ecr_repository", "ECR image storage"),
            Map.entry("aws_ecr_replication_configuration", "the standby's ECR replicated image storage and replication across regions"),
            Map.entry("aws_elasticache_replication_group", "ElastiCache for Valkey"),
            Map.entry("aws_wafv2_web_acl", "WAF web ACL, rules and requests"),
            Map.entry("aws_wafv2_web_acl_logging_configuration", "WAF logs"),
            Map.entry("aws_instance", "EC2 and the EBS gp3 root volume"),
            Map.entry("aws_dlm_lifecycle_policy", "EBS snapshots")));

    /** Types AWS does not charge for (or whose charge is already on another type's line), with the reason. */
    static final Map<String, String> FREE = sorted(Map.ofEntries(
            Map.entry("aws_vpc", "network"), Map.entry("aws_subnet", "network"), Map.entry("aws_route_table", "network"),
            Map.entry("aws_route", "network"), Map.entry("aws_route_table_association", "network"),
            Map.entry("aws_internet_gateway", "network"), Map.entry("aws_default_network_acl", "network"),
            Map.entry("aws_default_route_table", "network"), Map.entry("aws_default_security_group", "network"),
            Map.entry("aws_security_group", "network"), Map.entry("aws_vpc_security_group_ingress_rule", "network"),
            Map.entry("aws_vpc_security_group_egress_rule", "network"), Map.entry("aws_eip_association", "network"),
            Map.entry("aws_iam_role", "IAM"), Map.entry("aws_iam_role_policy", "IAM"), Map.entry("aws_iam_role_policy_attachment", "IAM"),
            Map.entry("aws_iam_instance_profile", "IAM"), Map.entry("aws_iam_openid_connect_provider", "IAM"),
            Map.entry("aws_kms_alias", "KMS aliases"),
            Map.entry("aws_acm_certificate", "public ACM certificates"), Map.entry("aws_acm_certificate_validation", "public ACM certificates"),
            Map.entry("aws_route53_record", "records in your hosted zone (alias queries to the load balancer are free)"),
            Map.entry("aws_lb_listener", "load balancer configuration"), Map.entry("aws_lb_listener_rule", "load balancer configuration"),
            Map.entry("aws_lb_target_group", "load balancer configuration"),
            Map.entry("aws_wafv2_web_acl_association", "WAF configuration"),
            Map.entry("aws_ecs_task_definition", "task definitions (tasks are billed while they run; the one-off migration and "
                    + "database-access tasks run minutes per deploy)"),
            Map.entry("aws_ecs_cluster_capacity_providers", "ECS configuration"),
            Map.entry("aws_appautoscaling_target", "autoscaling configuration"),
            Map.entry("aws_db_parameter_group", "RDS configuration"), Map.entry("aws_db_subnet_group", "RDS configuration"),
            Map.entry("aws_elasticache_parameter_group", "ElastiCache configuration"),
            Map.entry("aws_elasticache_subnet_group", "ElastiCache configuration"),
            Map.entry("aws_ecr_lifecycle_policy", "ECR configuration"), Map.entry("aws_ecr_repository_creation_template", "ECR configuration"),
            Map.entry("aws_s3_bucket_lifecycle_configuration", "S3 configuration"), Map.entry("aws_s3_bucket_notification", "S3 configuration"),
            Map.entry("aws_s3_bucket_ownership_controls", "S3 configuration"), Map.entry("aws_s3_bucket_policy", "S3 configuration"),
            Map.entry("aws_s3_bucket_public_access_block", "S3 configuration"),
            Map.entry("aws_s3_bucket_server_side_encryption_configuration", "S3 configuration"),
            Map.entry("aws_s3_bucket_versioning", "S3 configuration"),
            Map.entry("aws_cloudwatch_log_resource_policy", "CloudWatch Logs configuration"),
            Map.entry("aws_sns_topic", "SNS topics (alarm e-mails stay within the free 1,000 a month)"),
            Map.entry("aws_sns_topic_policy", "SNS configuration"), Map.entry("aws_sns_topic_subscription", "SNS configuration")));

    private ResourceCharges() {
    }

    /** "aws_lb (Application load balancer, ...); ..." */
    static String pricedSummary() {
        return PRICED.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; ")) + ".";
    }

    /** The free types grouped by reason: "network: aws_vpc, aws_subnet, ...; IAM: ...". */
    static String freeSummary() {
        Map<String, String> byReason = new TreeMap<>();
        FREE.forEach((type, reason) -> byReason.merge(reason, type, (a, b) -> a + ", " + b));
        return byReason.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; ")) + ".";
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
