mock_provider "aws" {}

variables {
  name         = "acme-production"
  kms_key_arn  = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  secret_names = ["SECRET_KEY_BASE", "STRIPE_API_KEY", "SMTP_PASSWORD"]
  tags = {
    Team = "platform"
  }
}

run "one_encrypted_empty_secret_per_name" {
  command = plan

  assert {
    condition     = length(aws_secretsmanager_secret.this) == 3
    error_message = "There must be one secret per name."
  }

  assert {
    condition     = aws_secretsmanager_secret.this["STRIPE_API_KEY"].name == "acme-production/STRIPE_API_KEY"
    error_message = "Secrets must be named <name>/<SECRET_NAME>."
  }

  assert {
    condition     = alltrue([for secret in aws_secretsmanager_secret.this : secret.kms_key_id == var.kms_key_arn])
    error_message = "Every secret must be encrypted with the CMK."
  }

  assert {
    condition     = alltrue([for secret in aws_secretsmanager_secret.this : secret.recovery_window_in_days == 7])
    error_message = "Deleted secrets must stay recoverable for 7 days by default."
  }

  assert {
    condition     = keys(output.arns) == ["SECRET_KEY_BASE", "SMTP_PASSWORD", "STRIPE_API_KEY"]
    error_message = "The arns output must map every secret name to its ARN."
  }

  assert {
    condition     = aws_secretsmanager_secret.this["SMTP_PASSWORD"].tags["Name"] == "acme-production/SMTP_PASSWORD" && aws_secretsmanager_secret.this["SMTP_PASSWORD"].tags["Team"] == "platform"
    error_message = "Secrets must carry the given tags and a Name tag."
  }
}

run "no_secrets" {
  command = plan

  variables {
    secret_names = []
  }

  assert {
    condition     = length(aws_secretsmanager_secret.this) == 0 && output.arns == {}
    error_message = "An empty list must create no secret."
  }
}

run "rejects_a_lowercase_secret_name" {
  command = plan

  variables {
    secret_names = ["database_url"]
  }

  expect_failures = [var.secret_names]
}

run "rejects_duplicate_secret_names" {
  command = plan

  variables {
    secret_names = ["SECRET_KEY_BASE", "SECRET_KEY_BASE"]
  }

  expect_failures = [var.secret_names]
}

run "rejects_a_recovery_window_aws_does_not_accept" {
  command = plan

  variables {
    recovery_window_days = 3
  }

  expect_failures = [var.recovery_window_days]
}

run "rejects_an_alias_instead_of_a_key_arn" {
  command = plan

  variables {
    kms_key_arn = "alias/acme-production"
  }

  expect_failures = [var.kms_key_arn]
}
