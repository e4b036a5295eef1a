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

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_resource "aws_s3_bucket" {
    defaults = {
      id  = "shop-production-monitoring-20261202"
      arn = "arn:aws:s3:::shop-production-monitoring-20261202"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/shop-production-monitoring"
    }
  }

  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0monitoring000001"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/shop-production-monitoring"
    }
  }
}

variables {
  name              = "shop-production"
  tags              = { Team = "platform" }
  kms_key_arn       = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  vpc_id            = "vpc-0123456789abcdef0"
  subnet_ids        = ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"]
  cluster           = { name = "shop-production", arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-production" }
  app               = { security_group_id = "sg-0apptasks00000001", port = 8000, log_group_name = "/ecs/shop-production" }
  config_directory  = "tests/config"
  alarm_topic_arn   = "arn:aws:sns:eu-west-1:123456789012:shop-production-alarms"
  prometheus_config = "ecs/production.yml"
  dashboards        = ["app.json"]
  database = {
    security_group_id   = "sg-0database0000001"
    host                = "shop-production.abcdefghijkl.eu-west-1.rds.amazonaws.com"
    port                = 5432
    name                = "shop"
    username            = "app"
    password_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/app-password-AbCdEf"
  }
  images = {
    prometheus        = "prom/prometheus:v3.16.0"
    alertmanager      = "prom/alertmanager:v0.35.0"
    grafana           = "grafana/grafana:13.2.1"
    postgres_exporter = "prometheuscommunity/postgres-exporter:v0.20.1"
    blackbox_exporter = "prom/blackbox-exporter:v0.28.0"
    config            = "public.ecr.aws/aws-cli/aws-cli:2.36.7"
  }
  secrets = {
    alert_webhook_url      = { variable = "ALERT_WEBHOOK_URL", value_from = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/ALERT_WEBHOOK_URL-GhIjKl", owner = 65534 }
    grafana_admin_password = { variable = "GRAFANA_ADMIN_PASSWORD", value_from = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-production/GRAFANA_ADMIN_PASSWORD-MnOpQr", owner = 472 }
  }
}

run "the_configuration_is_uploaded_and_read_first" {
  command = plan

  assert {
    condition     = toset(keys(aws_s3_object.config)) == toset(["prometheus/ecs/production.yml", "prometheus/rules/app.yml", "alertmanager/alertmanager.yml", "grafana/ecs/dashboards/app.json"])
    error_message = "Exactly the task's files must be uploaded (the listed dashboards, not the others; no Compose-only file)."
  }

  assert {
    condition     = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.name == "config" || c.name == "postgres-exporter" || c.dependsOn == [{ containerName = "config", condition = "SUCCESS" }]])
    error_message = "Every server that reads the configuration must start after the config container succeeded."
  }

  assert {
    condition     = [for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.essential if c.name == "config"] == [false]
    error_message = "The config container runs once; it must not be essential."
  }

  assert {
    condition     = can(regex("^[0-9a-f]{64}$", one([for e in one([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.environment if c.name == "config"]) : e.value if e.name == "CONFIG_VERSION"])))
    error_message = "The task definition must carry the configuration's version, so a changed file replaces the task."
  }

  assert {
    condition     = one([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.command if c.name == "prometheus"])[0] == "--config.file=/etc/prometheus/ecs/production.yml"
    error_message = "Prometheus must read this environment's configuration."
  }
}

run "secrets_are_injected_into_the_config_container_only" {
  command = plan

  assert {
    condition     = one([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.secrets if c.name == "config"]) == [{ name = "ALERT_WEBHOOK_URL", valueFrom = var.secrets.alert_webhook_url.value_from }, { name = "GRAFANA_ADMIN_PASSWORD", valueFrom = var.secrets.grafana_admin_password.value_from }]
    error_message = "The config container must receive each secret from Secrets Manager."
  }

  assert {
    condition     = contains(one([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.environment if c.name == "config"]), { name = "SECRET_FILES", value = "alert_webhook_url=ALERT_WEBHOOK_URL=65534 grafana_admin_password=GRAFANA_ADMIN_PASSWORD=472" })
    error_message = "The config container must write each secret to its file, owned by its reader."
  }
}

run "every_container_is_hardened_and_listens_on_loopback" {
  command = plan

  assert {
    condition     = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.readonlyRootFilesystem == true && c.privileged == false])
    error_message = "Every container must have a read-only root filesystem and no privileges."
  }

  assert {
    condition     = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.name == "config" || (c.user != "0" && c.linuxParameters.capabilities.drop == ["ALL"])])
    error_message = "Every server must run as a non-root user without capabilities."
  }

  assert {
    condition     = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : !contains(keys(c), "portMappings")])
    error_message = "No container may publish a port."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.app.security_group_id == var.app.security_group_id && aws_vpc_security_group_ingress_rule.app.referenced_security_group_id == aws_security_group.this.id && aws_vpc_security_group_ingress_rule.app.from_port == 8000
    error_message = "The app's tasks must admit the monitoring task on the metrics port."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.database.security_group_id == var.database.security_group_id && aws_vpc_security_group_ingress_rule.database.to_port == 5432
    error_message = "The database must admit postgres_exporter."
  }
}

run "one_task_at_a_time" {
  command = plan

  assert {
    condition     = aws_ecs_service.this.desired_count == 1 && aws_ecs_service.this.deployment_maximum_percent == 100 && aws_ecs_service.this.deployment_minimum_healthy_percent == 0
    error_message = "One monitoring task, the old stopped before the new starts: two Alertmanagers would both notify."
  }

  assert {
    condition     = aws_ecs_service.this.enable_execute_command == true && aws_ecs_service.this.cluster == var.cluster.arn
    error_message = "The service runs in the app's cluster with ECS Exec on (Grafana's port-forwarding session)."
  }
}

run "without_dashboards_or_probe" {
  command = plan

  variables {
    dashboards = []
    probe      = false
    secrets    = {}
  }

  assert {
    condition     = toset([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.name]) == toset(["config", "prometheus", "alertmanager", "postgres-exporter"])
    error_message = "Without dashboards there is no Grafana, without a probe no blackbox_exporter."
  }

  assert {
    condition     = !contains(keys(aws_s3_object.config), "grafana/ecs/dashboards/app.json")
    error_message = "No dashboard is uploaded when none is listed."
  }
}

run "a_size_fargate_does_not_offer_is_refused" {
  command = plan

  variables {
    cpu    = 256
    memory = 4096
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "a_larger_task_is_accepted" {
  command = plan

  variables {
    cpu    = 512
    memory = 2048
  }

  assert {
    condition     = aws_ecs_task_definition.this.cpu == "512" && aws_ecs_task_definition.this.memory == "2048"
    error_message = "cpu 512 with 2048 MiB is a Fargate size."
  }
}

run "cloudwatch_pages_when_the_monitoring_task_stops" {
  command = plan

  assert {
    condition     = aws_cloudwatch_metric_alarm.monitoring_down.treat_missing_data == "breaching" && aws_cloudwatch_metric_alarm.monitoring_down.dimensions["ServiceName"] == "shop-production-monitoring"
    error_message = "No sample from the monitoring service is the failure itself."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.monitoring_down.alarm_actions == toset([var.alarm_topic_arn])
    error_message = "The alarm tells the environment's alarm topic."
  }
}
