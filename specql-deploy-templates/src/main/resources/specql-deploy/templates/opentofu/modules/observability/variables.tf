variable "name" {
  description = "Name prefix of the environment (at most 26 characters, lowercase letters, digits and hyphens, starting with a letter); the monitoring resources are named <name>-monitoring."
  type        = string

  validation {
    condition     = length(var.name) <= 26 && can(regex("^[a-z][a-z0-9-]*$", var.name))
    error_message = "The name must be at most 26 characters, start with a lowercase letter and contain only lowercase letters, digits and hyphens."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource (merged with a Name tag)."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (output key_arn of the kms module): encrypts the configuration bucket, the logs and the secrets."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "vpc_id" {
  description = "VPC of the environment."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets the monitoring task runs in: the app tasks' subnets, so it reaches them, the database and the internet the same way."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "At least one subnet is needed."
  }
}

variable "assign_public_ip" {
  description = "Give the task a public IP (public subnets without a NAT gateway, as the app tasks). It has no inbound rule either way."
  type        = bool
  default     = false
  nullable    = false
}

variable "cluster" {
  description = "The app's ECS cluster (the compute module's cluster_name and cluster_arn): the monitoring service runs in it, and Prometheus finds the app's tasks there."
  type = object({
    name = string
    arn  = string
  })
}

variable "app" {
  description = "The app the monitoring scrapes: its tasks' security group, the port serving the metrics path, and the log group ECS Exec sessions of the cluster are logged to (the compute module's log_group_name)."
  type = object({
    security_group_id = string
    port              = number
    log_group_name    = string
  })
}

variable "database" {
  description = "The RDS instance postgres_exporter reads, as the app's login (its password from the app login's secret)."
  type = object({
    security_group_id   = string
    host                = string
    port                = number
    name                = string
    username            = string
    password_secret_arn = string
  })
}

variable "alarm_topic_arn" {
  description = "SNS topic of the environment's CloudWatch alarms (module monitoring): told when the monitoring task stops running, since Alertmanager cannot say so itself."
  type        = string
  nullable    = false
}

variable "config_directory" {
  description = "The observability phase's folder (generated/observability): the same rules, routes and dashboards the Compose overlay mounts. Uploaded to the configuration bucket; a change of any file starts a new monitoring task."
  type        = string
}

variable "prometheus_config" {
  description = "Prometheus's configuration for this environment, under the prometheus folder of config_directory (the ECS service discovery of this environment's cluster)."
  type        = string

  validation {
    condition     = can(regex("^ecs/[a-z0-9-]+\\.yml$", var.prometheus_config))
    error_message = "The prometheus_config must be ecs/<environment>.yml."
  }
}

variable "dashboards" {
  description = "The dashboards Grafana loads, as file names under grafana/dashboards of config_directory."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for d in var.dashboards : can(regex("^[a-z0-9-]+\\.json$", d))])
    error_message = "Each dashboard must be a file name such as app.json."
  }
}

variable "probe" {
  description = "Run blackbox_exporter beside Prometheus, which probes the public URL (its configuration's blackbox job)."
  type        = bool
  default     = true
  nullable    = false
}

variable "metrics_retention" {
  description = "How long Prometheus keeps samples (--storage.tsdb.retention.time), e.g. 15d; bounded by the task's ephemeral storage, which a new task starts empty."
  type        = string
  default     = "15d"
  nullable    = false

  validation {
    condition     = can(regex("^([0-9]+(y|w|d|h|m|s|ms))+$", var.metrics_retention))
    error_message = "The metrics_retention must be a Prometheus duration such as 15d."
  }
}

variable "images" {
  description = "The images of the monitoring task, pinned by the generator (the Compose overlay runs the same ones), and the AWS CLI image that copies the configuration."
  type = object({
    prometheus        = string
    alertmanager      = string
    grafana           = string
    postgres_exporter = string
    blackbox_exporter = string
    config            = string
  })
}

variable "secrets" {
  description = "Files written under /run/secrets in the task, by file name: the Secrets Manager ARN holding the value, the variable it passes through, and the UID of the one container that reads it (65534 Prometheus and Alertmanager, 472 Grafana)."
  type = map(object({
    variable   = string
    value_from = string
    owner      = number
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for file, s in var.secrets : can(regex("^[a-z0-9_]+$", file)) && can(regex("^[A-Z_][A-Z0-9_]*$", s.variable))])
    error_message = "Each secret's file must be lowercase letters, digits and underscores, and its variable an environment-variable name."
  }
}

variable "smtp_port" {
  description = "Port of the mail relay Alertmanager sends through (monitoring.alerts.smtp), or null without an e-mail channel. HTTPS (443) is always open for the other channels and AWS's APIs."
  type        = number
  default     = null
}

variable "cpu_architecture" {
  description = "ARM64 (Graviton, about 20% cheaper) or X86_64; every image of the task is published for both."
  type        = string
  default     = "ARM64"
  nullable    = false

  validation {
    condition     = contains(["ARM64", "X86_64"], var.cpu_architecture)
    error_message = "The cpu_architecture must be ARM64 or X86_64."
  }
}

variable "cpu" {
  description = "CPU units of the monitoring task: 256 (a quarter vCPU), 512 or 1024."
  type        = number
  default     = 256
  nullable    = false

  validation {
    condition     = contains([256, 512, 1024], var.cpu)
    error_message = "cpu must be 256, 512 or 1024."
  }
}

variable "memory" {
  description = "Memory of the monitoring task in MiB, a Fargate size for the cpu: 256 takes 512, 1024 or 2048; 512 takes 1024 to 4096 and 1024 takes 2048 to 8192, in 1024 steps."
  type        = number
  default     = 1024
  nullable    = false
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the monitoring containers' logs."
  type        = number
  default     = 30
  nullable    = false
}

variable "config_versions_kept_days" {
  description = "Days a replaced configuration file stays in the bucket as a noncurrent version (to see what changed)."
  type        = number
  default     = 30
  nullable    = false
}
