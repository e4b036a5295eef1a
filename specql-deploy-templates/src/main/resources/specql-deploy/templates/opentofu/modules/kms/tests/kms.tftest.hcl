mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/deployer"
      user_id    = "AIDAEXAMPLEEXAMPLE0001"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition          = "aws"
      dns_suffix         = "amazonaws.com"
      reverse_dns_prefix = "com.amazonaws"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region      = "eu-west-1"
      description = "Europe (Ireland)"
      endpoint    = "ec2.eu-west-1.amazonaws.com"
    }
  }
}

variables {
  name = "acme-production"
  tags = {
    Team = "platform"
  }
}

run "secure_key_with_scoped_policy" {
  command = plan

  assert {
    condition     = aws_kms_key.this.enable_key_rotation
    error_message = "Key rotation must be on."
  }

  assert {
    condition     = aws_kms_key.this.customer_master_key_spec == "SYMMETRIC_DEFAULT" && aws_kms_key.this.key_usage == "ENCRYPT_DECRYPT"
    error_message = "The key must be a symmetric encryption key."
  }

  assert {
    condition     = aws_kms_key.this.deletion_window_in_days == 30
    error_message = "The default deletion window must be the longest (30 days)."
  }

  assert {
    condition     = aws_kms_alias.this.name == "alias/acme-production"
    error_message = "The alias must be alias/<name>."
  }

  assert {
    condition     = aws_kms_key.this.tags["Name"] == "acme-production" && aws_kms_key.this.tags["Team"] == "platform"
    error_message = "The key must carry the given tags and a Name tag."
  }

  assert {
    condition = anytrue([
      for statement in jsondecode(aws_kms_key.this.policy).Statement :
      statement.Principal == { AWS = "arn:aws:iam::123456789012:root" } && statement.Action == "kms:*"
    ])
    error_message = "The account root must keep full access (otherwise the key becomes unmanageable)."
  }

  assert {
    condition = anytrue([
      for statement in jsondecode(aws_kms_key.this.policy).Statement :
      try(statement.Principal.Service, "") == "logs.eu-west-1.amazonaws.com" &&
      try(statement.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], "") == "arn:aws:logs:eu-west-1:123456789012:log-group:*"
    ])
    error_message = "CloudWatch Logs must use its regional principal, limited to log groups of this account."
  }

  assert {
    condition = anytrue([
      for statement in jsondecode(aws_kms_key.this.policy).Statement :
      try(statement.Principal.Service, []) == ["cloudwatch.amazonaws.com"] &&
      try(statement.Condition.ArnLike["kms:EncryptionContext:aws:sns:topicArn"], "") == "arn:aws:sns:eu-west-1:123456789012:*" &&
      !contains(statement.Action, "kms:*")
    ])
    error_message = "CloudWatch alarms must be able to publish to encrypted topics of this account, and only that."
  }

  assert {
    condition = alltrue([
      for statement in jsondecode(aws_kms_key.this.policy).Statement :
      !contains(flatten([values(statement.Principal)]), "*")
    ])
    error_message = "No statement may have a wildcard principal."
  }
}

run "no_service_principals_drops_the_sns_statement" {
  command = plan

  variables {
    service_principals   = []
    deletion_window_days = 7
  }

  assert {
    condition     = length(jsondecode(aws_kms_key.this.policy).Statement) == 2
    error_message = "Without service principals the policy keeps only the root and CloudWatch Logs statements."
  }

  assert {
    condition     = aws_kms_key.this.deletion_window_in_days == 7
    error_message = "The deletion window must come from the variable."
  }
}

run "rejects_a_too_short_deletion_window" {
  command = plan

  variables {
    deletion_window_days = 5
  }

  expect_failures = [var.deletion_window_days]
}

run "rejects_an_invalid_name" {
  command = plan

  variables {
    name = "Acme_Production"
  }

  expect_failures = [var.name]
}

run "rejects_a_non_service_principal" {
  command = plan

  variables {
    service_principals = ["arn:aws:iam::210987654321:root"]
  }

  expect_failures = [var.service_principals]
}
