mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:role/deployer"
      user_id    = "AROAEXAMPLEDEPLOYER:ci"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "eu-west-1"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/shop-production"
    }
  }

  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0task0000000000001"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/shop-production-role"
    }
  }
}

override_resource {
  target = aws_iam_role.execution
  values = {
    arn = "arn:aws:iam::123456789012:role/shop-production-ecs-execution"
  }
}

override_resource {
  target = aws_iam_role.task
  values = {
    arn = "arn:aws:iam::123456789012:role/shop-production-ecs-task"
  }
}

variables {
  name                  = "shop-production"
  tags                  = { Team = "platform" }
  vpc_id                = "vpc-0123456789abcdef0"
  subnet_ids            = ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"]
  alb_security_group_id = "sg-0a1b2c3d4e5f60001"
  target_group_arn      = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production-tg/0123456789abcdef"
  alb_resource_label    = "app/shop-production-alb/0123456789abcdef/targetgroup/shop-production-tg/fedcba9876543210"
  image                 = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop@sha256:8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"
  cpu_architecture      = "ARM64"
  cpu                   = 512
  memory                = 1024
  container_port        = 8000
  migration_command     = ["confiture", "migrate", "up"]
  environment = {
    DATABASE_URL = "postgresql://app@shop-production.abcdefghijkl.eu-west-1.rds.amazonaws.com:5432/shop?sslmode=require"
    LOG_LEVEL    = "info"
  }
  secrets = {
    PGPASSWORD = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf:password::"
    API_KEY    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/API_KEY-GhIjKl"
  }
  secret_arns_readable = [
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/API_KEY-GhIjKl",
  ]
  desired_count      = 2
  autoscaling        = { min = 2, max = 6, target_cpu = 60, requests_per_target = 1000 }
  log_retention_days = 30
  kms_key_arn        = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  database           = { security_group_id = "sg-0a1b2c3d4e5f60099" }
}

run "tasks_are_private_and_hardened" {
  command = plan

  assert {
    condition     = one(aws_ecs_service.this.network_configuration).assign_public_ip == false
    error_message = "Tasks must not get a public IP."
  }

  assert {
    condition     = one(aws_ecs_service.this.network_configuration).subnets == toset(var.subnet_ids)
    error_message = "Tasks must run in the private subnets."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].readonlyRootFilesystem == true
    error_message = "The root filesystem must be read-only."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].user == "10001"
    error_message = "The container must run as the non-root user 10001."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].privileged == false && jsondecode(aws_ecs_task_definition.this.container_definitions)[0].linuxParameters.capabilities.drop == ["ALL"]
    error_message = "The container must not be privileged and must drop all capabilities."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].mountPoints[0].containerPath == "/tmp" && one(aws_ecs_task_definition.this.volume).name == "writable-0"
    error_message = "A writable /tmp volume must be mounted."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].linuxParameters.initProcessEnabled == true
    error_message = "The init process must be enabled."
  }

  assert {
    condition     = one(aws_ecs_task_definition.this.runtime_platform).cpu_architecture == "ARM64" && aws_ecs_task_definition.this.network_mode == "awsvpc" && aws_ecs_task_definition.this.requires_compatibilities == toset(["FARGATE"])
    error_message = "The task definition must be a Fargate awsvpc task for the requested architecture."
  }

  assert {
    condition     = one(aws_ecs_service.this.capacity_provider_strategy).capacity_provider == "FARGATE" && aws_ecs_service.this.platform_version == "LATEST" && aws_ecs_service.this.enable_execute_command == false && aws_ecs_cluster.this.setting == toset([{ name = "containerInsights", value = "enabled" }])
    error_message = "By default the service must run on on-demand Fargate, latest platform, ECS Exec off, Container Insights on."
  }

  assert {
    condition     = aws_iam_role.task.name != aws_iam_role.execution.name
    error_message = "The task role must be distinct from the execution role."
  }
}

run "secrets_are_injected_not_written" {
  command = plan

  assert {
    condition     = { for s in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets : s.name => s.valueFrom } == var.secrets
    error_message = "Every secret must be injected from Secrets Manager by ECS."
  }

  assert {
    condition     = !strcontains(aws_ecs_task_definition.this.container_definitions, "\"PGPASSWORD\",\"value\"")
    error_message = "No secret may appear as a plain environment value."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s if s.Sid == "ReadInjectedSecrets"]).Resource == var.secret_arns_readable
    error_message = "The execution role must read exactly secret_arns_readable."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s if s.Sid == "EcrPullImage"]).Resource == "arn:aws:ecr:eu-west-1:123456789012:repository/shop"
    error_message = "The execution role may pull from the image's repository only."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].logConfiguration.logDriver == "awslogs" && aws_cloudwatch_log_group.this.kms_key_id == var.kms_key_arn && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "Logs must go through awslogs to a KMS-encrypted log group with retention."
  }
}

run "deployments_roll_back_on_failure" {
  command = plan

  assert {
    condition     = one(aws_ecs_service.this.deployment_circuit_breaker).enable == true && one(aws_ecs_service.this.deployment_circuit_breaker).rollback == true
    error_message = "The deployment circuit breaker must be on with rollback."
  }

  assert {
    condition     = aws_ecs_service.this.deployment_minimum_healthy_percent == 100 && aws_ecs_service.this.deployment_maximum_percent == 200
    error_message = "Rolling deployments must keep 100% healthy and allow 200%."
  }

  assert {
    condition     = one(aws_ecs_service.this.load_balancer).container_name == "app" && one(aws_ecs_service.this.load_balancer).container_port == 8000 && one(aws_ecs_service.this.load_balancer).target_group_arn == var.target_group_arn
    error_message = "The service must register the app container in the target group."
  }

  assert {
    condition     = aws_appautoscaling_target.this.min_capacity == 2 && aws_appautoscaling_target.this.max_capacity == 6
    error_message = "Autoscaling bounds must come from autoscaling."
  }

  assert {
    condition     = one(one(aws_appautoscaling_policy.requests[0].target_tracking_scaling_policy_configuration).predefined_metric_specification).resource_label == var.alb_resource_label
    error_message = "The request-count policy must use the ALB/target group resource label."
  }
}

run "blue_green_deployments_shift_in_steps_and_roll_back_on_the_alarm" {
  command = plan

  variables {
    blue_green = {
      alternate_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production-tg2/0123456789abcdef"
      production_listener_rule_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop-production-alb/0123456789abcdef/0a1b2c3d4e5f6a7b/1111111111111111"
      test_listener_rule_arn       = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop-production-alb/0123456789abcdef/0a1b2c3d4e5f6a7b/2222222222222222"
      load_balancer_arn_suffix     = "app/shop-production-alb/0123456789abcdef"
      strategy                     = "LINEAR"
      step_percent                 = 10
      step_minutes                 = 1
      bake_minutes                 = 1
      rollback_on_error            = true
    }
  }

  assert {
    condition     = one(aws_ecs_service.this.deployment_controller).type == "ECS" && one(aws_ecs_service.this.deployment_configuration).strategy == "LINEAR" && one(aws_ecs_service.this.deployment_configuration).bake_time_in_minutes == "1" && one(one(aws_ecs_service.this.deployment_configuration).linear_configuration).step_percent == 10 && one(one(aws_ecs_service.this.deployment_configuration).linear_configuration).step_bake_time_in_minutes == "1" && length(one(aws_ecs_service.this.deployment_configuration).canary_configuration) == 0
    error_message = "A LINEAR blue/green deployment must shift step_percent every step_minutes with ECS's own controller, then bake."
  }

  assert {
    condition     = one(aws_ecs_service.this.deployment_circuit_breaker).enable == false
    error_message = "ECS's circuit breaker is for rolling updates only; a blue/green service must not ask for it."
  }

  assert {
    condition     = one(one(aws_ecs_service.this.load_balancer).advanced_configuration).alternate_target_group_arn == var.blue_green.alternate_target_group_arn && one(one(aws_ecs_service.this.load_balancer).advanced_configuration).production_listener_rule == var.blue_green.production_listener_rule_arn && one(one(aws_ecs_service.this.load_balancer).advanced_configuration).test_listener_rule == var.blue_green.test_listener_rule_arn && one(aws_ecs_service.this.load_balancer).target_group_arn == var.target_group_arn
    error_message = "The service must know both target groups and both listener rules of the edge module."
  }

  assert {
    condition     = one(one(aws_ecs_service.this.load_balancer).advanced_configuration).role_arn == aws_iam_role.load_balancers[0].arn && strcontains(aws_iam_role.load_balancers[0].assume_role_policy, "ecs.amazonaws.com") && aws_iam_role_policy_attachment.load_balancers[0].policy_arn == "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers"
    error_message = "ECS must move the traffic with a role it can assume that holds AWS's policy for load balancers."
  }

  assert {
    condition     = one(aws_ecs_service.this.alarms).rollback == true && one(aws_ecs_service.this.alarms).enable == true && one(aws_ecs_service.this.alarms).alarm_names == toset([aws_cloudwatch_metric_alarm.deployment[0].alarm_name])
    error_message = "rollback_on_error must wire the deployment alarm to the service's rollback."
  }

  assert {
    condition     = alltrue([for query in aws_cloudwatch_metric_alarm.deployment[0].metric_query : length(query.metric) == 0 || try(query.metric[0].dimensions["LoadBalancer"] == var.blue_green.load_balancer_arn_suffix && length(query.metric[0].dimensions) == 1, false)]) && length([for query in aws_cloudwatch_metric_alarm.deployment[0].metric_query : query if length(query.metric) == 1]) == 2 && aws_cloudwatch_metric_alarm.deployment[0].threshold == 5 && aws_cloudwatch_metric_alarm.deployment[0].alarm_actions == null
    error_message = "The deployment alarm must watch the whole load balancer (both target groups), at 5% by default, and page no one."
  }

  assert {
    condition     = length(aws_appautoscaling_policy.requests) == 0 && one(one(aws_appautoscaling_policy.cpu.target_tracking_scaling_policy_configuration).predefined_metric_specification).predefined_metric_type == "ECSServiceAverageCPUUtilization"
    error_message = "A blue/green service must not scale on one target group's request count (the groups swap at every deployment)."
  }
}

run "blue_green_canary_without_rollback_has_no_alarm" {
  command = plan

  variables {
    blue_green = {
      alternate_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production-tg2/0123456789abcdef"
      production_listener_rule_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop-production-alb/0123456789abcdef/0a1b2c3d4e5f6a7b/1111111111111111"
      test_listener_rule_arn       = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop-production-alb/0123456789abcdef/0a1b2c3d4e5f6a7b/2222222222222222"
      load_balancer_arn_suffix     = "app/shop-production-alb/0123456789abcdef"
      strategy                     = "CANARY"
      step_percent                 = 10
      step_minutes                 = 5
      bake_minutes                 = 5
      rollback_on_error            = false
    }
  }

  assert {
    condition     = one(one(aws_ecs_service.this.deployment_configuration).canary_configuration).canary_percent == 10 && one(one(aws_ecs_service.this.deployment_configuration).canary_configuration).canary_bake_time_in_minutes == "5" && length(one(aws_ecs_service.this.deployment_configuration).linear_configuration) == 0
    error_message = "A CANARY deployment must send step_percent for step_minutes, then the rest."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.deployment) == 0 && length(aws_ecs_service.this.alarms) == 0
    error_message = "Without rollback_on_error no deployment alarm may be wired."
  }
}

run "rejects_a_linear_step_under_3_percent" {
  command = plan

  variables {
    blue_green = {
      alternate_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production-tg2/0123456789abcdef"
      production_listener_rule_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop-production-alb/0123456789abcdef/0a1b2c3d4e5f6a7b/1111111111111111"
      test_listener_rule_arn       = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop-production-alb/0123456789abcdef/0a1b2c3d4e5f6a7b/2222222222222222"
      load_balancer_arn_suffix     = "app/shop-production-alb/0123456789abcdef"
      strategy                     = "LINEAR"
      step_percent                 = 2
      step_minutes                 = 1
      bake_minutes                 = 1
      rollback_on_error            = true
    }
  }

  expect_failures = [var.blue_green]
}

run "rolling_updates_without_blue_green" {
  command = plan

  assert {
    condition     = length(aws_ecs_service.this.deployment_configuration) == 0 && length(one(aws_ecs_service.this.load_balancer).advanced_configuration) == 0 && length(aws_iam_role.load_balancers) == 0 && length(aws_cloudwatch_metric_alarm.deployment) == 0 && length(aws_appautoscaling_policy.requests) == 1
    error_message = "Without blue_green the service must roll, with no alternate group, role or deployment alarm, and scale on requests too."
  }
}

run "security_group_chains_alb_and_database" {
  command = plan

  assert {
    condition     = aws_vpc_security_group_ingress_rule.from_alb.referenced_security_group_id == var.alb_security_group_id && aws_vpc_security_group_ingress_rule.from_alb.cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.from_alb.from_port == 8000 && aws_vpc_security_group_ingress_rule.from_alb.to_port == 8000
    error_message = "Only the ALB security group may reach the container port."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.https.cidr_ipv4 == "0.0.0.0/0" && aws_vpc_security_group_egress_rule.https.from_port == 443 && aws_vpc_security_group_egress_rule.https.to_port == 443
    error_message = "Egress to the internet must be limited to 443."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.database[0].referenced_security_group_id == var.database.security_group_id && aws_vpc_security_group_egress_rule.database[0].from_port == 5432
    error_message = "Tasks must reach the database security group on 5432."
  }
}

run "migration_task_and_optional_worker" {
  command = plan

  variables {
    worker = { command = ["bin/worker"], count = 1 }
  }

  assert {
    condition     = aws_ecs_task_definition.migration[0].family == "shop-production-migrate" && jsondecode(aws_ecs_task_definition.migration[0].container_definitions)[0].command == ["confiture", "migrate", "up"]
    error_message = "The migration task definition must be <name>-migrate running migration_command."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.migration[0].container_definitions)[0].readonlyRootFilesystem == true && jsondecode(aws_ecs_task_definition.migration[0].container_definitions)[0].image == var.image
    error_message = "The migration task must use the same image and hardening."
  }

  assert {
    condition     = length(aws_ecs_service.worker) == 1 && aws_ecs_service.worker[0].desired_count == 1 && jsondecode(aws_ecs_task_definition.worker[0].container_definitions)[0].command == ["bin/worker"]
    error_message = "A worker service must run worker.command with worker.count tasks."
  }

  assert {
    condition     = one(aws_ecs_service.worker[0].network_configuration).assign_public_ip == false && one(aws_ecs_service.worker[0].deployment_circuit_breaker).rollback == true
    error_message = "The worker must be private and roll back failed deployments too."
  }
}

run "worker_environment_overrides_the_application_settings" {
  command = plan

  variables {
    environment = { RAILS_MAX_THREADS = "3", RAILS_ENV = "production" }
    worker      = { command = ["bundle", "exec", "sidekiq"], count = 1, environment = { RAILS_MAX_THREADS = "10" } }
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.worker[0].container_definitions)[0].environment == [{ name = "RAILS_ENV", value = "production" }, { name = "RAILS_MAX_THREADS", value = "10" }]
    error_message = "The worker must get the application's variables with its own settings in their place."
  }

  assert {
    condition     = [for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.value if e.name == "RAILS_MAX_THREADS"] == ["3"]
    error_message = "The worker's settings must not reach the application."
  }
}

run "every_writable_path_is_a_volume_in_every_task" {
  command = plan

  variables {
    writable_paths = ["/tmp", "/rails/tmp", "/rails/storage"]
    worker         = { command = ["bin/jobs"], count = 1 }
  }

  assert {
    condition     = [for m in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].mountPoints : "${m.sourceVolume}=${m.containerPath}"] == ["writable-0=/tmp", "writable-1=/rails/tmp", "writable-2=/rails/storage"]
    error_message = "Each writable path must be mounted from its own volume, in order."
  }

  assert {
    condition     = alltrue([for td in [aws_ecs_task_definition.this, aws_ecs_task_definition.migration[0], aws_ecs_task_definition.worker[0]] : toset([for v in td.volume : v.name]) == toset(["writable-0", "writable-1", "writable-2"])])
    error_message = "The app, migration and worker task definitions must all declare the writable volumes."
  }
}

run "rejects_a_relative_writable_path" {
  command = plan

  variables {
    writable_paths = ["tmp"]
  }

  expect_failures = [var.writable_paths]
}

run "no_worker_by_default" {
  command = plan

  assert {
    condition     = length(aws_ecs_service.worker) == 0 && length(aws_ecs_task_definition.worker) == 0
    error_message = "No worker may be created when worker is null."
  }

  assert {
    condition     = !contains(keys(jsondecode(aws_ecs_task_definition.this.container_definitions)[0]), "command")
    error_message = "An empty command must keep the image's CMD."
  }
}

run "rejects_an_image_without_digest" {
  command = plan

  variables {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.2"
  }

  expect_failures = [var.image]
}

run "rejects_a_cpu_memory_pair_fargate_does_not_offer" {
  command = plan

  variables {
    cpu    = 256
    memory = 4096
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_a_secret_the_execution_role_cannot_read" {
  command = plan

  variables {
    secret_arns_readable = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/API_KEY-GhIjKl"]
  }

  expect_failures = [aws_iam_role_policy.execution]
}

run "no_migration_task_without_a_migration_command" {
  command = plan

  variables {
    migration_command = []
  }

  assert {
    condition     = length(aws_ecs_task_definition.migration) == 0
    error_message = "An app without migrations must not get a migration task definition."
  }
}

run "entry_point_and_command_start_the_app_container" {
  command = plan

  variables {
    entry_point = ["python", "-c", "import os, sys; os.execvp(sys.argv[1], sys.argv[1:])"]
    command     = ["python", "-m", "http.server", "8000"]
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].entryPoint == var.entry_point && jsondecode(aws_ecs_task_definition.this.container_definitions)[0].command == var.command
    error_message = "The app container must start with the given entry point and command."
  }
}

run "entry_point_without_command_is_refused" {
  command = plan

  variables {
    entry_point = ["python", "-c", "pass"]
  }

  expect_failures = [var.entry_point]
}

run "the_app_login_is_made_by_its_own_task_with_the_master_password" {
  command = plan

  variables {
    secrets = {
      PGPASSWORD = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/database/app-MnOpQr"
    }
    secret_arns_readable = [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/database/app-MnOpQr",
    ]
    migration_overrides = {
      environment = { DATABASE_URL = "postgresql://app_admin@shop-production.abcdefghijkl.eu-west-1.rds.amazonaws.com:5432/shop?sslmode=require" }
      secrets     = { PGPASSWORD = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf:password::" }
    }
    database_access = {
      image          = "public.ecr.aws/docker/library/postgres:17.11-trixie"
      host           = "shop-production.abcdefghijkl.eu-west-1.rds.amazonaws.com"
      port           = 5432
      databases      = ["shop", "shop_queue"]
      admin_username = "app_admin"
      admin_password = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf:password::"
      app_username   = "app"
      app_password   = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/database/app-MnOpQr"
    }
  }

  assert {
    condition     = aws_ecs_task_definition.database_access[0].family == "shop-production-database-access" && jsondecode(aws_ecs_task_definition.database_access[0].container_definitions)[0].command == [file("${path.module}/database-access.sh")]
    error_message = "The database-access task must run the module's database-access.sh."
  }

  assert {
    condition     = { for s in jsondecode(aws_ecs_task_definition.database_access[0].container_definitions)[0].secrets : s.name => s.valueFrom } == { APP_PASSWORD = var.database_access.app_password, PGPASSWORD = var.database_access.admin_password }
    error_message = "The database-access task must read the master password and the app's password from their secrets, and nothing else."
  }

  assert {
    condition     = { for e in jsondecode(aws_ecs_task_definition.database_access[0].container_definitions)[0].environment : e.name => e.value }["DATABASES"] == "shop shop_queue" && jsondecode(aws_ecs_task_definition.database_access[0].container_definitions)[0].readonlyRootFilesystem
    error_message = "The database-access task must grant every database, from a read-only root filesystem."
  }

  assert {
    condition     = { for s in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets : s.name => s.valueFrom }["PGPASSWORD"] == var.database_access.app_password
    error_message = "The app must connect with its own login's password, never the master user's."
  }

  assert {
    condition     = { for s in jsondecode(aws_ecs_task_definition.migration[0].container_definitions)[0].secrets : s.name => s.valueFrom }["PGPASSWORD"] == var.database_access.admin_password && startswith({ for e in jsondecode(aws_ecs_task_definition.migration[0].container_definitions)[0].environment : e.name => e.value }["DATABASE_URL"], "postgresql://app_admin@")
    error_message = "The migrations must connect as the master user."
  }

  assert {
    condition     = strcontains(aws_iam_role_policy.execution.policy, "rds!db-0a1b2c3d-AbCdEf") && strcontains(aws_iam_role_policy.execution.policy, "shop-production/database/app-MnOpQr")
    error_message = "The execution role must read both passwords' secrets."
  }
}

run "rejects_the_master_user_as_the_app_login" {
  command = plan

  variables {
    database_access = {
      image          = "public.ecr.aws/docker/library/postgres:17.11-trixie"
      host           = "db.example"
      port           = 5432
      databases      = ["shop"]
      admin_username = "app"
      admin_password = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf:password::"
      app_username   = "app"
      app_password   = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf:password::"
    }
  }

  expect_failures = [var.database_access]
}

run "no_database_access_task_by_default" {
  command = plan

  assert {
    condition     = length(aws_ecs_task_definition.database_access) == 0
    error_message = "Without database_access there is no database-access task."
  }
}

run "public_tasks_spot_and_no_container_insights_where_the_pattern_saves" {
  command = plan

  variables {
    assign_public_ip   = true
    capacity_provider  = "FARGATE_SPOT"
    container_insights = false
    worker             = { command = ["bin/jobs"], count = 1, capacity_provider = "FARGATE_SPOT" }
  }

  assert {
    condition     = one(aws_ecs_service.this.network_configuration).assign_public_ip && jsondecode(output.run_task_network_configuration).awsvpcConfiguration.assignPublicIp == "ENABLED"
    error_message = "Without NAT, the services and the one-off tasks must get a public IP, or they cannot pull the image."
  }

  assert {
    condition     = one(aws_ecs_service.this.capacity_provider_strategy).capacity_provider == "FARGATE_SPOT" && one(aws_ecs_service.worker[0].capacity_provider_strategy).capacity_provider == "FARGATE_SPOT"
    error_message = "The services must run on the capacity asked for."
  }

  assert {
    condition     = aws_ecs_cluster_capacity_providers.this.capacity_providers == toset(["FARGATE", "FARGATE_SPOT"]) && aws_ecs_cluster.this.setting == toset([{ name = "containerInsights", value = "disabled" }])
    error_message = "The cluster must offer both capacities, with Container Insights off when asked."
  }

  assert {
    condition     = length([for r in [aws_vpc_security_group_ingress_rule.from_alb] : r if r.referenced_security_group_id == var.alb_security_group_id && r.cidr_ipv4 == null]) == 1
    error_message = "Public tasks must still admit only the load balancer."
  }
}

run "rejects_an_unknown_capacity_provider" {
  command = plan

  variables {
    capacity_provider = "EC2"
  }

  expect_failures = [var.capacity_provider]
}
