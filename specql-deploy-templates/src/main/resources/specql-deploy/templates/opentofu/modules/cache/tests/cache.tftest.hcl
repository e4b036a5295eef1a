mock_provider "aws" {}

# Staging-like values (single node); the runs below override what they exercise.
variables {
  name                       = "shop-staging"
  tags                       = { Team = "platform" }
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  allowed_security_group_ids = ["sg-0123456789abcdef0", "sg-0fedcba9876543210"]
  kms_key_arn                = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  node_type                  = "cache.t4g.micro"
  engine_version             = "8.0"
  replicas                   = 0
  snapshot_retention_days    = 1
  log_retention_days         = 365
  maintenance_window         = "sun:05:00-sun:06:00"
}

run "cache_is_valkey_tls_only_and_encrypted_with_the_key" {
  command = plan

  assert {
    condition     = aws_elasticache_replication_group.this.transit_encryption_enabled == true && aws_elasticache_replication_group.this.transit_encryption_mode == "required"
    error_message = "In-transit encryption must be on and required (no plaintext connections)."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.at_rest_encryption_enabled == "true" && aws_elasticache_replication_group.this.kms_key_id == var.kms_key_arn
    error_message = "Data at rest must be encrypted with the given customer-managed key."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.auth_token == null && length(coalesce(aws_elasticache_replication_group.this.user_group_ids, [])) == 0
    error_message = "No AUTH token (a secret in state) may be configured."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.engine == "valkey" && aws_elasticache_replication_group.this.engine_version == "8.0"
    error_message = "The engine must be Valkey 8.0."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.replication_group_id == "shop-staging-valkey" && aws_elasticache_replication_group.this.port == 6379
    error_message = "The replication group must be named <name>-valkey and listen on 6379."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.cluster_mode == "disabled" && aws_elasticache_replication_group.this.node_type == "cache.t4g.micro"
    error_message = "Cluster mode must be disabled (Celery and Sidekiq need a single shard) and node_type must follow the variable."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.auto_minor_version_upgrade == "true" && aws_elasticache_replication_group.this.maintenance_window == "sun:05:00-sun:06:00"
    error_message = "Minor versions must be upgraded automatically in the maintenance window."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.snapshot_retention_limit == 1
    error_message = "Automatic snapshots must be kept for snapshot_retention_days."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.tags["Name"] == "shop-staging-valkey" && aws_elasticache_replication_group.this.tags["Team"] == "platform"
    error_message = "The replication group must carry var.tags and a Name tag."
  }
}

run "parameter_group_never_evicts_jobs" {
  command = plan

  assert {
    condition     = aws_elasticache_parameter_group.this.family == "valkey8" && aws_elasticache_parameter_group.this.name == "shop-staging-valkey8"
    error_message = "The parameter group family must be valkey8 for engine 8.0."
  }

  assert {
    condition     = [for p in aws_elasticache_parameter_group.this.parameter : p.value if p.name == "maxmemory-policy"] == ["noeviction"]
    error_message = "maxmemory-policy must be noeviction so queued jobs are never evicted."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.parameter_group_name == "shop-staging-valkey8"
    error_message = "The replication group must use the module's parameter group."
  }
}

run "network_access_only_from_allowed_security_groups" {
  command = plan

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.valkey) == 2
    error_message = "There must be one ingress rule per allowed security group."
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.valkey : r.from_port == 6379 && r.to_port == 6379 && r.ip_protocol == "tcp" && r.cidr_ipv4 == null && r.cidr_ipv6 == null && r.prefix_list_id == null])
    error_message = "Ingress must be TCP 6379 only, and never from a CIDR block or prefix list."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_ingress_rule.valkey : r.referenced_security_group_id] == var.allowed_security_group_ids
    error_message = "Ingress must reference exactly the allowed security groups."
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.valkey : r.description != null && r.description != ""]) && aws_security_group.this.description != ""
    error_message = "The security group and every rule need a description."
  }

  assert {
    condition     = aws_security_group.this.vpc_id == var.vpc_id && toset(aws_elasticache_subnet_group.this.subnet_ids) == toset(var.subnet_ids)
    error_message = "The cache must live in the given VPC and private subnets."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.subnet_group_name == "shop-staging-valkey"
    error_message = "The replication group must use the module's subnet group."
  }
}

run "no_ingress_without_allowed_security_groups" {
  command = plan

  variables {
    allowed_security_group_ids = []
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.valkey) == 0
    error_message = "Without allowed security groups there must be no ingress at all."
  }
}

run "single_node_has_no_failover" {
  command = plan

  assert {
    condition     = aws_elasticache_replication_group.this.num_cache_clusters == 1
    error_message = "replicas = 0 must run exactly one node."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.automatic_failover_enabled == false && aws_elasticache_replication_group.this.multi_az_enabled == false
    error_message = "Automatic failover and Multi-AZ need a replica and must be off with replicas = 0."
  }
}

run "production_replica_enables_failover_and_multi_az" {
  command = plan

  variables {
    name                    = "shop-production"
    node_type               = "cache.m7g.large"
    replicas                = 1
    snapshot_retention_days = 7
  }

  assert {
    condition     = aws_elasticache_replication_group.this.num_cache_clusters == 2
    error_message = "replicas = 1 must run a primary and one replica."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.automatic_failover_enabled == true && aws_elasticache_replication_group.this.multi_az_enabled == true
    error_message = "With a replica, automatic failover and Multi-AZ must be on."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.transit_encryption_mode == "required" && aws_elasticache_replication_group.this.kms_key_id == var.kms_key_arn
    error_message = "Production stays TLS-only and encrypted with the key."
  }

  assert {
    condition     = aws_elasticache_replication_group.this.snapshot_retention_limit == 7
    error_message = "snapshot_retention_limit must follow the variable."
  }
}

run "slow_log_goes_to_an_encrypted_log_group_with_retention" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.slow_log.name == "/aws/elasticache/shop-staging-valkey/slow-log" && aws_cloudwatch_log_group.slow_log.kms_key_id == var.kms_key_arn && aws_cloudwatch_log_group.slow_log.retention_in_days == 365
    error_message = "The slow-log log group must be KMS-encrypted with a retention."
  }

  assert {
    condition     = length(aws_elasticache_replication_group.this.log_delivery_configuration) == 1
    error_message = "Exactly one log delivery (the slow log) must be configured."
  }

  assert {
    condition     = alltrue([for l in aws_elasticache_replication_group.this.log_delivery_configuration : l.log_type == "slow-log" && l.destination_type == "cloudwatch-logs" && l.destination == "/aws/elasticache/shop-staging-valkey/slow-log"])
    error_message = "The slow log must be delivered to the module's CloudWatch log group."
  }
}

run "valkey_7_uses_the_valkey7_family" {
  command = plan

  variables {
    engine_version = "7.2"
  }

  assert {
    condition     = aws_elasticache_parameter_group.this.family == "valkey7" && aws_elasticache_parameter_group.this.name == "shop-staging-valkey7"
    error_message = "The parameter group family must follow the engine major version."
  }
}

run "url_is_tls_to_the_primary_endpoint" {
  command = apply

  override_resource {
    target = aws_elasticache_replication_group.this
    values = {
      id                       = "shop-staging-valkey"
      primary_endpoint_address = "master.shop-staging-valkey.abc123.use1.cache.amazonaws.com"
    }
  }

  assert {
    condition     = output.url == "rediss://master.shop-staging-valkey.abc123.use1.cache.amazonaws.com:6379/0"
    error_message = "The URL must use rediss:// (TLS) on the primary endpoint, database 0."
  }

  assert {
    condition     = output.primary_endpoint == "master.shop-staging-valkey.abc123.use1.cache.amazonaws.com" && output.port == 6379 && output.replication_group_id == "shop-staging-valkey"
    error_message = "primary_endpoint, port and replication_group_id must describe the replication group."
  }
}

run "rejects_non_elasticache_node_type" {
  command = plan

  variables {
    node_type = "db.t4g.micro"
  }

  expect_failures = [var.node_type]
}

run "rejects_more_than_five_replicas" {
  command = plan

  variables {
    replicas = 6
  }

  expect_failures = [var.replicas]
}

run "rejects_snapshot_retention_above_35_days" {
  command = plan

  variables {
    snapshot_retention_days = 36
  }

  expect_failures = [var.snapshot_retention_days]
}

run "rejects_non_valkey_engine_version" {
  command = plan

  variables {
    engine_version = "7.1"
  }

  expect_failures = [var.engine_version]
}

run "rejects_name_not_valid_as_elasticache_identifier" {
  command = plan

  variables {
    name = "shop--staging"
  }

  expect_failures = [var.name]
}

run "rejects_replica_with_a_single_subnet" {
  command = plan

  variables {
    replicas   = 1
    subnet_ids = ["subnet-0a1b2c3d4e5f60001"]
  }

  expect_failures = [aws_elasticache_replication_group.this]
}
