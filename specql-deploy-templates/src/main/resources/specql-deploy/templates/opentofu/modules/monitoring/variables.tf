variable "name" {
  description = "Name prefix for every resource of this module (e.g. \"shop-production\"). Lowercase letters, digits and hyphens, starting with a letter, at most 26 characters."
  type        = string

  validation {
    condition     = length(var.name) <= 26 && can(regex("^[a-z][a-z0-9-]*$", var.name))
    error_message = "The name must match ^[a-z][a-z0-9-]*$ and be at most 26 characters long."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource (merged with a Name tag). Provider default_tags still apply."
  type        = map(string)
  default     = {}
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key; encrypts the alarm SNS topic. Its key policy must let cloudwatch.amazonaws.com use it (the kms module does)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic. Each address receives a confirmation mail from SNS and gets notified only after confirming."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$", e))])
    error_message = "Every alarm_emails entry must be an e-mail address."
  }
}

variable "alb_arn_suffix" {
  description = "ARN suffix of the application load balancer (app/<name>/<id>, the LoadBalancer CloudWatch dimension); \"\" when there is no ALB."
  type        = string
  default     = ""

  validation {
    condition     = var.alb_arn_suffix == "" || can(regex("^app/[^/]+/[0-9a-f]+$", var.alb_arn_suffix))
    error_message = "The alb_arn_suffix must be \"\" or an ALB ARN suffix (app/<name>/<id>)."
  }
}

variable "target_group_arn_suffix" {
  description = "ARN suffix of the ALB target group (targetgroup/<name>/<id>, the TargetGroup CloudWatch dimension); needed with the ALB alarms."
  type        = string
  default     = ""

  validation {
    condition     = var.target_group_arn_suffix == "" || can(regex("^targetgroup/[^/]+/[0-9a-f]+$", var.target_group_arn_suffix))
    error_message = "The target_group_arn_suffix must be \"\" or a target group ARN suffix (targetgroup/<name>/<id>)."
  }
}

variable "blue_green" {
  description = "Whether the service deploys blue/green over two target groups that swap at every deployment: the target health alarms then count both (alternate_target_group_arn_suffix). Must be known at plan time."
  type        = bool
  default     = false
}

variable "alternate_target_group_arn_suffix" {
  description = "With blue_green: ARN suffix of the second target group. \"\" without blue/green."
  type        = string
  default     = ""

  validation {
    condition     = var.alternate_target_group_arn_suffix == "" || can(regex("^targetgroup/[^/]+/[0-9a-f]+$", var.alternate_target_group_arn_suffix))
    error_message = "The alternate_target_group_arn_suffix must be \"\" or a target group ARN suffix (targetgroup/<name>/<id>)."
  }
}

variable "ecs_cluster_name" {
  description = "Name of the ECS cluster running the service; needed with the ECS alarms."
  type        = string
  default     = ""
}

variable "ecs_service_name" {
  description = "Name of the ECS service to watch; \"\" when there is no ECS service."
  type        = string
  default     = ""
}

variable "db_instance_identifier" {
  description = "RDS instance identifier to watch; \"\" when there is no RDS instance (e.g. hobby)."
  type        = string
  default     = ""
}

variable "ec2_instance_id" {
  description = "EC2 instance ID to watch (the hobby server); \"\" when there is none."
  type        = string
  default     = ""

  validation {
    condition     = var.ec2_instance_id == "" || can(regex("^i-[0-9a-f]+$", var.ec2_instance_id))
    error_message = "The ec2_instance_id must be \"\" or an EC2 instance ID (i-...)."
  }
}

# OpenTofu must know at plan time which alarms exist. An ALB ARN suffix or an EC2 instance ID created in the
# same apply is unknown until apply, so `!= ""` cannot decide; these flags decide instead. null (the default)
# means "watch it when the identifier above is non-empty", which works whenever the identifier is known at plan.
variable "monitor_alb" {
  description = "Create the ALB alarms and widgets. null = when alb_arn_suffix is non-empty. Set true when the ALB is created in the same apply (its ARN suffix is unknown at plan time)."
  type        = bool
  default     = null
}

variable "monitor_ecs" {
  description = "Create the ECS service alarms and widgets. null = when ecs_service_name is non-empty."
  type        = bool
  default     = null
}

variable "monitor_rds" {
  description = "Create the RDS alarms and widgets. null = when db_instance_identifier is non-empty."
  type        = bool
  default     = null
}

variable "monitor_ec2" {
  description = "Create the EC2 instance alarms and widgets. null = when ec2_instance_id is non-empty. Set true when the instance is created in the same apply (its ID is unknown at plan time)."
  type        = bool
  default     = null
}

variable "monitor_replica_lag" {
  description = "Watch db_instance_identifier as a read replica: alarm when its ReplicaLag passes thresholds.replica_lag_seconds or stops being reported."
  type        = bool
  default     = false
  nullable    = false
}

variable "quiet_alarms" {
  description = "Alarms that notify no one, because another monitor pages for the same condition (the monitoring task's Prometheus, through Alertmanager): they keep their state, history and place on the dashboard. Keys as in alarm_names without the name prefix, e.g. alb-5xx-rate."
  type        = set(string)
  default     = []
  nullable    = false

  validation {
    condition = alltrue([for k in var.quiet_alarms : contains([
      "alb-5xx-rate", "alb-p95-response-time", "alb-unhealthy-hosts", "alb-no-healthy-hosts", "ecs-cpu", "ecs-memory",
      "rds-cpu", "rds-free-storage", "rds-connections", "rds-replica-lag", "ec2-cpu", "ec2-status-check",
    ], k)])
    error_message = "quiet_alarms names an alarm this module does not create."
  }
}

variable "thresholds" {
  description = "Alarm thresholds. error_rate_percent: ALB target 5xx share of requests; response_time_seconds: ALB p95 target response time; unhealthy_hosts: alarm above this many unhealthy targets; cpu_percent/memory_percent: ECS service (cpu_percent also for EC2); db_cpu_percent, db_free_storage_gib (alarm below), db_connections: RDS; replica_lag_seconds: a read replica (monitor_replica_lag)."
  type = object({
    error_rate_percent    = optional(number, 5)
    response_time_seconds = optional(number, 1)
    unhealthy_hosts       = optional(number, 0)
    cpu_percent           = optional(number, 80)
    memory_percent        = optional(number, 80)
    db_cpu_percent        = optional(number, 80)
    db_free_storage_gib   = optional(number, 5)
    db_connections        = optional(number, 80)
    replica_lag_seconds   = optional(number, 300)
  })
  default  = {}
  nullable = false

  validation {
    condition = alltrue([
      for v in [var.thresholds.error_rate_percent, var.thresholds.cpu_percent, var.thresholds.memory_percent, var.thresholds.db_cpu_percent] : v > 0 && v <= 100
    ])
    error_message = "The percentage thresholds (error_rate_percent, cpu_percent, memory_percent, db_cpu_percent) must be greater than 0 and at most 100."
  }

  validation {
    condition     = var.thresholds.response_time_seconds > 0 && var.thresholds.db_free_storage_gib > 0 && var.thresholds.db_connections > 0 && var.thresholds.unhealthy_hosts >= 0 && var.thresholds.replica_lag_seconds > 0
    error_message = "response_time_seconds, db_free_storage_gib, db_connections and replica_lag_seconds must be greater than 0, unhealthy_hosts at least 0."
  }
}

variable "dashboard_enabled" {
  description = "Create a CloudWatch dashboard with the ALB, ECS, RDS and EC2 widgets of what is watched ($3 per month beyond the free tier of 3 dashboards)."
  type        = bool
  default     = true
}
