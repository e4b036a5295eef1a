data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
  name       = "${var.name}-monitoring"

  log_group_name = "/ecs/${local.name}"

  # What the task reads of the observability folder; the Compose-only files (compose.yaml, Loki, Alloy, the
  # dashboards with Loki's panels) stay out.
  config_files = sort(tolist(setunion(
    fileset(var.config_directory, "prometheus/rules/*.yml"),
    fileset(var.config_directory, "prometheus/ecs/*.yml"),
    fileset(var.config_directory, "alertmanager/**"),
    fileset(var.config_directory, "blackbox/*.yml"),
    fileset(var.config_directory, "grafana/provisioning/dashboards/*.yaml"),
    fileset(var.config_directory, "grafana/ecs/provisioning/datasources/*.yaml"),
    [for d in var.dashboards : "grafana/ecs/dashboards/${d}"],
  )))
  # Any change of a file changes the task definition, so the service starts a task that reads the new files.
  config_version = sha256(join("\n", [for f in local.config_files : "${f} ${filesha256("${var.config_directory}/${f}")}"]))

  secret_arns = distinct([for s in values(var.secrets) : s.value_from])

  log_options = {
    "awslogs-group"  = local.log_group_name
    "awslogs-region" = local.region
    "mode"           = "non-blocking"
  }

  # Every server listens on the task's loopback only: they talk to each other there, and Grafana is reached through
  # an ECS Exec port-forwarding session (README), so the task needs no inbound rule.
  hardening = {
    readonlyRootFilesystem = true
    privileged             = false
    linuxParameters = {
      initProcessEnabled = true
      capabilities       = { drop = ["ALL"] }
    }
  }

  after_config = [{ containerName = "config", condition = "SUCCESS" }]

  containers = concat([
    merge(local.hardening, {
      name       = "config"
      image      = var.images.config
      essential  = false
      user       = "0"
      entryPoint = ["sh", "-c"]
      command    = [file("${path.module}/config-init.sh")]
      # Root keeps only CHOWN, to hand each volume to its server's user; Fargate cannot add capabilities.
      linuxParameters = {
        initProcessEnabled = true
        capabilities = { drop = ["AUDIT_WRITE", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"] }
      }
      environment = [for k, v in {
        CONFIG_BUCKET  = aws_s3_bucket.config.id
        CONFIG_VERSION = local.config_version
        DASHBOARDS     = join(" ", var.dashboards)
        SECRET_FILES   = join(" ", [for file in sort(keys(var.secrets)) : "${file}=${var.secrets[file].variable}=${var.secrets[file].owner}"])
        HOME           = "/tmp"
      } : { name = k, value = v }]
      secrets = [for file in sort(keys(var.secrets)) : { name = var.secrets[file].variable, valueFrom = var.secrets[file].value_from }]
      # Every volume it fills or hands over, and a scratch /tmp (HOME) for the AWS CLI on a read-only root.
      mountPoints = concat([for v in ["prometheus", "alertmanager", "blackbox", "grafana-provisioning", "grafana-dashboards", "secrets",
        "prometheus-data", "alertmanager-data", "grafana-data", "grafana-tmp"] : { sourceVolume = v, containerPath = "/volumes/${v}", readOnly = false }],
      [{ sourceVolume = "config-tmp", containerPath = "/tmp", readOnly = false }])
      logConfiguration = { logDriver = "awslogs", options = merge(local.log_options, { "awslogs-stream-prefix" = "config" }) }
    }),
    merge(local.hardening, {
      name      = "prometheus"
      image     = var.images.prometheus
      essential = true
      user      = "65534"
      command = [
        "--config.file=/etc/prometheus/${var.prometheus_config}",
        "--storage.tsdb.path=/prometheus",
        "--storage.tsdb.retention.time=${var.metrics_retention}",
        "--web.listen-address=127.0.0.1:9090",
      ]
      dependsOn = local.after_config
      mountPoints = [
        { sourceVolume = "prometheus", containerPath = "/etc/prometheus", readOnly = true },
        { sourceVolume = "prometheus-data", containerPath = "/prometheus", readOnly = false },
        { sourceVolume = "secrets", containerPath = "/run/secrets", readOnly = true },
      ]
      healthCheck      = { command = ["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:9090/-/ready"], interval = 30, timeout = 5, retries = 3, startPeriod = 60 }
      logConfiguration = { logDriver = "awslogs", options = merge(local.log_options, { "awslogs-stream-prefix" = "prometheus" }) }
    }),
    merge(local.hardening, {
      name      = "alertmanager"
      image     = var.images.alertmanager
      essential = true
      user      = "65534"
      # One Alertmanager, so no gossip cluster: an empty cluster address turns clustering off.
      command = [
        "--config.file=/etc/alertmanager/alertmanager.yml",
        "--storage.path=/alertmanager",
        "--web.listen-address=127.0.0.1:9093",
        "--cluster.listen-address=",
      ]
      dependsOn = local.after_config
      mountPoints = [
        { sourceVolume = "alertmanager", containerPath = "/etc/alertmanager", readOnly = true },
        { sourceVolume = "alertmanager-data", containerPath = "/alertmanager", readOnly = false },
        { sourceVolume = "secrets", containerPath = "/run/secrets", readOnly = true },
      ]
      healthCheck      = { command = ["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:9093/-/ready"], interval = 30, timeout = 5, retries = 3, startPeriod = 60 }
      logConfiguration = { logDriver = "awslogs", options = merge(local.log_options, { "awslogs-stream-prefix" = "alertmanager" }) }
    }),
    merge(local.hardening, {
      name      = "postgres-exporter"
      image     = var.images.postgres_exporter
      essential = true
      user      = "65534"
      # --collector.postmaster exports pg_postmaster_start_time_seconds, which PostgresqlRestarted reads.
      command = ["--collector.postmaster", "--web.listen-address=127.0.0.1:9187"]
      environment = [
        { name = "DATA_SOURCE_URI", value = "${var.database.host}:${var.database.port}/${var.database.name}?sslmode=require" },
        { name = "DATA_SOURCE_USER", value = var.database.username },
      ]
      secrets          = [{ name = "DATA_SOURCE_PASS", valueFrom = var.database.password_secret_arn }]
      healthCheck      = { command = ["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:9187/"], interval = 30, timeout = 5, retries = 3, startPeriod = 30 }
      logConfiguration = { logDriver = "awslogs", options = merge(local.log_options, { "awslogs-stream-prefix" = "postgres-exporter" }) }
    }),
    ], length(var.dashboards) > 0 ? [
    merge(local.hardening, {
      name      = "grafana"
      image     = var.images.grafana
      essential = true
      user      = "472"
      environment = [for k, v in {
        GF_SERVER_HTTP_ADDR                   = "127.0.0.1"
        GF_SECURITY_ADMIN_PASSWORD__FILE      = "/run/secrets/grafana_admin_password"
        GF_USERS_ALLOW_SIGN_UP                = "false"
        GF_AUTH_ANONYMOUS_ENABLED             = "false"
        GF_ANALYTICS_REPORTING_ENABLED        = "false"
        GF_ANALYTICS_CHECK_FOR_UPDATES        = "false"
        GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES = "false"
        GF_PLUGINS_PREINSTALL_DISABLED        = "true"
        AWS_REGION                            = local.region
      } : { name = k, value = v }]
      dependsOn = local.after_config
      mountPoints = [
        { sourceVolume = "grafana-provisioning", containerPath = "/etc/grafana/provisioning", readOnly = true },
        { sourceVolume = "grafana-dashboards", containerPath = "/etc/grafana/dashboards", readOnly = true },
        { sourceVolume = "grafana-data", containerPath = "/var/lib/grafana", readOnly = false },
        { sourceVolume = "grafana-tmp", containerPath = "/tmp", readOnly = false },
        { sourceVolume = "secrets", containerPath = "/run/secrets", readOnly = true },
      ]
      healthCheck      = { command = ["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:3000/api/health"], interval = 30, timeout = 5, retries = 3, startPeriod = 60 }
      logConfiguration = { logDriver = "awslogs", options = merge(local.log_options, { "awslogs-stream-prefix" = "grafana" }) }
    }),
    ] : [], var.probe ? [
    merge(local.hardening, {
      name      = "blackbox-exporter"
      image     = var.images.blackbox_exporter
      essential = true
      user      = "65534"
      command   = ["--config.file=/etc/blackbox/blackbox.yml", "--web.listen-address=127.0.0.1:9115"]
      dependsOn = local.after_config
      mountPoints = [
        { sourceVolume = "blackbox", containerPath = "/etc/blackbox", readOnly = true },
      ]
      healthCheck      = { command = ["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:9115/-/healthy"], interval = 30, timeout = 5, retries = 3, startPeriod = 30 }
      logConfiguration = { logDriver = "awslogs", options = merge(local.log_options, { "awslogs-stream-prefix" = "blackbox-exporter" }) }
    }),
  ] : [])

  volumes = ["prometheus", "alertmanager", "blackbox", "grafana-provisioning", "grafana-dashboards", "secrets", "prometheus-data",
  "alertmanager-data", "grafana-data", "grafana-tmp", "config-tmp"]
}

################################################################################
# Configuration bucket: the generated files, read by the task when it starts
################################################################################

resource "aws_s3_bucket" "config" {
  # checkov:skip=CKV_AWS_18: the bucket holds generated configuration that is also in the repository, written only by OpenTofu; CloudTrail records its writes. Enable S3 server access logging to an organisation log bucket if your audit rules require it.
  # checkov:skip=CKV_AWS_144: the files are in the repository and OpenTofu uploads them again in any region; a replica adds cost and nothing to recover.
  # checkov:skip=CKV2_AWS_62: nothing reacts to a configuration change but the task definition, which OpenTofu updates in the same apply.
  # AWS's bucket_prefix takes 37 characters: a 26-character name, "-monitor-" and AWS's random part fit.
  bucket_prefix = "${var.name}-monitor-"
  force_destroy = true

  tags = merge(var.tags, { Name = "${local.name}-config" })
}

resource "aws_s3_bucket_ownership_controls" "config" {
  bucket = aws_s3_bucket.config.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "config" {
  bucket = aws_s3_bucket.config.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "config" {
  bucket = aws_s3_bucket.config.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "config" {
  bucket = aws_s3_bucket.config.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "config" {
  bucket = aws_s3_bucket.config.id

  rule {
    id     = "expire-replaced-configuration"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.config_versions_kept_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.config]
}

resource "aws_s3_bucket_policy" "config" {
  bucket = aws_s3_bucket.config.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.config.arn, "${aws_s3_bucket.config.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.config, aws_s3_bucket_ownership_controls.config]
}

resource "aws_s3_object" "config" {
  for_each = toset(local.config_files)

  bucket      = aws_s3_bucket.config.id
  key         = each.value
  source      = "${var.config_directory}/${each.value}"
  source_hash = filemd5("${var.config_directory}/${each.value}")
  kms_key_id  = var.kms_key_arn

  tags = var.tags

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.config, aws_s3_bucket_policy.config]
}

################################################################################
# Logs, identity and network of the monitoring task
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  # checkov:skip=CKV_AWS_338: the monitoring containers' own logs are for troubleshooting the monitoring; they follow the environment's log retention
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = merge(var.tags, { Name = local.log_group_name })
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # Only ECS tasks of this account and region may assume the roles (confused-deputy protection).
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  description        = "ECS agent of ${local.name}: writes container logs, reads the injected secrets"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  tags = merge(var.tags, { Name = "${local.name}-execution" })
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "WriteContainerLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.this.arn, "${aws_cloudwatch_log_group.this.arn}:log-stream:*"]
  }

  statement {
    sid       = "ReadInjectedSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = concat([var.database.password_secret_arn], local.secret_arns)
  }

  statement {
    sid       = "DecryptInjectedSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "monitoring-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  description        = "Monitoring of ${var.name}: reads its configuration, finds the app's tasks, reads CloudWatch metrics for Grafana"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  tags = merge(var.tags, { Name = "${local.name}-task" })
}

data "aws_iam_policy_document" "task" {
  # checkov:skip=CKV_AWS_356: ecs:ListTasks is limited to the app's cluster by the ecs:cluster condition, as ECS's own IAM examples do; its only resource type is a container instance, which Fargate tasks do not have
  statement {
    sid       = "ListConfiguration"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.config.arn]
  }

  statement {
    sid       = "ReadConfiguration"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.config.arn}/*"]
  }

  statement {
    sid       = "DecryptConfiguration"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }

  # Prometheus's ECS service discovery (aws_sd_configs, role ecs). It checks its credentials by describing the
  # account's default cluster, hence that cluster's ARN.
  statement {
    sid       = "DescribeClusters"
    actions   = ["ecs:DescribeClusters"]
    resources = [var.cluster.arn, "arn:${local.partition}:ecs:${local.region}:${local.account_id}:cluster/default"]
  }

  statement {
    sid       = "ListClusterServicesAndTasks"
    actions   = ["ecs:ListServices", "ecs:ListTasks"]
    resources = ["*"]

    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [var.cluster.arn]
    }
  }

  statement {
    sid     = "DescribeClusterServicesAndTasks"
    actions = ["ecs:DescribeServices", "ecs:DescribeTasks"]
    resources = [
      "arn:${local.partition}:ecs:${local.region}:${local.account_id}:service/${var.cluster.name}/*",
      "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task/${var.cluster.name}/*",
    ]
  }

  # The tasks' network interfaces (their public IP label); EC2 Describe* actions have no resource-level permissions.
  statement {
    sid       = "DescribeTaskInterfaces"
    actions   = ["ec2:DescribeNetworkInterfaces"]
    resources = ["*"]
  }

  # Grafana's CloudWatch datasource: metrics (no resource-level permissions) and this account's alarms.
  statement {
    sid       = "ReadCloudWatchMetrics"
    actions   = ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "cloudwatch:DescribeAlarmsForMetric"]
    resources = ["*"]
  }

  statement {
    sid       = "ReadCloudWatchAlarms"
    actions   = ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"]
    resources = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:*"]
  }

  # ECS Exec, for the port-forwarding session to Grafana; the cluster logs sessions to the app's log group,
  # encrypted with the environment's key.
  statement {
    sid       = "ExecSessions"
    actions   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
    resources = ["*"]
  }

  statement {
    sid       = "FindExecSessionLogGroup"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["*"]
  }

  statement {
    sid       = "LogExecSessions"
    actions   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${var.app.log_group_name}:log-stream:*"]
  }

  statement {
    sid       = "EncryptExecSessions"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "monitoring"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

resource "aws_security_group" "this" {
  name_prefix = "${local.name}-"
  description = "Monitoring task: no inbound; out to the app's metrics port, the database, and HTTPS (AWS APIs, probes, notifications)"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = local.name })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "AWS APIs, image pulls, the public URL's probe and the notification channels"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, { Name = "${local.name}-https" })
}

resource "aws_vpc_security_group_egress_rule" "smtp" {
  count = var.smtp_port == null ? 0 : 1

  security_group_id = aws_security_group.this.id
  description       = "Alertmanager's e-mail relay"
  ip_protocol       = "tcp"
  from_port         = var.smtp_port
  to_port           = var.smtp_port
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, { Name = "${local.name}-smtp" })
}

resource "aws_vpc_security_group_egress_rule" "app" {
  security_group_id            = aws_security_group.this.id
  description                  = "Prometheus scrapes the app's metrics"
  ip_protocol                  = "tcp"
  from_port                    = var.app.port
  to_port                      = var.app.port
  referenced_security_group_id = var.app.security_group_id

  tags = merge(var.tags, { Name = "${local.name}-to-app" })
}

resource "aws_vpc_security_group_ingress_rule" "app" {
  security_group_id            = var.app.security_group_id
  description                  = "Prometheus scrapes the app's metrics"
  ip_protocol                  = "tcp"
  from_port                    = var.app.port
  to_port                      = var.app.port
  referenced_security_group_id = aws_security_group.this.id

  tags = merge(var.tags, { Name = "${var.name}-tasks-from-monitoring" })
}

resource "aws_vpc_security_group_egress_rule" "database" {
  security_group_id            = aws_security_group.this.id
  description                  = "postgres_exporter reads the database's statistics"
  ip_protocol                  = "tcp"
  from_port                    = var.database.port
  to_port                      = var.database.port
  referenced_security_group_id = var.database.security_group_id

  tags = merge(var.tags, { Name = "${local.name}-to-database" })
}

resource "aws_vpc_security_group_ingress_rule" "database" {
  security_group_id            = var.database.security_group_id
  description                  = "postgres_exporter of the monitoring task"
  ip_protocol                  = "tcp"
  from_port                    = var.database.port
  to_port                      = var.database.port
  referenced_security_group_id = aws_security_group.this.id

  tags = merge(var.tags, { Name = "${var.name}-db-from-monitoring" })
}

################################################################################
# The monitoring task and its service
################################################################################

resource "aws_ecs_task_definition" "this" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(local.containers)

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # Task storage (encrypted by Fargate), emptied when the task stops: the samples and the notification log start
  # over with each new task.
  dynamic "volume" {
    for_each = local.volumes
    content {
      name = volume.value
    }
  }

  tags = merge(var.tags, { Name = local.name })

  lifecycle {
    # Fargate's CPU and memory pairs.
    precondition {
      condition = (var.cpu == 256 ? contains([512, 1024, 2048], var.memory)
      : var.memory >= 2 * var.cpu && var.memory <= 8 * var.cpu && var.memory % 1024 == 0)
      error_message = "Not a Fargate size: cpu 256 takes 512, 1024 or 2048 MiB; 512 takes 1024 to 4096 and 1024 takes 2048 to 8192, in 1024 steps."
    }
  }

  # The files are in the bucket before a task that reads them can start.
  depends_on = [aws_s3_object.config]
}

resource "aws_ecs_service" "this" {
  name                   = local.name
  cluster                = var.cluster.arn
  task_definition        = aws_ecs_task_definition.this.arn
  desired_count          = 1
  launch_type            = "FARGATE"
  platform_version       = "LATEST"
  enable_execute_command = true

  # One Prometheus and one Alertmanager at a time: two would each notify. A new task starts after the old one stops.
  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = var.assign_public_ip
  }

  tags = merge(var.tags, { Name = local.name })

  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.task]
}

################################################################################
# Who watches the watcher: CloudWatch pages when the monitoring task stops
################################################################################

# ECS reports the service's CPU every minute while a task runs; five minutes without a sample mean no Prometheus and
# no Alertmanager, so the alerts they own (the app down, its errors and latency) would go unsent.
resource "aws_cloudwatch_metric_alarm" "monitoring_down" {
  alarm_name          = "${local.name}-down"
  alarm_description   = "The monitoring task (Prometheus, Alertmanager) has not run for 5 minutes: no Prometheus alert can be sent. Check the ECS service events of ${local.name} and its log group."
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = { ClusterName = var.cluster.name, ServiceName = aws_ecs_service.this.name }
  statistic           = "SampleCount"
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  treat_missing_data  = "breaching"

  actions_enabled = true
  alarm_actions   = [var.alarm_topic_arn]
  ok_actions      = [var.alarm_topic_arn]

  tags = merge(var.tags, { Name = "${local.name}-down" })
}
