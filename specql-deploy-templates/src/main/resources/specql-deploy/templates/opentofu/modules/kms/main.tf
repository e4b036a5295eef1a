data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  # CloudWatch Logs only accepts its regional service principal in key policies.
  logs_principal = "logs.${local.region}.${data.aws_partition.current.dns_suffix}"

  root_statement = {
    Sid       = "AccountRootFullAccess"
    Effect    = "Allow"
    Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
    Action    = "kms:*"
    Resource  = "*"
  }

  logs_statement = {
    Sid       = "CloudWatchLogsLogGroupsOfThisAccount"
    Effect    = "Allow"
    Principal = { Service = local.logs_principal }
    Action = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    Resource = "*"
    Condition = {
      ArnLike = {
        "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"
      }
    }
  }

  sns_publishers_statement = {
    Sid       = "ServicesPublishingToEncryptedTopicsOfThisAccount"
    Effect    = "Allow"
    Principal = { Service = sort(distinct(var.service_principals)) }
    Action = [
      "kms:Decrypt",
      "kms:GenerateDataKey*",
    ]
    Resource = "*"
    Condition = {
      ArnLike = {
        "kms:EncryptionContext:aws:sns:topicArn" = "arn:${local.partition}:sns:${local.region}:${local.account_id}:*"
      }
    }
  }

  key_policy_statements = concat(
    [local.root_statement, local.logs_statement],
    length(var.service_principals) > 0 ? [local.sns_publishers_statement] : [],
  )
}

resource "aws_kms_key" "this" {
  description              = "${var.name}: encrypts the log groups, secrets, SNS topics and databases of the environment"
  key_usage                = "ENCRYPT_DECRYPT"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  multi_region             = false
  is_enabled               = true
  enable_key_rotation      = true
  deletion_window_in_days  = var.deletion_window_days

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.key_policy_statements
  })

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}
