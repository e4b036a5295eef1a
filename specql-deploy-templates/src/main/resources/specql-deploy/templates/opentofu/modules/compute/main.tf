data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  log_group_name = "/ecs/${var.name}"

  # Whether a blue/green deployment is rolled back by its alarm (blue_green.rollback_on_error).
  deployment_alarm = var.blue_green != null && try(var.blue_green.rollback_on_error, false)

  # The ECR repository the image comes from (standard, FIPS and dual-stack registry host names), so the execution
  # role may pull from that repository only. An image from another registry needs no ECR permission.
  ecr_image          = try(regex("^(?P<account>[0-9]{12})\\.dkr[.-]ecr(?:-fips)?\\.(?P<region>[a-z0-9-]+)\\.(?:amazonaws\\.com(?:\\.cn)?|on\\.aws)/(?P<repository>[^@:]+)", var.image), null)
  ecr_repository_arn = local.ecr_image == null ? null : "arn:${local.partition}:ecr:${local.ecr_image.region}:${local.ecr_image.account}:repository/${local.ecr_image.repository}"

  # Fargate accepts only these CPU/memory pairs.
  fargate_size_valid = (
    var.cpu == 256 ? contains([512, 1024, 2048], var.memory) :
    var.cpu == 512 ? var.memory >= 1024 && var.memory <= 4096 && var.memory % 1024 == 0 :
    var.cpu == 1024 ? var.memory >= 2048 && var.memory <= 8192 && var.memory % 1024 == 0 :
    var.cpu == 2048 ? var.memory >= 4096 && var.memory <= 16384 && var.memory % 1024 == 0 :
    var.cpu == 4096 ? var.memory >= 8192 && var.memory <= 30720 && var.memory % 1024 == 0 :
    var.cpu == 8192 ? var.memory >= 16384 && var.memory <= 61440 && var.memory % 4096 == 0 :
    var.memory >= 32768 && var.memory <= 122880 && var.memory % 8192 == 0
  )

  # Secrets Manager ARN without the ":<json-key>:<stage>:<version>" suffix (the first seven ":"-separated fields).
  secret_base_arns = distinct([for v in concat(values(var.secrets), values(var.migration_overrides.secrets)) : join(":", slice(split(":", v), 0, 7))])

  # Settings shared by the application, migration and worker containers.
  container_base = {
    image                  = var.image
    essential              = true
    user                   = "10001"
    readonlyRootFilesystem = true
    privileged             = false
    linuxParameters = {
      initProcessEnabled = true
      capabilities       = { drop = ["ALL"] }
    }
    mountPoints = [for i, path in var.writable_paths : { sourceVolume = "writable-${i}", containerPath = path, readOnly = false }]
    environment = [for k in sort(keys(var.environment)) : { name = k, value = var.environment[k] }]
    secrets     = [for k in sort(keys(var.secrets)) : { name = k, valueFrom = var.secrets[k] }]
  }

  log_options = {
    "awslogs-group"  = local.log_group_name
    "awslogs-region" = local.region
    # A full log buffer drops lines instead of blocking the application.
    "mode"            = "non-blocking"
    "max-buffer-size" = "25m"
  }

  app_container = merge(local.container_base, {
    name         = "app"
    portMappings = [{ name = "http", containerPort = var.container_port, protocol = "tcp" }]
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.log_options, { "awslogs-stream-prefix" = "app" })
    }
  }, length(var.command) > 0 ? { command = var.command } : {}, length(var.entry_point) > 0 ? { entryPoint = var.entry_point } : {})

  migration_environment = merge(var.environment, var.migration_overrides.environment)
  migration_secrets     = merge(var.secrets, var.migration_overrides.secrets)
  migration_container = merge(local.container_base, {
    name        = "migrate"
    command     = var.migration_command
    environment = [for k in sort(keys(local.migration_environment)) : { name = k, value = local.migration_environment[k] }]
    secrets     = [for k in sort(keys(local.migration_secrets)) : { name = k, valueFrom = local.migration_secrets[k] }]
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.log_options, { "awslogs-stream-prefix" = "migrate" })
    }
  })

  # psql of the official postgres image, as its own user; the script is database-access.sh.
  database_access_container = var.database_access == null ? null : {
    name                   = "access"
    image                  = var.database_access.image
    essential              = true
    user                   = "999"
    readonlyRootFilesystem = true
    privileged             = false
    entryPoint             = ["sh", "-c"]
    command                = [file("${path.module}/database-access.sh")]
    linuxParameters = {
      initProcessEnabled = true
      capabilities       = { drop = ["ALL"] }
    }
    environment = [for k, v in {
      PGHOST            = var.database_access.host
      PGPORT            = tostring(var.database_access.port)
      PGUSER            = var.database_access.admin_username
      PGSSLMODE         = "require"
      PGCONNECT_TIMEOUT = "10"
      PGAPPNAME         = "database-access"
      APP_USERNAME      = var.database_access.app_username
      DATABASES         = join(" ", var.database_access.databases)
    } : { name = k, value = v }]
    secrets = [
      { name = "APP_PASSWORD", valueFrom = var.database_access.app_password },
      { name = "PGPASSWORD", valueFrom = var.database_access.admin_password },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.log_options, { "awslogs-stream-prefix" = "access" })
    }
  }

  worker_environment = var.worker == null ? {} : merge(var.environment, var.worker.environment)
  worker_container = var.worker == null ? null : merge(local.container_base, {
    name        = "worker"
    command     = var.worker.command
    environment = [for k in sort(keys(local.worker_environment)) : { name = k, value = local.worker_environment[k] }]
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.log_options, { "awslogs-stream-prefix" = "worker" })
    }
  })

  execution_policy = {
    Version = "2012-10-17"
    Statement = concat(
      [for statement in [
        {
          Sid      = "EcrAuthorization"
          Effect   = "Allow"
          Action   = "ecr:GetAuthorizationToken"
          Resource = "*" # GetAuthorizationToken has no resource-level permissions.
        },
        {
          Sid      = "EcrPullImage"
          Effect   = "Allow"
          Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
          Resource = local.ecr_repository_arn
        },
      ] : statement if local.ecr_repository_arn != null],
      [
        {
          Sid      = "WriteContainerLogs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = [aws_cloudwatch_log_group.this.arn, "${aws_cloudwatch_log_group.this.arn}:log-stream:*"]
        },
      ],
      [for statement in [
        {
          Sid      = "ReadInjectedSecrets"
          Effect   = "Allow"
          Action   = "secretsmanager:GetSecretValue"
          Resource = var.secret_arns_readable
        },
        {
          Sid       = "DecryptInjectedSecrets"
          Effect    = "Allow"
          Action    = "kms:Decrypt"
          Resource  = var.kms_key_arn
          Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.${local.region}.amazonaws.com" } }
        },
      ] : statement if length(var.secret_arns_readable) > 0],
    )
  }

  network_configuration = {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = var.assign_public_ip
  }
}

################################################################################
# Cluster and logs
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  # checkov:skip=CKV_AWS_338: retention follows the pattern: production-saas keeps logs 365 days, small-saas and pre-production environments keep them 14 to 30 days to save storage cost; set the retention to 365 or more where a one-year requirement applies
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = merge(var.tags, { Name = local.log_group_name })
}

resource "aws_ecs_cluster" "this" {
  # checkov:skip=CKV_AWS_65: Container Insights is a variable (default on); small-saas turns it off because its per-task metrics would cost about $11 a month of a $75 budget, while the free service CPU and memory metrics back the alarms and the dashboard. production-saas keeps it on in production
  name = var.name

  setting {
    name  = "containerInsights"
    value = var.container_insights ? "enabled" : "disabled"
  }

  # ECS Exec stays disabled on the service (enable_execute_command = false); should it be turned on, sessions are
  # encrypted with the CMK and logged to the encrypted log group.
  configuration {
    execute_command_configuration {
      kms_key_id = var.kms_key_arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.this.name
      }
    }
  }

  tags = merge(var.tags, { Name = var.name })
}

# Both Fargate capacities, so each service picks its own (capacity_provider, worker.capacity_provider).
resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
}

################################################################################
# IAM: execution role (ECS agent: pull, logs, secrets) and task role (the application: nothing by default)
################################################################################

resource "aws_iam_role" "execution" {
  name        = "${var.name}-ecs-execution"
  description = "ECS agent of ${var.name}: pulls the image, writes container logs, reads the injected secrets"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
    ]
  })

  tags = merge(var.tags, { Name = "${var.name}-ecs-execution" })
}

resource "aws_iam_role_policy" "execution" {
  name   = "ecs-execution"
  role   = aws_iam_role.execution.id
  policy = jsonencode(local.execution_policy)

  lifecycle {
    precondition {
      condition     = alltrue([for arn in local.secret_base_arns : contains(var.secret_arns_readable, arn)])
      error_message = "Every secret referenced in secrets must be listed (without JSON-key suffix) in secret_arns_readable, or the tasks cannot start."
    }
  }
}

resource "aws_iam_role" "task" {
  name        = "${var.name}-ecs-task"
  description = "Application containers of ${var.name}; no permissions by default, attach policies for the AWS APIs the application calls"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
        Action    = "sts:AssumeRole"
        # Only ECS tasks of this account and region may assume the role (confused-deputy protection).
        Condition = {
          ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:*" }
          StringEquals = { "aws:SourceAccount" = local.account_id }
        }
      },
    ]
  })

  tags = merge(var.tags, { Name = "${var.name}-ecs-task" })
}

################################################################################
# Security group of the tasks
################################################################################

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-tasks-"
  description = "ECS tasks: container port from the ALB only; out 443 (AWS APIs, internet) and 5432 to the database"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-tasks" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  security_group_id            = aws_security_group.this.id
  description                  = "Application traffic and health checks from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = var.alb_security_group_id

  tags = merge(var.tags, { Name = "${var.name}-tasks-from-alb" })
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "HTTPS to AWS APIs (ECR, CloudWatch Logs, Secrets Manager) and external services through NAT"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, { Name = "${var.name}-tasks-https" })
}

# Counted on whether a database is given, known while planning, never on its security group ID, which a
# first deploy learns only on apply.
resource "aws_vpc_security_group_egress_rule" "database" {
  count = var.database == null ? 0 : 1

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL to the database"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.database.security_group_id

  tags = merge(var.tags, { Name = "${var.name}-tasks-database" })
}

# Other private services the tasks call, such as the Valkey broker of the cache module. Indexed by
# position: the security group IDs are only known after apply.
resource "aws_vpc_security_group_egress_rule" "additional" {
  count = length(var.additional_egress)

  security_group_id            = aws_security_group.this.id
  description                  = var.additional_egress[count.index].description
  ip_protocol                  = "tcp"
  from_port                    = var.additional_egress[count.index].port
  to_port                      = var.additional_egress[count.index].port
  referenced_security_group_id = var.additional_egress[count.index].security_group_id

  tags = merge(var.tags, { Name = "${var.name}-tasks-egress-${count.index}" })
}

################################################################################
# Task definitions
################################################################################

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.app_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # Writable scratch space for the read-only root filesystem.
  dynamic "volume" {
    for_each = var.writable_paths
    content {
      name = "writable-${volume.key}"
    }
  }

  # Old revisions stay ACTIVE so a circuit-breaker rollback (or a manual one) can always use them.
  skip_destroy = true

  tags = merge(var.tags, { Name = var.name })

  lifecycle {
    precondition {
      condition     = local.fargate_size_valid
      error_message = "cpu = ${var.cpu} with memory = ${var.memory} MiB is not a Fargate size (256: 512/1024/2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384; 4096: 8192-30720 in 1024 steps; 8192: 16384-61440 in 4096 steps; 16384: 32768-122880 in 8192 steps)."
    }

    precondition {
      condition     = length(setintersection(keys(var.environment), keys(var.secrets))) == 0
      error_message = "A variable name appears in both environment and secrets; ECS would refuse the task definition."
    }
  }
}

resource "aws_ecs_task_definition" "migration" {
  count = length(var.migration_command) > 0 ? 1 : 0

  family                   = "${var.name}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.migration_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  dynamic "volume" {
    for_each = var.writable_paths
    content {
      name = "writable-${volume.key}"
    }
  }

  skip_destroy = true

  tags = merge(var.tags, { Name = "${var.name}-migrate" })
}

resource "aws_ecs_task_definition" "database_access" {
  count = var.database_access == null ? 0 : 1

  family                   = "${var.name}-database-access"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.database_access_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  skip_destroy = true

  tags = merge(var.tags, { Name = "${var.name}-database-access" })

  lifecycle {
    precondition {
      condition     = alltrue([for arn in [var.database_access.admin_password, var.database_access.app_password] : contains(var.secret_arns_readable, join(":", slice(split(":", arn), 0, 7)))])
      error_message = "The master and app passwords' secrets must be listed in secret_arns_readable, or the task cannot start."
    }
  }
}

resource "aws_ecs_task_definition" "worker" {
  count = var.worker == null ? 0 : 1

  family                   = "${var.name}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.worker_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  dynamic "volume" {
    for_each = var.writable_paths
    content {
      name = "writable-${volume.key}"
    }
  }

  skip_destroy = true

  tags = merge(var.tags, { Name = "${var.name}-worker" })
}

################################################################################
# Services
################################################################################

resource "aws_ecs_service" "this" {
  name                   = var.name
  cluster                = aws_ecs_cluster.this.arn
  task_definition        = aws_ecs_task_definition.this.arn
  desired_count          = var.desired_count
  platform_version       = "LATEST"
  enable_execute_command = false

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = var.health_check_grace_period_seconds
  availability_zone_rebalancing      = "ENABLED"
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  # The apply fails when the new tasks never settle (the circuit breaker then rolls back), instead of
  # reporting success while ECS is still trying.
  wait_for_steady_state = var.wait_for_steady_state

  # A change of capacity provider takes a new deployment (the provider refuses it otherwise). With it, any update
  # of the service also replaces its tasks, as a new task definition does.
  force_new_deployment = true

  capacity_provider_strategy {
    capacity_provider = var.capacity_provider
    weight            = 1
  }

  deployment_controller {
    type = "ECS"
  }

  # A rolling deployment whose tasks never become healthy is stopped and rolled back to the last working revision.
  # ECS's circuit breaker is for rolling updates only: a blue/green deployment whose new tasks fail their health
  # checks never takes traffic, and its alarm rolls it back once it does.
  deployment_circuit_breaker {
    enable   = var.blue_green == null
    rollback = var.blue_green == null
  }

  network_configuration {
    subnets          = local.network_configuration.subnets
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = local.network_configuration.assign_public_ip
  }

  load_balancer {
    target_group_arn = var.target_group_arn
    container_name   = "app"
    container_port   = var.container_port

    dynamic "advanced_configuration" {
      for_each = var.blue_green == null ? [] : [var.blue_green]

      content {
        alternate_target_group_arn = advanced_configuration.value.alternate_target_group_arn
        production_listener_rule   = advanced_configuration.value.production_listener_rule_arn
        test_listener_rule         = advanced_configuration.value.test_listener_rule_arn
        role_arn                   = aws_iam_role.load_balancers[0].arn
      }
    }
  }

  # Blue/green (ECS's own): the new revision starts in the idle target group, takes test traffic, then production
  # traffic at once, in equal steps or after a canary; the old revision keeps running for the bake time, so a
  # rollback only moves traffic back.
  dynamic "deployment_configuration" {
    for_each = var.blue_green == null ? [] : [var.blue_green]

    content {
      strategy             = deployment_configuration.value.strategy
      bake_time_in_minutes = tostring(deployment_configuration.value.bake_minutes)

      dynamic "linear_configuration" {
        for_each = deployment_configuration.value.strategy == "LINEAR" ? [deployment_configuration.value] : []

        content {
          step_percent              = linear_configuration.value.step_percent
          step_bake_time_in_minutes = tostring(linear_configuration.value.step_minutes)
        }
      }

      dynamic "canary_configuration" {
        for_each = deployment_configuration.value.strategy == "CANARY" ? [deployment_configuration.value] : []

        content {
          canary_percent              = canary_configuration.value.step_percent
          canary_bake_time_in_minutes = tostring(canary_configuration.value.step_minutes)
        }
      }
    }
  }

  # The deployment alarm rolls a blue/green deployment back while it shifts and bakes.
  dynamic "alarms" {
    for_each = local.deployment_alarm ? [1] : []

    content {
      alarm_names = [aws_cloudwatch_metric_alarm.deployment[0].alarm_name]
      enable      = true
      rollback    = true
    }
  }

  tags = merge(var.tags, { Name = var.name })

  lifecycle {
    # Application Auto Scaling owns the task count after creation.
    ignore_changes = [desired_count]
  }

  # The execution role needs its permissions before the first task starts, and keeps them until the last one stops;
  # so does ECS's role on the load balancer for blue/green.
  depends_on = [aws_iam_role_policy.execution, aws_ecs_cluster_capacity_providers.this, aws_iam_role_policy_attachment.load_balancers]
}

################################################################################
# Blue/green: ECS's role on the load balancer, and the alarm that rolls a deployment back
################################################################################

resource "aws_iam_role" "load_balancers" {
  count = var.blue_green == null ? 0 : 1

  name        = "${var.name}-ecs-load-balancers"
  description = "Assumed by ECS to move ${var.name}'s traffic between its two target groups during blue/green deployments."

  # The trust policy AWS documents for this role, as it is: whether ECS sends aws:SourceAccount when it assumes it is
  # not documented, and a condition it does not meet would stop every deployment.
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = merge(var.tags, { Name = "${var.name}-ecs-load-balancers" })
}

# AWS's managed policy for this role: listener rules and target groups of the account's load balancers, what ECS needs
# to register tasks and move weights.
resource "aws_iam_role_policy_attachment" "load_balancers" {
  count = var.blue_green == null ? 0 : 1

  role       = aws_iam_role.load_balancers[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers"
}

# The new revision's errors while traffic moves and the old revision bakes: the load balancer's target 5xx over its
# requests, both target groups together (either may be the new one). One-minute periods, two in a row: a deployment
# is rolled back within about three minutes of going bad. It pages no one; the monitoring module's alarms do.
resource "aws_cloudwatch_metric_alarm" "deployment" {
  count = local.deployment_alarm ? 1 : 0

  alarm_name          = "${var.name}-deployment-5xx"
  alarm_description   = "More than ${var.blue_green.error_rate_percent}% of the requests answered 5xx for 2 minutes: ECS rolls the blue/green deployment of ${var.name} back to the previous revision."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.blue_green.error_rate_percent
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"
  actions_enabled     = true

  metric_query {
    id          = "error_rate"
    expression  = "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"
    label       = "Target 5xx (% of requests)"
    return_data = true
  }

  metric_query {
    id = "errors"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = { LoadBalancer = var.blue_green.load_balancer_arn_suffix }
      stat        = "Sum"
      period      = 60
    }
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = { LoadBalancer = var.blue_green.load_balancer_arn_suffix }
      stat        = "Sum"
      period      = 60
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-deployment-5xx" })
}

resource "aws_ecs_service" "worker" {
  count = var.worker == null ? 0 : 1

  name                   = "${var.name}-worker"
  cluster                = aws_ecs_cluster.this.arn
  task_definition        = aws_ecs_task_definition.worker[0].arn
  desired_count          = var.worker.count
  platform_version       = "LATEST"
  enable_execute_command = false

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  availability_zone_rebalancing      = "ENABLED"
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  wait_for_steady_state              = var.wait_for_steady_state

  force_new_deployment = true

  capacity_provider_strategy {
    capacity_provider = var.worker.capacity_provider
    weight            = 1
  }

  deployment_controller {
    type = "ECS"
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = local.network_configuration.subnets
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = local.network_configuration.assign_public_ip
  }

  tags = merge(var.tags, { Name = "${var.name}-worker" })

  depends_on = [aws_iam_role_policy.execution, aws_ecs_cluster_capacity_providers.this]
}

################################################################################
# Autoscaling of the application service
################################################################################

resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.autoscaling.min
  max_capacity       = var.autoscaling.max

  tags = merge(var.tags, { Name = var.name })

  lifecycle {
    precondition {
      condition     = var.desired_count >= var.autoscaling.min && var.desired_count <= var.autoscaling.max
      error_message = "desired_count (${var.desired_count}) must lie between autoscaling.min (${var.autoscaling.min}) and autoscaling.max (${var.autoscaling.max})."
    }
  }
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.autoscaling.target_cpu
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

# Requests per task are counted on one target group; with blue/green the groups swap at every deployment and the count
# would follow the idle one, so blue/green services scale on CPU only.
resource "aws_appautoscaling_policy" "requests" {
  count = var.blue_green == null ? 1 : 0

  name               = "${var.name}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.autoscaling.requests_per_target
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = var.alb_resource_label
    }
  }
}

moved {
  from = aws_appautoscaling_policy.requests
  to   = aws_appautoscaling_policy.requests[0]
}
