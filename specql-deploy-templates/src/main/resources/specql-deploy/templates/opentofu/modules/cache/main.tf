locals {
  replication_group_id = "${var.name}-valkey"
  port                 = 6379

  engine_major           = split(".", var.engine_version)[0]
  parameter_group_family = "valkey${local.engine_major}"

  # A standby only exists with at least one replica; automatic failover and Multi-AZ need one.
  high_availability = var.replicas > 0

  slow_log_group_name = "/aws/elasticache/${local.replication_group_id}/slow-log"
}

################################################################################
# Security group: Valkey reachable only from the given security groups
################################################################################

# No egress rules on purpose: Celery and Sidekiq connect to the cache, the cache never connects to
# them, and security groups are stateful, so replies on an allowed inbound connection need no
# egress rule (AWS's ElastiCache connectivity guidance only asks for ingress here and egress on the
# client's group). Slow-log delivery is done by the ElastiCache service, not from the nodes. The
# provider removes the allow-all egress rule AWS adds to a new group, so the group has no egress.
resource "aws_security_group" "this" {
  name_prefix = "${var.name}-cache-"
  description = "Valkey ${local.replication_group_id}: ingress on ${local.port} from the allowed security groups only, no egress"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-cache" })

  lifecycle {
    create_before_destroy = true
  }
}

# One rule per allowed security group. count (not for_each) because the IDs usually come from
# other modules and are unknown at plan time; the list length is known.
resource "aws_vpc_security_group_ingress_rule" "valkey" {
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Valkey (TLS) from ${var.allowed_security_group_ids[count.index]}"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = var.allowed_security_group_ids[count.index]

  tags = merge(var.tags, { Name = "${var.name}-cache-valkey-${count.index}" })
}

################################################################################
# Subnet group
################################################################################

resource "aws_elasticache_subnet_group" "this" {
  name        = local.replication_group_id
  description = "Private subnets of the Valkey replication group ${local.replication_group_id}"
  subnet_ids  = var.subnet_ids

  tags = merge(var.tags, { Name = local.replication_group_id })
}

################################################################################
# Parameter group
################################################################################

resource "aws_elasticache_parameter_group" "this" {
  # The name carries the major version so a major upgrade creates the new group before the old one goes.
  name        = "${local.replication_group_id}${local.engine_major}"
  family      = local.parameter_group_family
  description = "Valkey ${local.engine_major} parameters for ${local.replication_group_id}: never evict keys (job queues)"

  # Celery and Sidekiq keep their queues in this database: evicting a key would silently drop jobs.
  # With noeviction, writes fail with an OOM error when memory is full instead (alarm on memory usage).
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }

  tags = merge(var.tags, { Name = "${local.replication_group_id}${local.engine_major}" })

  lifecycle {
    create_before_destroy = true
  }
}

################################################################################
# Slow-log log group (created before the replication group, KMS-encrypted, with a retention)
################################################################################

resource "aws_cloudwatch_log_group" "slow_log" {
  # checkov:skip=CKV_AWS_338: retention follows the pattern: production-saas keeps logs 365 days, small-saas and pre-production environments keep them 14 to 30 days to save storage cost; set the retention to 365 or more where a one-year requirement applies
  name              = local.slow_log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = merge(var.tags, { Name = local.slow_log_group_name })
}

################################################################################
# Valkey replication group (cluster mode disabled: one shard, a primary and 0-5 replicas)
################################################################################

resource "aws_elasticache_replication_group" "this" {
  # checkov:skip=CKV_AWS_31: No AUTH token or RBAC user group on purpose. An AUTH token would be a secret in the OpenTofu configuration and state, which this project never writes, and IAM authentication needs client support that Celery and Sidekiq lack. Access is limited instead to allowed_security_group_ids inside private subnets, and every connection must use TLS (transit_encryption_mode = required). To add authentication, create an aws_elasticache_user_group outside this module and pass its ID as user_group_ids.
  # checkov:skip=CKV2_AWS_50: Automatic failover needs a replica, which doubles the cost; it is on whenever replicas > 0. The default (replicas = 0, staging/small-saas) runs a single node and accepts that the queue is unavailable while ElastiCache replaces a failed node. production-saas passes replicas = 1; set replicas >= 1 in any environment that needs failover.
  replication_group_id = local.replication_group_id
  description          = "Valkey broker for the Celery/Sidekiq workers of ${var.name}"

  engine         = "valkey"
  engine_version = var.engine_version
  node_type      = var.node_type
  port           = local.port

  # Celery and Sidekiq do not speak the cluster protocol: one shard, cluster mode disabled.
  cluster_mode         = "disabled"
  num_cache_clusters   = 1 + var.replicas
  parameter_group_name = aws_elasticache_parameter_group.this.name

  automatic_failover_enabled = local.high_availability
  multi_az_enabled           = local.high_availability

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn

  # TLS only: plaintext connections are refused (clients use rediss://).
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"

  auto_minor_version_upgrade = true
  maintenance_window         = var.maintenance_window
  snapshot_retention_limit   = var.snapshot_retention_days

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.slow_log.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  tags = merge(var.tags, { Name = local.replication_group_id })

  lifecycle {
    precondition {
      condition     = var.replicas == 0 || length(var.subnet_ids) >= 2
      error_message = "With replicas > 0 (Multi-AZ), subnet_ids must list subnets in at least two availability zones."
    }
  }
}
