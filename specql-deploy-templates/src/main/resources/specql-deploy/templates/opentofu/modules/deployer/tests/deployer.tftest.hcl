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
  name             = "acme-staging"
  ci_issuer        = "token.actions.githubusercontent.com"
  ci_audience      = "sts.amazonaws.com"
  ci_subjects      = ["repo:acme/crm:environment:staging"]
  image_repository = "acme"
  ecs = {
    cluster_arn       = "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-staging"
    service_arns      = ["arn:aws:ecs:eu-west-1:123456789012:service/acme-staging/acme-staging"]
    task_families     = ["acme-staging", "acme-staging-migrate"]
    run_task_families = ["acme-staging-migrate"]
    task_role_arns    = ["arn:aws:iam::123456789012:role/acme-staging-execution", "arn:aws:iam::123456789012:role/acme-staging-task"]
  }
}

run "trusts_only_its_own_environment" {
  command = plan

  assert {
    condition     = length(jsondecode(aws_iam_role.this.assume_role_policy).Statement) == 1
    error_message = "The trust policy must have exactly one statement."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.Federated == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    error_message = "Only the account's GitHub OIDC provider may be trusted."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com"
    error_message = "The audience must be checked."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == ["repo:acme/crm:environment:staging"]
    error_message = "The subject must be exactly the staging environment's, compared with StringEquals."
  }

  # Another environment's jobs, another repository, or a branch without an environment present other subjects.
  assert {
    condition = alltrue([for other in ["repo:acme/crm:environment:production", "repo:acme/crm:ref:refs/heads/main", "repo:evil/crm:environment:staging", "repo:acme/crm:pull_request"] :
    !contains(jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"], other)])
    error_message = "No other environment, branch, repository or pull request may assume the staging role."
  }

  assert {
    condition     = keys(jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition) == ["StringEquals"]
    error_message = "Only exact matches: no StringLike that a wildcard could widen."
  }
}

run "allowed_exactly_its_ecs_deploy" {
  command = plan

  assert {
    condition = toset([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Sid]) == toset([
      "CheckTheImageExists", "ReadTaskDefinitions", "RegisterRevisionsOfItsFamilies", "TagThoseRevisionsOnly", "PassOnlyTheTasksRoles",
    "DeployItsServices", "WatchItsTasks", "RunItsMigrationsInItsCluster"])
    error_message = "The ECS deploy role must have exactly its statements."
  }

  assert {
    condition = one([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Resource if statement.Sid == "RegisterRevisionsOfItsFamilies"]) == [
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/acme-staging:*",
    "arn:aws:ecs:eu-west-1:123456789012:task-definition/acme-staging-migrate:*"]
    error_message = "Task definitions may be registered in the environment's own families only."
  }

  assert {
    condition     = one([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Condition.ArnEquals["ecs:cluster"] if statement.Sid == "RunItsMigrationsInItsCluster"]) == "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-staging"
    error_message = "One-off tasks may run in the environment's cluster only."
  }

  assert {
    condition     = one([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Resource if statement.Sid == "WatchItsTasks"]) == "arn:aws:ecs:eu-west-1:123456789012:task/acme-staging/*"
    error_message = "Only the cluster's tasks may be described."
  }

  assert {
    condition     = one([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Condition.StringEquals["iam:PassedToService"] if statement.Sid == "PassOnlyTheTasksRoles"]) == "ecs-tasks.amazonaws.com"
    error_message = "The task roles may be passed to ECS tasks only."
  }

  assert {
    condition     = alltrue([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Resource != "*" || statement.Sid == "ReadTaskDefinitions"])
    error_message = "Only the read-only task definition actions, which IAM cannot scope, may name every resource."
  }
}

run "server_deploy_runs_commands_on_its_server_only" {
  command = plan

  variables {
    ecs    = null
    server = { instance_id = "i-0123456789abcdef0" }
  }

  assert {
    condition = one([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Resource if statement.Sid == "RunTheDeployScriptOnItsServer"]) == [
      "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0",
    "arn:aws:ssm:eu-west-1::document/AWS-RunShellScript"]
    error_message = "Run Command must be limited to the environment's server and the shell-script document."
  }

  assert {
    condition     = alltrue([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement.Resource != "*" || statement.Sid == "ReadTheResult"])
    error_message = "Only reading command results, which IAM cannot scope, may name every resource."
  }

  assert {
    condition     = length([for statement in jsondecode(aws_iam_role_policy.this.policy).Statement : statement if startswith(statement.Sid, "Deploy") || startswith(statement.Sid, "Register")]) == 0
    error_message = "A server deploy role must not touch ECS."
  }
}

run "refuses_wildcard_subjects" {
  command = plan

  variables {
    ci_subjects = ["repo:acme/crm:*"]
  }

  expect_failures = [var.ci_subjects]
}

# GitLab CI's tokens name the ref, not the environment: a production role trusts the refs that deploy there, a tag
# pattern by StringLike in a statement of its own (IAM would AND it with the exact subjects in one statement).
run "gitlab_refs_exact_and_by_pattern" {
  command = plan

  variables {
    ci_issuer           = "gitlab.com"
    ci_audience         = "https://gitlab.com"
    ci_subjects         = ["project_path:acme/platform/crm:ref_type:branch:ref:main"]
    ci_subject_patterns = ["project_path:acme/platform/crm:ref_type:tag:ref:v*"]
  }

  assert {
    condition     = [for statement in jsondecode(aws_iam_role.this.assume_role_policy).Statement : keys(statement.Condition)] == [["StringEquals"], ["StringEquals", "StringLike"]]
    error_message = "Exact subjects and patterns must be two statements, the pattern's with StringLike."
  }

  assert {
    condition     = alltrue([for statement in jsondecode(aws_iam_role.this.assume_role_policy).Statement : statement.Condition.StringEquals["gitlab.com:aud"] == "https://gitlab.com"])
    error_message = "Both statements must check the audience."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[1].Condition.StringLike["gitlab.com:sub"] == ["project_path:acme/platform/crm:ref_type:tag:ref:v*"]
    error_message = "The tag pattern must be matched with StringLike."
  }

  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["gitlab.com:sub"] == ["project_path:acme/platform/crm:ref_type:branch:ref:main"]
    error_message = "The branch must be matched exactly."
  }
}

run "refuses_a_pattern_with_an_inner_wildcard" {
  command = plan

  variables {
    ci_subject_patterns = ["project_path:acme/*:ref_type:tag:ref:v*"]
  }

  expect_failures = [var.ci_subject_patterns]
}

run "refuses_a_role_no_pipeline_may_assume" {
  command = plan

  variables {
    ci_subjects = []
  }

  expect_failures = [aws_iam_role.this]
}

run "refuses_both_targets" {
  command = plan

  variables {
    server = { instance_id = "i-0123456789abcdef0" }
  }

  expect_failures = [aws_iam_role.this]
}
