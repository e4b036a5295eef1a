data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  # What is watched. Must be known at plan time (see the monitor_* variables).
  monitor_alb     = var.monitor_alb != null ? var.monitor_alb : var.alb_arn_suffix != ""
  monitor_ecs     = var.monitor_ecs != null ? var.monitor_ecs : var.ecs_service_name != ""
  monitor_rds     = var.monitor_rds != null ? var.monitor_rds : var.db_instance_identifier != ""
  monitor_ec2     = var.monitor_ec2 != null ? var.monitor_ec2 : var.ec2_instance_id != ""
  monitor_replica = var.monitor_replica_lag

  alarm_actions = [aws_sns_topic.this.arn]

  alb_dimensions = { LoadBalancer = var.alb_arn_suffix }
  tg_dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = var.target_group_arn_suffix }
  ecs_dimensions = { ClusterName = var.ecs_cluster_name, ServiceName = var.ecs_service_name }
  rds_dimensions = { DBInstanceIdentifier = var.db_instance_identifier }
  ec2_dimensions = { InstanceId = var.ec2_instance_id }

  # Single-metric alarms. treat_missing_data:
  # - notBreaching for traffic-driven ALB metrics (no requests means no errors and no slow responses);
  # - breaching where silence is itself the failure (no healthy target, an instance that stopped reporting);
  # - missing for utilisation metrics (INSUFFICIENT_DATA is visible on the dashboard without paging anyone).
  alb_alarms = { for k, v in {
    "alb-p95-response-time" = {
      description        = "p95 target response time of the ALB above ${var.thresholds.response_time_seconds}s for 3 of 5 minutes. Check slow queries (RDS Performance Insights) and the ECS service CPU."
      namespace          = "AWS/ApplicationELB"
      metric_name        = "TargetResponseTime"
      dimensions         = local.alb_dimensions
      statistic          = null
      extended_statistic = "p95"
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.response_time_seconds
      period             = 60
      evaluation_periods = 5
      datapoints         = 3
      treat_missing_data = "notBreaching"
    }
    "alb-unhealthy-hosts" = {
      description        = "More than ${var.thresholds.unhealthy_hosts} unhealthy target(s) behind the ALB for 3 minutes. Check the ECS service events and the application logs."
      namespace          = "AWS/ApplicationELB"
      metric_name        = "UnHealthyHostCount"
      dimensions         = local.tg_dimensions
      statistic          = "Maximum"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.unhealthy_hosts
      period             = 60
      evaluation_periods = 3
      datapoints         = 3
      treat_missing_data = "notBreaching"
    }
    "alb-no-healthy-hosts" = {
      description        = "No healthy target behind the ALB for 3 minutes: the application is down. Check the ECS service events, the last deployment and the application logs."
      namespace          = "AWS/ApplicationELB"
      metric_name        = "HealthyHostCount"
      dimensions         = local.tg_dimensions
      statistic          = "Minimum"
      extended_statistic = null
      comparison         = "LessThanThreshold"
      threshold          = 1
      period             = 60
      evaluation_periods = 3
      datapoints         = 3
      treat_missing_data = "breaching"
    }
  } : k => v if local.monitor_alb }

  ecs_alarms = { for k, v in {
    "ecs-cpu" = {
      description        = "Average CPU of the ECS service above ${var.thresholds.cpu_percent}% for 15 minutes. Raise the task cpu or the autoscaling maximum."
      namespace          = "AWS/ECS"
      metric_name        = "CPUUtilization"
      dimensions         = local.ecs_dimensions
      statistic          = "Average"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.cpu_percent
      period             = 300
      evaluation_periods = 3
      datapoints         = 3
      treat_missing_data = "missing"
    }
    "ecs-memory" = {
      description        = "Average memory of the ECS service above ${var.thresholds.memory_percent}% for 15 minutes. Raise the task memory or look for a leak."
      namespace          = "AWS/ECS"
      metric_name        = "MemoryUtilization"
      dimensions         = local.ecs_dimensions
      statistic          = "Average"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.memory_percent
      period             = 300
      evaluation_periods = 3
      datapoints         = 3
      treat_missing_data = "missing"
    }
  } : k => v if local.monitor_ecs }

  rds_alarms = { for k, v in {
    "rds-cpu" = {
      description        = "Average CPU of the RDS instance above ${var.thresholds.db_cpu_percent}% for 15 minutes. Check Performance Insights for the top queries, or move to a larger instance class."
      namespace          = "AWS/RDS"
      metric_name        = "CPUUtilization"
      dimensions         = local.rds_dimensions
      statistic          = "Average"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.db_cpu_percent
      period             = 300
      evaluation_periods = 3
      datapoints         = 3
      treat_missing_data = "missing"
    }
    "rds-free-storage" = {
      description        = "Free storage of the RDS instance below ${var.thresholds.db_free_storage_gib} GiB. Storage autoscaling may have reached max_allocated_storage: raise it."
      namespace          = "AWS/RDS"
      metric_name        = "FreeStorageSpace"
      dimensions         = local.rds_dimensions
      statistic          = "Minimum"
      extended_statistic = null
      comparison         = "LessThanThreshold"
      threshold          = var.thresholds.db_free_storage_gib * 1024 * 1024 * 1024
      period             = 300
      evaluation_periods = 1
      datapoints         = 1
      treat_missing_data = "missing"
    }
    "rds-connections" = {
      description        = "More than ${var.thresholds.db_connections} connections to the RDS instance for 15 minutes. Check the connection pools of the application and the worker."
      namespace          = "AWS/RDS"
      metric_name        = "DatabaseConnections"
      dimensions         = local.rds_dimensions
      statistic          = "Maximum"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.db_connections
      period             = 300
      evaluation_periods = 3
      datapoints         = 3
      treat_missing_data = "missing"
    }
  } : k => v if local.monitor_rds }

  # A standby's read replica: its lag is the data a failover would lose.
  replica_alarms = { for k, v in {
    "rds-replica-lag" = {
      description        = "The read replica has been more than ${var.thresholds.replica_lag_seconds} seconds behind its source, or has stopped reporting, for 5 minutes: a failover now would lose that much. Check the replica's events and the source's write load."
      namespace          = "AWS/RDS"
      metric_name        = "ReplicaLag"
      dimensions         = local.rds_dimensions
      statistic          = "Maximum"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.replica_lag_seconds
      period             = 60
      evaluation_periods = 5
      datapoints         = 5
      treat_missing_data = "breaching"
    }
  } : k => v if local.monitor_replica }

  ec2_alarms = { for k, v in {
    "ec2-cpu" = {
      description        = "Average CPU of the server above ${var.thresholds.cpu_percent}% for 15 minutes. Check the containers with docker stats, or move to a larger instance type."
      namespace          = "AWS/EC2"
      metric_name        = "CPUUtilization"
      dimensions         = local.ec2_dimensions
      statistic          = "Average"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = var.thresholds.cpu_percent
      period             = 300
      evaluation_periods = 3
      datapoints         = 3
      treat_missing_data = "missing"
    }
    "ec2-status-check" = {
      description        = "The server failed its instance or system status check (or stopped reporting) for 2 minutes. Reboot it or stop and start it to move it to healthy hardware."
      namespace          = "AWS/EC2"
      metric_name        = "StatusCheckFailed"
      dimensions         = local.ec2_dimensions
      statistic          = "Maximum"
      extended_statistic = null
      comparison         = "GreaterThanOrEqualToThreshold"
      threshold          = 1
      period             = 60
      evaluation_periods = 2
      datapoints         = 2
      treat_missing_data = "breaching"
    }
  } : k => v if local.monitor_ec2 }

  # Blue/green: the two target groups swap roles at every deployment, so target health is the sum over both, in the
  # target_health alarms under the same names.
  target_pair         = var.blue_green
  target_health_names = ["alb-unhealthy-hosts", "alb-no-healthy-hosts"]
  target_health       = { for k, v in local.alb_alarms : k => v if local.target_pair && contains(local.target_health_names, k) }

  metric_alarms = merge({ for k, v in local.alb_alarms : k => v if !contains(keys(local.target_health), k) },
  local.ecs_alarms, local.rds_alarms, local.replica_alarms, local.ec2_alarms)
}

################################################################################
# Alarm topic (KMS-encrypted) and e-mail subscriptions
################################################################################

resource "aws_sns_topic" "this" {
  name              = "${var.name}-alarms"
  display_name      = "${var.name} alarms"
  kms_master_key_id = var.kms_key_arn

  tags = merge(var.tags, { Name = "${var.name}-alarms" })
}

# Only CloudWatch alarms of this account and region may publish. Principals of the account keep
# access through their own IAM policies (same-account access needs an allow on either side).
resource "aws_sns_topic_policy" "this" {
  arn = aws_sns_topic.this.arn

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudWatchAlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
        Condition = {
          ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:*" }
          StringEquals = { "aws:SourceAccount" = local.account_id }
        }
      }
    ]
  })
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

################################################################################
# Alarms
################################################################################

# ALB 5xx error rate: HTTPCode_Target_5XX_Count / RequestCount * 100 (metric math).
resource "aws_cloudwatch_metric_alarm" "alb_5xx_rate" {
  count = local.monitor_alb ? 1 : 0

  alarm_name          = "${var.name}-alb-5xx-rate"
  alarm_description   = "More than ${var.thresholds.error_rate_percent}% of the requests answered 5xx by the application for 3 of 5 minutes. Check the application logs and the last deployment."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.error_rate_percent
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"

  actions_enabled = true
  alarm_actions   = contains(var.quiet_alarms, "alb-5xx-rate") ? [] : local.alarm_actions
  ok_actions      = contains(var.quiet_alarms, "alb-5xx-rate") ? [] : local.alarm_actions

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
      dimensions  = local.alb_dimensions
      stat        = "Sum"
      period      = 60
    }
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = local.alb_dimensions
      stat        = "Sum"
      period      = 60
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-alb-5xx-rate" })
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.metric_alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.extended_statistic
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints
  treat_missing_data  = each.value.treat_missing_data

  actions_enabled = true
  alarm_actions   = contains(var.quiet_alarms, each.key) ? [] : local.alarm_actions
  ok_actions      = contains(var.quiet_alarms, each.key) ? [] : local.alarm_actions

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })

  lifecycle {
    precondition {
      condition     = !startswith(each.key, "alb-") || each.key == "alb-p95-response-time" || var.target_group_arn_suffix != ""
      error_message = "The ALB target health alarms need target_group_arn_suffix."
    }

    precondition {
      condition     = !startswith(each.key, "ecs-") || var.ecs_cluster_name != ""
      error_message = "The ECS alarms need ecs_cluster_name (and ecs_service_name)."
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "target_health" {
  for_each = local.target_health

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints
  treat_missing_data  = each.value.treat_missing_data

  actions_enabled = true
  alarm_actions   = contains(var.quiet_alarms, each.key) ? [] : local.alarm_actions
  ok_actions      = contains(var.quiet_alarms, each.key) ? [] : local.alarm_actions

  metric_query {
    id          = "targets"
    expression  = "FILL(first, 0) + FILL(second, 0)"
    label       = "${each.value.metric_name} (both target groups)"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { first = var.target_group_arn_suffix, second = var.alternate_target_group_arn_suffix }

    content {
      id = metric_query.key

      metric {
        namespace   = each.value.namespace
        metric_name = each.value.metric_name
        dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = metric_query.value }
        stat        = each.value.statistic
        period      = each.value.period
      }
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })

  lifecycle {
    precondition {
      condition     = var.alternate_target_group_arn_suffix != ""
      error_message = "blue_green needs alternate_target_group_arn_suffix (the edge module's second target group)."
    }
  }
}

################################################################################
# Dashboard
################################################################################

locals {
  alb_widgets = [for w in [
    {
      title = "ALB requests and target 5xx"
      metrics = [
        ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", var.alb_arn_suffix, { stat = "Sum", label = "Requests" }],
        ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", var.alb_arn_suffix, { stat = "Sum", label = "Target 5xx" }],
        ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", var.alb_arn_suffix, { stat = "Sum", label = "ALB 5xx" }],
      ]
    },
    {
      title = "ALB target response time (s)"
      metrics = [
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.alb_arn_suffix, { stat = "p50", label = "p50" }],
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.alb_arn_suffix, { stat = "p95", label = "p95" }],
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.alb_arn_suffix, { stat = "p99", label = "p99" }],
      ]
    },
    {
      title = "ALB targets"
      metrics = [
        ["AWS/ApplicationELB", "HealthyHostCount", "TargetGroup", var.target_group_arn_suffix, "LoadBalancer", var.alb_arn_suffix, { stat = "Minimum", label = "Healthy" }],
        ["AWS/ApplicationELB", "UnHealthyHostCount", "TargetGroup", var.target_group_arn_suffix, "LoadBalancer", var.alb_arn_suffix, { stat = "Maximum", label = "Unhealthy" }],
      ]
    },
  ] : w if local.monitor_alb]

  ecs_widgets = [for w in [
    {
      title = "ECS service CPU and memory (%)"
      metrics = [
        ["AWS/ECS", "CPUUtilization", "ClusterName", var.ecs_cluster_name, "ServiceName", var.ecs_service_name, { stat = "Average", label = "CPU" }],
        ["AWS/ECS", "MemoryUtilization", "ClusterName", var.ecs_cluster_name, "ServiceName", var.ecs_service_name, { stat = "Average", label = "Memory" }],
      ]
    },
  ] : w if local.monitor_ecs]

  rds_widgets = [for w in [
    {
      title = "RDS CPU (%) and connections"
      metrics = [
        ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", var.db_instance_identifier, { stat = "Average", label = "CPU" }],
        ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", var.db_instance_identifier, { stat = "Maximum", label = "Connections", yAxis = "right" }],
      ]
    },
    {
      title = "RDS free storage (bytes) and freeable memory (bytes)"
      metrics = [
        ["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", var.db_instance_identifier, { stat = "Minimum", label = "Free storage" }],
        ["AWS/RDS", "FreeableMemory", "DBInstanceIdentifier", var.db_instance_identifier, { stat = "Minimum", label = "Freeable memory", yAxis = "right" }],
      ]
    },
    {
      title = "RDS read and write latency (s)"
      metrics = [
        ["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", var.db_instance_identifier, { stat = "Average", label = "Read" }],
        ["AWS/RDS", "WriteLatency", "DBInstanceIdentifier", var.db_instance_identifier, { stat = "Average", label = "Write" }],
      ]
    },
  ] : w if local.monitor_rds]

  ec2_widgets = [for w in [
    {
      title = "Server CPU (%) and status checks"
      metrics = [
        ["AWS/EC2", "CPUUtilization", "InstanceId", var.ec2_instance_id, { stat = "Average", label = "CPU" }],
        ["AWS/EC2", "StatusCheckFailed", "InstanceId", var.ec2_instance_id, { stat = "Maximum", label = "Status check failed", yAxis = "right" }],
      ]
    },
  ] : w if local.monitor_ec2]

  metric_widgets = concat(local.alb_widgets, local.ecs_widgets, local.rds_widgets, local.ec2_widgets)

  alarm_arns = concat(aws_cloudwatch_metric_alarm.alb_5xx_rate[*].arn, [for k in sort(keys(local.metric_alarms)) : aws_cloudwatch_metric_alarm.this[k].arn],
  [for k in sort(keys(local.target_health)) : aws_cloudwatch_metric_alarm.target_health[k].arn])

  # Row 0: alarm status across the full width; then metric widgets three per row (24 columns).
  dashboard_widgets = concat(
    [
      {
        type   = "alarm"
        x      = 0
        y      = 0
        width  = 24
        height = 3
        properties = {
          title  = "${var.name} alarms"
          alarms = local.alarm_arns
        }
      }
    ],
    [
      for i, w in local.metric_widgets : {
        type   = "metric"
        x      = (i % 3) * 8
        y      = 3 + floor(i / 3) * 6
        width  = 8
        height = 6
        properties = {
          title   = w.title
          region  = local.region
          view    = "timeSeries"
          stacked = false
          period  = 300
          metrics = w.metrics
        }
      }
    ],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  count = var.dashboard_enabled && length(local.metric_widgets) > 0 ? 1 : 0

  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
