################################################################################
# The role one environment's deploy jobs assume through the CI system's OIDC tokens: no access key exists.
# It trusts only that environment's subjects, and may do only what that environment's deploy does.
################################################################################

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region

  # The identity provider is the account's one for this issuer (the bootstrap creates it, or it existed).
  identity_provider_arn = "arn:${local.partition}:iam::${local.account_id}:oidc-provider/${var.ci_issuer}"
  repository_arn        = "arn:${local.partition}:ecr:${local.region}:${local.account_id}:repository/${var.image_repository}"

  # Written as JSON here rather than with aws_iam_policy_document so that the module's tests read the real
  # conditions under a mocked provider.
  # IAM ANDs the operators within one statement and ORs statements: exact subjects and patterns each get their own
  # (a for over a list of at most one element, so that the two statements' different shapes need no conditional).
  trust_policy = {
    Version = "2012-10-17"
    Statement = concat(
      [for subjects in(length(var.ci_subjects) > 0 ? [var.ci_subjects] : []) : {
        Sid       = "ThisEnvironmentsPipelineOnly"
        Effect    = "Allow"
        Action    = "sts:AssumeRoleWithWebIdentity"
        Principal = { Federated = local.identity_provider_arn }
        Condition = {
          StringEquals = {
            "${var.ci_issuer}:aud" = var.ci_audience
            "${var.ci_issuer}:sub" = subjects
          }
        }
      }],
      [for patterns in(length(var.ci_subject_patterns) > 0 ? [var.ci_subject_patterns] : []) : {
        Sid       = "ThisEnvironmentsRefPatterns"
        Effect    = "Allow"
        Action    = "sts:AssumeRoleWithWebIdentity"
        Principal = { Federated = local.identity_provider_arn }
        Condition = {
          StringEquals = { "${var.ci_issuer}:aud" = var.ci_audience }
          StringLike   = { "${var.ci_issuer}:sub" = patterns }
        }
      }],
    )
  }

  image_statements = [
    {
      Sid      = "CheckTheImageExists"
      Effect   = "Allow"
      Action   = ["ecr:DescribeImages"]
      Resource = local.repository_arn
    },
  ]

  # var.x[*] is [] when x is null and [x] otherwise: a conditional could not join statements of different shapes.
  ecs_statements = flatten([for ecs in var.ecs[*] : [
    {
      # Neither action supports resource-level permissions: IAM requires "*".
      Sid      = "ReadTaskDefinitions"
      Effect   = "Allow"
      Action   = ["ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"]
      Resource = "*"
    },
    {
      Sid      = "RegisterRevisionsOfItsFamilies"
      Effect   = "Allow"
      Action   = ["ecs:RegisterTaskDefinition"]
      Resource = [for family in ecs.task_families : "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${family}:*"]
    },
    {
      # Revisions are registered with the tags of the one they replace; tagging anything else is refused.
      Sid      = "TagThoseRevisionsOnly"
      Effect   = "Allow"
      Action   = ["ecs:TagResource"]
      Resource = [for family in ecs.task_families : "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${family}:*"]
      Condition = {
        StringEquals = { "ecs:CreateAction" = "RegisterTaskDefinition" }
      }
    },
    {
      Sid      = "PassOnlyTheTasksRoles"
      Effect   = "Allow"
      Action   = ["iam:PassRole"]
      Resource = ecs.task_role_arns
      Condition = {
        StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" }
      }
    },
    {
      Sid      = "DeployItsServices"
      Effect   = "Allow"
      Action   = ["ecs:DescribeServices", "ecs:UpdateService"]
      Resource = ecs.service_arns
    },
    {
      Sid      = "WatchItsTasks"
      Effect   = "Allow"
      Action   = ["ecs:DescribeTasks"]
      Resource = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task/${element(split("/", ecs.cluster_arn), 1)}/*"
    },
  ]])

  run_task_statements = [for ecs in var.ecs[*] :
    {
      Sid      = "RunItsMigrationsInItsCluster"
      Effect   = "Allow"
      Action   = ["ecs:RunTask"]
      Resource = [for family in ecs.run_task_families : "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${family}:*"]
      Condition = {
        ArnEquals = { "ecs:cluster" = ecs.cluster_arn }
      }
    } if length(ecs.run_task_families) > 0
  ]

  server_statements = flatten([for server in var.server[*] : [
    {
      Sid    = "RunTheDeployScriptOnItsServer"
      Effect = "Allow"
      Action = ["ssm:SendCommand"]
      Resource = [
        "arn:${local.partition}:ec2:${local.region}:${local.account_id}:instance/${server.instance_id}",
        "arn:${local.partition}:ssm:${local.region}::document/AWS-RunShellScript",
      ]
    },
    {
      # Neither action supports resource-level permissions: IAM requires "*". They read results only.
      Sid      = "ReadTheResult"
      Effect   = "Allow"
      Action   = ["ssm:GetCommandInvocation", "ssm:ListCommandInvocations"]
      Resource = "*"
    },
  ]])
}

resource "aws_iam_role" "this" {
  name                 = "${var.name}-deploy"
  description          = "Deploys ${var.name} from CI (OIDC, no keys): only that environment's pipeline jobs may assume it."
  assume_role_policy   = jsonencode(local.trust_policy)
  max_session_duration = 3600

  tags = merge(var.tags, { Name = "${var.name}-deploy" })

  lifecycle {
    precondition {
      condition     = length(var.ci_subjects) + length(var.ci_subject_patterns) > 0
      error_message = "Give ci_subjects or ci_subject_patterns: a role that no pipeline may assume deploys nothing."
    }
    precondition {
      condition     = (var.ecs == null) != (var.server == null)
      error_message = "Give exactly one of ecs and server: the role deploys either ECS services or one server."
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "deploy"
  role   = aws_iam_role.this.id
  policy = jsonencode({ Version = "2012-10-17", Statement = concat(local.image_statements, local.ecs_statements, local.run_task_statements, local.server_statements) })
}
