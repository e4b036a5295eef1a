output "primary_endpoint" {
  description = "Host name of the primary node's endpoint (follows the primary on failover), without the port."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "Port Valkey listens on (6379, TLS only)."
  value       = local.port
}

output "url" {
  description = "Connection URL for Celery and Sidekiq: rediss://<primary endpoint>:<port>/0 (TLS, database 0, no password: access is controlled by the security group)."
  value       = "rediss://${aws_elasticache_replication_group.this.primary_endpoint_address}:${local.port}/0"
}

output "security_group_id" {
  description = "ID of the cache security group (ingress on 6379 from allowed_security_group_ids only). Clients need an egress rule to it on 6379."
  value       = aws_security_group.this.id
}

output "replication_group_id" {
  description = "ID of the replication group (the ReplicationGroupId / CacheClusterId prefix in CloudWatch metrics)."
  value       = aws_elasticache_replication_group.this.id
}
