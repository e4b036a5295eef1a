data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  identifier = "${var.name}-postgres"
  port       = 5432

  # A cross-region read replica names its source by ARN; the primary's identifier follows the rule above.
  replica    = var.replica_of != null
  source_arn = local.replica ? "arn:${data.aws_partition.current.partition}:rds:${var.replica_of.region}:${data.aws_caller_identity.current.account_id}:db:${var.replica_of.name}-postgres" : null

  # Log types exported to CloudWatch Logs. Their log groups are created below, before the instance,
  # so they are KMS-encrypted and have a retention (RDS would otherwise create them unencrypted, never expiring).
  log_exports = ["postgresql", "upgrade"]
}

################################################################################
# Security group: PostgreSQL reachable only from the given security groups
################################################################################

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-database-"
  description = "PostgreSQL ${local.identifier}: ingress on ${local.port} from the allowed security groups only, no egress"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-database" })

  lifecycle {
    create_before_destroy = true
  }
}

# One rule per allowed security group. count (not for_each) because the IDs usually come from
# other modules and are unknown at plan time; the list length is known.
resource "aws_vpc_security_group_ingress_rule" "postgresql" {
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from ${var.allowed_security_group_ids[count.index]}"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = var.allowed_security_group_ids[count.index]

  tags = merge(var.tags, { Name = "${var.name}-database-postgresql-${count.index}" })
}

################################################################################
# Parameter group
################################################################################

resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.name}-postgres${var.engine_version}-"
  family      = "postgres${var.engine_version}"
  description = "PostgreSQL ${var.engine_version} parameters for ${local.identifier}: TLS required, DDL and slow-query logging"

  # Reject every connection that does not use TLS.
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Audit trail of schema changes (CREATE/ALTER/DROP), without logging data-bearing statements.
  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.log_min_duration_statement_ms)
  }

  tags = merge(var.tags, { Name = "${var.name}-postgres${var.engine_version}" })

  # A major upgrade needs a parameter group of the new family before the old one can go.
  lifecycle {
    create_before_destroy = true
  }
}

################################################################################
# Log groups for the exported PostgreSQL logs (created before the instance)
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  # checkov:skip=CKV_AWS_338: retention follows the pattern: production-saas keeps logs 365 days, small-saas and pre-production environments keep them 14 to 30 days to save storage cost; set the retention to 365 or more where a one-year requirement applies
  for_each = toset(local.log_exports)

  name              = "/aws/rds/instance/${local.identifier}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = merge(var.tags, { Name = "/aws/rds/instance/${local.identifier}/${each.key}" })
}

################################################################################
# Enhanced Monitoring role
################################################################################

resource "aws_iam_role" "monitoring" {
  name        = "${var.name}-rds-monitoring"
  description = "Lets RDS Enhanced Monitoring publish OS metrics of ${local.identifier} to CloudWatch Logs"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "RdsEnhancedMonitoring"
        Effect    = "Allow"
        Principal = { Service = "monitoring.rds.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      }
    ]
  })

  tags = merge(var.tags, { Name = "${var.name}-rds-monitoring" })
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

################################################################################
# PostgreSQL instance
################################################################################

resource "aws_db_instance" "this" {
  # checkov:skip=CKV_AWS_157: Multi-AZ is a variable (default true); single-AZ environments such as small-saas/staging set multi_az = false to halve the instance cost and accept a restore from backup on an AZ failure. production-saas sets multi_az = true; set it to true in any environment that needs automatic failover.
  identifier = local.identifier

  # A replica streams from its source, whose engine version, database and master user it inherits; promoting it
  # (replica_of = null) makes it standalone, with the same values, so nothing below is replaced.
  replicate_source_db      = local.source_arn
  snapshot_identifier      = var.snapshot_identifier
  engine                   = "postgres"
  engine_version           = local.replica ? null : var.engine_version
  engine_lifecycle_support = local.replica ? null : "open-source-rds-extended-support-disabled"
  instance_class           = var.instance_class

  # A major upgrade only happens when engine_version is changed on purpose.
  allow_major_version_upgrade = true
  auto_minor_version_upgrade  = true

  db_name  = local.replica ? null : var.database_name
  username = local.replica ? null : var.master_username
  port     = local.port

  # RDS generates the password and keeps it in Secrets Manager, encrypted with the CMK: it never
  # appears in the configuration, the plan or the state. A replica has its source's; once promoted, RDS makes a
  # new one in this region.
  manage_master_user_password   = local.replica ? null : true
  master_user_secret_kms_key_id = local.replica ? null : var.kms_key_arn

  iam_database_authentication_enabled = true

  storage_type          = "gp3"
  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_subnet_group_name   = var.db_subnet_group_name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false
  multi_az               = var.multi_az
  network_type           = "IPV4"
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  parameter_group_name = aws_db_parameter_group.this.name

  backup_retention_period  = var.backup_retention_days
  backup_window            = var.backup_window
  maintenance_window       = var.maintenance_window
  copy_tags_to_snapshot    = true
  delete_automated_backups = false

  deletion_protection = var.deletion_protection
  skip_final_snapshot = false
  # Named at creation (kept by ignore_changes below), so that an environment destroyed, applied
  # again and destroyed again does not collide with its first final snapshot.
  final_snapshot_identifier = "${local.identifier}-final-${formatdate("YYYYMMDDhhmmss", plantimestamp())}"

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = var.performance_insights_retention_days

  monitoring_interval = var.monitoring_interval
  monitoring_role_arn = aws_iam_role.monitoring.arn

  enabled_cloudwatch_logs_exports = local.log_exports

  tags = merge(var.tags, { Name = local.identifier })

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy_attachment.monitoring,
  ]

  lifecycle {
    # The snapshot is read when the instance is created; naming another later must not replace the live database.
    # RDS reports neither master password argument, so a replica promoted with the runbook's CLI step (which has RDS
    # manage its password) would have both sent again on the next apply, and its tasks planned with the secret
    # before it; they are set when the instance is created. To move the secret to another key, replace the
    # instance or use `aws rds modify-db-instance --master-user-secret-kms-key-id`.
    ignore_changes = [final_snapshot_identifier, snapshot_identifier, manage_master_user_password, master_user_secret_kms_key_id]

    precondition {
      condition     = var.max_allocated_storage >= var.allocated_storage
      error_message = "The max_allocated_storage must be greater than or equal to allocated_storage."
    }
  }
}

################################################################################
# The app's login: its password's secret, without a value
################################################################################

# No aws_secretsmanager_secret_version: the password is in no configuration, plan or state. deploy.sh stores a
# generated one before the first deploy; the database-access task (compute module) gives it to the login.
resource "aws_secretsmanager_secret" "app_password" {
  # checkov:skip=CKV2_AWS_57: ECS reads a secret only when a task starts, so a rotation Lambda would break the running tasks' connections; the README's "Database credentials" rotates it with a redeploy instead
  # A replica's logins are its source's, passwords included; once promoted, deploy.sh sets a new one here.
  count = var.app_username == null || local.replica ? 0 : 1

  name                    = "${var.name}/database/${var.app_username}"
  description             = "Password of the ${var.app_username} login of ${local.identifier}; generated by deploy.sh, set in PostgreSQL by the database-access task"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days

  tags = merge(var.tags, { Name = "${var.name}/database/${var.app_username}" })

  lifecycle {
    precondition {
      condition     = var.app_username != lower(var.master_username)
      error_message = "The app_username must not be the master user: the app connects with its own login."
    }
  }
}
