mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/ci"
      user_id    = "AIDAEXAMPLEUSERID0001"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition          = "aws"
      dns_suffix         = "amazonaws.com"
      reverse_dns_prefix = "com.amazonaws"
    }
  }

  # The mock provider invents random strings for computed attributes; give ARNs and IDs the provider validates a
  # realistic shape.
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/shop-production-rds-monitoring"
    }
  }

  mock_resource "aws_security_group" {
    defaults = {
      id  = "sg-0db0db0db0db0db00"
      arn = "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0db0db0db0db0db00"
    }
  }

  mock_resource "aws_db_parameter_group" {
    defaults = {
      name = "shop-production-postgres17-20260101000000000000000001"
      arn  = "arn:aws:rds:eu-west-1:123456789012:pg:shop-production-postgres17-20260101000000000000000001"
    }
  }
}

# Production-like values; the runs below override what they exercise.
variables {
  name                       = "shop-production"
  tags                       = { Team = "platform" }
  engine_version             = "17"
  instance_class             = "db.m7g.large"
  allocated_storage          = 50
  max_allocated_storage      = 500
  multi_az                   = true
  backup_retention_days      = 14
  backup_window              = "02:00-03:00"
  maintenance_window         = "sun:04:30-sun:05:30"
  deletion_protection        = true
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  db_subnet_group_name       = "shop-production-database"
  allowed_security_group_ids = ["sg-0123456789abcdef0", "sg-0fedcba9876543210"]
  kms_key_arn                = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  database_name              = "shop"
  master_username            = "shop_admin"
  log_retention_days         = 365
}

run "production_instance_is_private_encrypted_and_protected" {
  command = plan

  assert {
    condition     = aws_db_instance.this.publicly_accessible == false
    error_message = "The database must not be publicly accessible."
  }

  assert {
    condition     = aws_db_instance.this.storage_encrypted == true && aws_db_instance.this.kms_key_id == var.kms_key_arn
    error_message = "Storage must be encrypted with the given customer-managed key."
  }

  assert {
    condition     = aws_db_instance.this.deletion_protection == true
    error_message = "Deletion protection must be on for a production-like run."
  }

  assert {
    condition     = aws_db_instance.this.skip_final_snapshot == false && can(regex("^shop-production-postgres-final-[0-9]{14}$", aws_db_instance.this.final_snapshot_identifier))
    error_message = "A final snapshot must be taken when the instance is deleted, named with the creation time so that a later destroy does not collide."
  }

  assert {
    condition     = aws_db_instance.this.multi_az == true
    error_message = "multi_az must follow the variable."
  }

  assert {
    condition     = aws_db_instance.this.engine == "postgres" && aws_db_instance.this.engine_version == "17" && aws_db_instance.this.engine_lifecycle_support == "open-source-rds-extended-support-disabled"
    error_message = "The engine must be PostgreSQL 17 without paid Extended Support."
  }

  assert {
    condition     = aws_db_instance.this.storage_type == "gp3" && aws_db_instance.this.allocated_storage == 50 && aws_db_instance.this.max_allocated_storage == 500
    error_message = "Storage must be gp3 with autoscaling up to max_allocated_storage."
  }

  assert {
    condition     = aws_db_instance.this.iam_database_authentication_enabled == true && aws_db_instance.this.ca_cert_identifier == "rds-ca-rsa2048-g1"
    error_message = "IAM authentication must be on and the RSA 2048 G1 CA used."
  }

  assert {
    condition     = aws_db_instance.this.backup_retention_period == 14 && aws_db_instance.this.copy_tags_to_snapshot == true
    error_message = "Backups must be kept for backup_retention_days and snapshots tagged."
  }

  assert {
    condition     = aws_db_instance.this.auto_minor_version_upgrade == true
    error_message = "Minor versions must be upgraded automatically."
  }

  assert {
    condition     = aws_db_instance.this.tags["Name"] == "shop-production-postgres" && aws_db_instance.this.tags["Team"] == "platform"
    error_message = "The instance must carry var.tags and a Name tag."
  }
}

run "master_password_is_managed_by_rds" {
  command = plan

  assert {
    condition     = aws_db_instance.this.manage_master_user_password == true
    error_message = "RDS must manage the master password in Secrets Manager."
  }

  assert {
    condition     = aws_db_instance.this.master_user_secret_kms_key_id == var.kms_key_arn
    error_message = "The RDS-managed master secret must be encrypted with the given key."
  }

  assert {
    condition     = aws_db_instance.this.password == null
    error_message = "No password may be set in the configuration."
  }

  assert {
    condition     = aws_db_instance.this.username == "shop_admin" && aws_db_instance.this.db_name == "shop"
    error_message = "The master user and database name must follow the variables."
  }
}

run "parameter_group_forces_tls_and_logs_ddl" {
  command = plan

  assert {
    condition     = aws_db_parameter_group.this.family == "postgres17"
    error_message = "The parameter group family must match the engine major version."
  }

  assert {
    condition     = [for p in aws_db_parameter_group.this.parameter : p.value if p.name == "rds.force_ssl"] == ["1"]
    error_message = "rds.force_ssl must be 1 so PostgreSQL rejects connections without TLS."
  }

  assert {
    condition     = [for p in aws_db_parameter_group.this.parameter : p.value if p.name == "log_statement"] == ["ddl"]
    error_message = "log_statement must be ddl."
  }

  assert {
    condition     = [for p in aws_db_parameter_group.this.parameter : p.value if p.name == "log_min_duration_statement"] == ["1000"]
    error_message = "log_min_duration_statement must follow log_min_duration_statement_ms."
  }
}

run "network_access_only_from_allowed_security_groups" {
  command = plan

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.postgresql) == 2
    error_message = "There must be one ingress rule per allowed security group."
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.postgresql : r.from_port == 5432 && r.to_port == 5432 && r.ip_protocol == "tcp" && r.cidr_ipv4 == null && r.cidr_ipv6 == null])
    error_message = "Ingress must be TCP 5432 only, and never from a CIDR block."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_ingress_rule.postgresql : r.referenced_security_group_id] == var.allowed_security_group_ids
    error_message = "Ingress must reference exactly the allowed security groups."
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.postgresql : r.description != null && r.description != ""])
    error_message = "Every security group rule needs a description."
  }

  assert {
    condition     = aws_security_group.this.vpc_id == var.vpc_id && aws_db_instance.this.db_subnet_group_name == var.db_subnet_group_name
    error_message = "The database must live in the given VPC and DB subnet group."
  }
}

run "logs_and_monitoring_are_encrypted_and_retained" {
  command = plan

  assert {
    condition     = toset(aws_db_instance.this.enabled_cloudwatch_logs_exports) == toset(["postgresql", "upgrade"])
    error_message = "postgresql and upgrade logs must be exported."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : g.kms_key_id == var.kms_key_arn && g.retention_in_days == 365])
    error_message = "Exported log groups must be KMS-encrypted with a retention."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this["postgresql"].name == "/aws/rds/instance/shop-production-postgres/postgresql"
    error_message = "The log group name must be the one RDS writes to."
  }

  assert {
    condition     = aws_db_instance.this.performance_insights_enabled == true && aws_db_instance.this.performance_insights_kms_key_id == var.kms_key_arn && aws_db_instance.this.performance_insights_retention_period == 7
    error_message = "Performance Insights must be on, encrypted with the given key."
  }

  assert {
    condition     = aws_db_instance.this.monitoring_interval == 60
    error_message = "Enhanced Monitoring must be on."
  }

  assert {
    condition     = jsondecode(aws_iam_role.monitoring.assume_role_policy).Statement[0].Principal.Service == "monitoring.rds.amazonaws.com"
    error_message = "Only RDS Enhanced Monitoring may assume the monitoring role."
  }

  assert {
    condition     = jsondecode(aws_iam_role.monitoring.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "The monitoring role trust must be limited to this account (confused deputy)."
  }
}

run "staging_turns_off_multi_az_and_deletion_protection" {
  command = plan

  variables {
    name                = "shop-staging"
    multi_az            = false
    deletion_protection = false
    instance_class      = "db.t4g.micro"
    allocated_storage   = 20
    engine_version      = "16"
  }

  assert {
    condition     = aws_db_instance.this.deletion_protection == false && aws_db_instance.this.multi_az == false
    error_message = "deletion_protection and multi_az must follow the variables."
  }

  assert {
    condition     = aws_db_instance.this.publicly_accessible == false && aws_db_instance.this.storage_encrypted == true
    error_message = "Staging stays private and encrypted."
  }

  assert {
    condition     = aws_db_parameter_group.this.family == "postgres16"
    error_message = "The parameter group family must follow engine_version."
  }
}

run "rejects_zero_backup_retention" {
  command = plan

  variables {
    backup_retention_days = 0
  }

  expect_failures = [var.backup_retention_days]
}

run "rejects_unsupported_engine_version" {
  command = plan

  variables {
    engine_version = "13"
  }

  expect_failures = [var.engine_version]
}

run "rejects_name_not_valid_as_rds_identifier" {
  command = plan

  variables {
    name = "shop--production"
  }

  expect_failures = [var.name]
}

run "rejects_storage_ceiling_below_allocated_storage" {
  command = plan

  variables {
    allocated_storage     = 100
    max_allocated_storage = 50
  }

  expect_failures = [aws_db_instance.this]
}

run "the_app_login_password_has_a_secret_without_value" {
  command = plan

  variables {
    app_username = "app"
  }

  assert {
    condition     = aws_secretsmanager_secret.app_password[0].name == "${var.name}/database/app" && aws_secretsmanager_secret.app_password[0].kms_key_id == var.kms_key_arn
    error_message = "The app login's password secret must be named after the login and encrypted with the CMK."
  }
}

run "rejects_the_master_user_as_the_app_login" {
  command = plan

  variables {
    app_username = "shop_admin"
  }

  expect_failures = [aws_secretsmanager_secret.app_password]
}

run "no_app_login_secret_by_default" {
  command = plan

  assert {
    condition     = length(aws_secretsmanager_secret.app_password) == 0
    error_message = "Without app_username there is no password secret."
  }
}

run "cross_region_replica_streams_from_the_primary_encrypted_with_this_regions_key" {
  command = plan

  variables {
    name        = "shop-production-dr"
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/dddddddd-12ab-34cd-56ef-1234567890ab"
    replica_of  = { region = "eu-central-1", name = "shop-production" }
  }

  assert {
    condition     = aws_db_instance.this.replicate_source_db == "arn:aws:rds:eu-central-1:123456789012:db:shop-production-postgres"
    error_message = "The replica must stream from the primary instance, named by its ARN in the primary region."
  }

  assert {
    condition     = aws_db_instance.this.storage_encrypted == true && aws_db_instance.this.kms_key_id == var.kms_key_arn && aws_db_instance.this.performance_insights_kms_key_id == var.kms_key_arn
    error_message = "The replica's storage and Performance Insights must be encrypted with the key of its own region."
  }

  assert {
    condition     = aws_db_instance.this.manage_master_user_password == null
    error_message = "A replica inherits its source's master user: it must not manage one of its own."
  }

  assert {
    condition     = length(aws_secretsmanager_secret.app_password) == 0
    error_message = "A replica has its source's logins: no app password secret until it is promoted."
  }

  assert {
    condition     = aws_db_instance.this.deletion_protection == true && aws_db_instance.this.publicly_accessible == false
    error_message = "The replica must be as protected as its source."
  }
}

run "promoted_replica_is_a_standalone_instance" {
  command = plan

  variables {
    name         = "shop-production-dr"
    kms_key_arn  = "arn:aws:kms:eu-west-1:123456789012:key/dddddddd-12ab-34cd-56ef-1234567890ab"
    replica_of   = null
    app_username = "app"
  }

  assert {
    condition     = aws_db_instance.this.replicate_source_db == null && aws_db_instance.this.manage_master_user_password == true && aws_db_instance.this.master_user_secret_kms_key_id == var.kms_key_arn
    error_message = "Once promoted, the instance streams from nothing and RDS manages a master secret of this region."
  }

  assert {
    condition     = length(aws_secretsmanager_secret.app_password) == 1
    error_message = "Once promoted, the app login's password gets a secret of this region."
  }
}

run "restored_instance_is_created_from_the_snapshot_with_the_same_protections" {
  command = plan

  variables {
    snapshot_identifier = "shop-production-postgres-failback"
  }

  assert {
    condition     = aws_db_instance.this.snapshot_identifier == "shop-production-postgres-failback" && aws_db_instance.this.replicate_source_db == null
    error_message = "A restore must create the instance from the named snapshot, streaming from nothing."
  }

  assert {
    condition     = aws_db_instance.this.storage_encrypted == true && aws_db_instance.this.kms_key_id == var.kms_key_arn && aws_db_instance.this.manage_master_user_password == true && aws_db_instance.this.deletion_protection == true
    error_message = "A restored instance must be encrypted with the environment's key, keep an RDS-managed master secret and deletion protection."
  }
}

run "rejects_a_snapshot_for_a_replica" {
  command = plan

  variables {
    snapshot_identifier = "shop-production-postgres-failback"
    replica_of          = { region = "eu-central-1", name = "shop-production" }
  }

  expect_failures = [var.snapshot_identifier]
}

run "rejects_a_snapshot_name_rds_refuses" {
  command = plan

  variables {
    snapshot_identifier = "shop--failback-"
  }

  expect_failures = [var.snapshot_identifier]
}
