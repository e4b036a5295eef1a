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

  mock_data "aws_region" {
    defaults = {
      region      = "eu-west-1"
      name        = "eu-west-1"
      endpoint    = "ec2.eu-west-1.amazonaws.com"
      description = "Europe (Ireland)"
    }
  }

  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:eu-west-1:123456789012:shop-production-alarms"
    }
  }
}

# A production-saas environment: ALB, ECS service and RDS instance.
variables {
  name                    = "shop-production"
  tags                    = { Team = "platform" }
  kms_key_arn             = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  alarm_emails            = ["ops@example.com", "oncall@example.com"]
  alb_arn_suffix          = "app/shop-production/50dc6c495c0c9188"
  target_group_arn_suffix = "targetgroup/shop-production-app/73e2d6bc24d8a067"
  ecs_cluster_name        = "shop-production"
  ecs_service_name        = "shop-production-app"
  db_instance_identifier  = "shop-production-postgres"
  thresholds = {
    error_rate_percent = 2
    db_connections     = 150
  }
  dashboard_enabled = true
}

run "saas_alarms_cover_alb_ecs_and_rds" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.alb_5xx_rate) == 1
    error_message = "The ALB 5xx rate alarm must exist when an ALB is given."
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["alb-p95-response-time", "alb-unhealthy-hosts", "alb-no-healthy-hosts", "ecs-cpu", "ecs-memory", "rds-cpu", "rds-free-storage", "rds-connections"])
    error_message = "ALB, ECS and RDS alarms (and no EC2 alarm) must exist."
  }

  assert {
    condition     = length(output.alarm_names) == 9 && contains(output.alarm_names, "shop-production-alb-5xx-rate") && contains(output.alarm_names, "shop-production-rds-free-storage")
    error_message = "alarm_names must list every alarm."
  }

  assert {
    condition     = alltrue([for a in concat(values(aws_cloudwatch_metric_alarm.this), aws_cloudwatch_metric_alarm.alb_5xx_rate) : a.actions_enabled && a.alarm_actions == toset([aws_sns_topic.this.arn]) && a.ok_actions == toset([aws_sns_topic.this.arn])])
    error_message = "Every alarm must notify the topic on ALARM and on OK."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["rds-connections"].threshold == 150 && aws_cloudwatch_metric_alarm.this["ecs-cpu"].threshold == 80
    error_message = "Thresholds must follow var.thresholds, with defaults for the omitted ones."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["rds-free-storage"].threshold == 5 * 1073741824 && aws_cloudwatch_metric_alarm.this["rds-free-storage"].comparison_operator == "LessThanThreshold"
    error_message = "The free storage alarm must fire below db_free_storage_gib, in bytes."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["alb-p95-response-time"].extended_statistic == "p95" && aws_cloudwatch_metric_alarm.this["alb-p95-response-time"].threshold == 1
    error_message = "The response time alarm must use p95."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["alb-unhealthy-hosts"].dimensions == tomap({ LoadBalancer = var.alb_arn_suffix, TargetGroup = var.target_group_arn_suffix })
    error_message = "UnHealthyHostCount needs the LoadBalancer and TargetGroup dimensions."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["ecs-memory"].dimensions == tomap({ ClusterName = "shop-production", ServiceName = "shop-production-app" })
    error_message = "ECS alarms must watch the given service."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["alb-no-healthy-hosts"].treat_missing_data == "breaching" && aws_cloudwatch_metric_alarm.alb_5xx_rate[0].treat_missing_data == "notBreaching"
    error_message = "Missing data must breach for target health and not breach for traffic-driven metrics."
  }
}

run "error_rate_is_target_5xx_over_requests" {
  command = plan

  assert {
    condition     = aws_cloudwatch_metric_alarm.alb_5xx_rate[0].threshold == 2
    error_message = "The 5xx rate threshold must follow error_rate_percent."
  }

  assert {
    condition = toset([
      for q in aws_cloudwatch_metric_alarm.alb_5xx_rate[0].metric_query : q.metric[0].metric_name if length(q.metric) > 0
    ]) == toset(["HTTPCode_Target_5XX_Count", "RequestCount"])
    error_message = "The 5xx rate must be computed from HTTPCode_Target_5XX_Count and RequestCount."
  }

  assert {
    condition     = one([for q in aws_cloudwatch_metric_alarm.alb_5xx_rate[0].metric_query : q.expression if q.return_data == true]) == "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"
    error_message = "The alarm must evaluate errors / requests * 100."
  }
}

run "topic_is_encrypted_and_only_cloudwatch_publishes" {
  command = plan

  assert {
    condition     = aws_sns_topic.this.kms_master_key_id == var.kms_key_arn
    error_message = "The alarm topic must be encrypted with the given key."
  }

  assert {
    condition     = jsondecode(aws_sns_topic_policy.this.policy).Statement[0].Principal == { Service = "cloudwatch.amazonaws.com" } && jsondecode(aws_sns_topic_policy.this.policy).Statement[0].Action == "sns:Publish"
    error_message = "Only CloudWatch may publish to the topic."
  }

  assert {
    condition     = jsondecode(aws_sns_topic_policy.this.policy).Statement[0].Condition.ArnLike["aws:SourceArn"] == "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*"
    error_message = "Publishing must be limited to this account's alarms in this region."
  }

  assert {
    condition     = toset(keys(aws_sns_topic_subscription.email)) == toset(var.alarm_emails) && alltrue([for s in aws_sns_topic_subscription.email : s.protocol == "email"])
    error_message = "There must be one e-mail subscription per address."
  }
}

run "dashboard_has_alb_ecs_and_rds_widgets" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_dashboard.this) == 1 && output.dashboard_name == "shop-production"
    error_message = "The dashboard must exist when enabled."
  }

  assert {
    condition = toset(flatten([
      for w in jsondecode(aws_cloudwatch_dashboard.this[0].dashboard_body).widgets : [for m in w.properties.metrics : m[0]] if w.type == "metric"
    ])) == toset(["AWS/ApplicationELB", "AWS/ECS", "AWS/RDS"])
    error_message = "The dashboard must show ALB, ECS and RDS metrics."
  }
}

run "hobby_server_watches_the_instance_only" {
  command = plan

  variables {
    name                    = "blog-hobby"
    alarm_emails            = ["me@example.com"]
    alb_arn_suffix          = ""
    target_group_arn_suffix = ""
    ecs_cluster_name        = ""
    ecs_service_name        = ""
    db_instance_identifier  = ""
    ec2_instance_id         = "i-0abc123def4567890"
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.alb_5xx_rate) == 0
    error_message = "No ALB alarm without an ALB."
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["ec2-cpu", "ec2-status-check"])
    error_message = "Only the EC2 alarms must exist for the hobby server."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["ec2-status-check"].treat_missing_data == "breaching" && aws_cloudwatch_metric_alarm.this["ec2-status-check"].dimensions == tomap({ InstanceId = "i-0abc123def4567890" })
    error_message = "A server that stops reporting must raise the status check alarm."
  }
}

run "a_standby_replica_alarms_on_its_lag" {
  command = plan

  variables {
    name                    = "shop-production-dr"
    alb_arn_suffix          = ""
    target_group_arn_suffix = ""
    ecs_cluster_name        = ""
    ecs_service_name        = ""
    db_instance_identifier  = "shop-production-dr-postgres"
    monitor_replica_lag     = true
    thresholds              = { replica_lag_seconds = 120 }
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["rds-cpu", "rds-free-storage", "rds-connections", "rds-replica-lag"])
    error_message = "A standby's replica must get the RDS alarms and the replica lag alarm, and nothing else."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["rds-replica-lag"].metric_name == "ReplicaLag" && aws_cloudwatch_metric_alarm.this["rds-replica-lag"].threshold == 120 && aws_cloudwatch_metric_alarm.this["rds-replica-lag"].treat_missing_data == "breaching" && aws_cloudwatch_metric_alarm.this["rds-replica-lag"].dimensions == tomap({ DBInstanceIdentifier = "shop-production-dr-postgres" })
    error_message = "The replica lag alarm must watch the replica's ReplicaLag against the threshold, and fire when it stops reporting."
  }
}

run "explicit_flags_decide_when_identifiers_are_unknown_at_plan" {
  command = plan

  variables {
    db_instance_identifier = ""
    monitor_rds            = false
    monitor_ecs            = false
    monitor_alb            = true
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["alb-p95-response-time", "alb-unhealthy-hosts", "alb-no-healthy-hosts"])
    error_message = "The monitor_* flags must override the identifier-based default."
  }
}

run "blue_green_target_health_counts_both_target_groups" {
  command = plan

  variables {
    blue_green                        = true
    alternate_target_group_arn_suffix = "targetgroup/shop-production-tg2/0123456789abcdef"
    quiet_alarms                      = ["alb-no-healthy-hosts"]
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.target_health)) == toset(["alb-unhealthy-hosts", "alb-no-healthy-hosts"]) && !contains(keys(aws_cloudwatch_metric_alarm.this), "alb-unhealthy-hosts") && !contains(keys(aws_cloudwatch_metric_alarm.this), "alb-no-healthy-hosts")
    error_message = "With two target groups the target health alarms must be the sums over both, under the same names."
  }

  assert {
    condition     = toset(flatten([for query in aws_cloudwatch_metric_alarm.target_health["alb-no-healthy-hosts"].metric_query : [for metric in query.metric : metric.dimensions["TargetGroup"]]])) == toset([var.target_group_arn_suffix, var.alternate_target_group_arn_suffix]) && aws_cloudwatch_metric_alarm.target_health["alb-no-healthy-hosts"].treat_missing_data == "breaching"
    error_message = "No healthy host means none in either target group (the idle one is empty after every deployment)."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.target_health["alb-no-healthy-hosts"].alarm_actions) == 0 && length(aws_cloudwatch_metric_alarm.target_health["alb-unhealthy-hosts"].alarm_actions) == 1
    error_message = "quiet_alarms must hold for the summed alarms too."
  }

  assert {
    condition     = length(output.alarm_names) == 9 && contains(output.alarm_names, "shop-production-alb-no-healthy-hosts")
    error_message = "alarm_names must list the summed alarms."
  }
}

run "dashboard_can_be_disabled" {
  command = plan

  variables {
    dashboard_enabled = false
  }

  assert {
    condition     = length(aws_cloudwatch_dashboard.this) == 0 && output.dashboard_name == null
    error_message = "No dashboard when dashboard_enabled is false."
  }
}

run "rejects_invalid_email" {
  command = plan

  variables {
    alarm_emails = ["not-an-address"]
  }

  expect_failures = [var.alarm_emails]
}

run "rejects_percentage_above_100" {
  command = plan

  variables {
    thresholds = { cpu_percent = 150 }
  }

  expect_failures = [var.thresholds]
}

run "target_health_alarms_need_the_target_group" {
  command = plan

  variables {
    target_group_arn_suffix = ""
  }

  expect_failures = [aws_cloudwatch_metric_alarm.this]
}

run "quiet_alarms_keep_their_state_but_notify_no_one" {
  command = plan

  variables {
    quiet_alarms = ["alb-5xx-rate", "alb-no-healthy-hosts"]
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.alb_5xx_rate[0].alarm_actions) == 0 && length(aws_cloudwatch_metric_alarm.this["alb-no-healthy-hosts"].ok_actions) == 0
    error_message = "A quiet alarm must notify no one: Prometheus pages for it."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this["rds-free-storage"].alarm_actions) == 1
    error_message = "Every other alarm still notifies the topic."
  }
}

run "an_unknown_quiet_alarm_is_refused" {
  command = plan

  variables {
    quiet_alarms = ["alb-5xx"]
  }

  expect_failures = [var.quiet_alarms]
}
