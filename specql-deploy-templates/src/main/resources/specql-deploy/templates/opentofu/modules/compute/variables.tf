variable "name" {
  description = "Prefix of every resource name (e.g. \"shop-production\"): lower-case letters, digits and hyphens, at most 26 characters. Also the ECS cluster, service and task-definition family name."
  type        = string

  validation {
    condition     = length(var.name) <= 26 && can(regex("^[a-z][a-z0-9-]*$", var.name))
    error_message = "name must start with a lower-case letter, contain only lower-case letters, digits and hyphens, and be at most 26 characters long."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource (the provider's default_tags add application/environment/managed-by)."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "ID of the VPC the tasks run in."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as \"vpc-0123456789abcdef0\"."
  }
}

variable "subnet_ids" {
  description = "Subnets the tasks are placed in: private subnets behind NAT, or public subnets with assign_public_ip = true where the network has no NAT."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "subnet_ids must list at least one subnet ID."
  }
}

variable "assign_public_ip" {
  description = "Give each task a public IP (public subnets, no NAT): it reaches ECR, Secrets Manager and the internet directly. Its security group still admits only the load balancer; a public IPv4 address costs $0.005 an hour per task."
  type        = bool
  default     = false
  nullable    = false
}

variable "capacity_provider" {
  description = "Capacity the application service runs on: FARGATE, or FARGATE_SPOT (about 70% cheaper; AWS may stop a task with two minutes' notice, and the service replaces it) for environments that tolerate it."
  type        = string
  default     = "FARGATE"
  nullable    = false

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.capacity_provider)
    error_message = "capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "container_insights" {
  description = "CloudWatch Container Insights on the cluster: per-task and per-family metrics, billed as custom metrics. The service's CPU and memory metrics, which the alarms use, are free either way."
  type        = bool
  default     = true
  nullable    = false
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer (edge module); the only source allowed to reach the container port."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.alb_security_group_id))
    error_message = "alb_security_group_id must be a security group ID such as \"sg-0123456789abcdef0\"."
  }
}

variable "target_group_arn" {
  description = "ARN of the IP target group (edge module) the service registers its tasks in."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/.+$", var.target_group_arn))
    error_message = "target_group_arn must be an Elastic Load Balancing target group ARN."
  }
}

variable "alb_resource_label" {
  description = "\"<alb arn suffix>/<target group arn suffix>\" (app/<lb>/<id>/targetgroup/<tg>/<id>), the resource label of the ALBRequestCountPerTarget scaling metric."
  type        = string

  validation {
    condition     = can(regex("^app/[^/]+/[0-9a-f]+/targetgroup/[^/]+/[0-9a-f]+$", var.alb_resource_label))
    error_message = "alb_resource_label must look like \"app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>\" (the edge module's alb_arn_suffix and target_group_arn_suffix joined by \"/\")."
  }
}

variable "image" {
  description = "Full image reference pinned by digest, e.g. \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop@sha256:<64 hex>\". Tags are mutable, so a tag alone is refused."
  type        = string

  validation {
    condition     = can(regex("^[^\\s@]+@sha256:[0-9a-f]{64}$", var.image))
    error_message = "image must be pinned by digest: \"<registry>/<repository>[:tag]@sha256:<64 lower-case hex digits>\"."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture the image is built for: \"ARM64\" (Graviton, about 20% cheaper) or \"X86_64\"."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["ARM64", "X86_64"], var.cpu_architecture)
    error_message = "cpu_architecture must be \"ARM64\" or \"X86_64\"."
  }
}

variable "cpu" {
  description = "Fargate CPU units per task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384."
  type        = number
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be one of the Fargate sizes 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "memory" {
  description = "Memory per task in MiB; must be a combination Fargate offers for cpu (e.g. 256: 512-2048, 512: 1024-4096, 1024: 2048-8192)."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory >= 512 && var.memory <= 122880 && floor(var.memory) == var.memory
    error_message = "memory must be an integer number of MiB between 512 and 122880."
  }
}

variable "container_port" {
  description = "Port the application listens on inside the container. The container runs as a non-root user without capabilities, so it must be 1024 or higher."
  type        = number
  default     = 8000

  validation {
    condition     = var.container_port >= 1024 && var.container_port <= 65535 && floor(var.container_port) == var.container_port
    error_message = "container_port must be an integer between 1024 and 65535 (a non-root process cannot bind ports below 1024)."
  }
}

variable "writable_paths" {
  description = "Absolute paths the containers write at runtime, each an empty volume on the task's ephemeral storage under the read-only root filesystem. Lost when the task stops: nothing that must persist belongs here."
  type        = list(string)
  default     = ["/tmp"]

  validation {
    condition     = length(var.writable_paths) > 0 && alltrue([for p in var.writable_paths : can(regex("^/[A-Za-z0-9._/-]+$", p))]) && length(distinct(var.writable_paths)) == length(var.writable_paths)
    error_message = "writable_paths must list distinct absolute paths (at least /tmp)."
  }
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores failing load balancer health checks after a task starts (boot and warm-up time)."
  type        = number
  default     = 60

  validation {
    condition     = var.health_check_grace_period_seconds >= 0 && var.health_check_grace_period_seconds <= 2147483647
    error_message = "health_check_grace_period_seconds must be between 0 and 2147483647."
  }
}

variable "command" {
  description = "Command of the application container; [] keeps the image's CMD."
  type        = list(string)
  default     = []
}

variable "wait_for_steady_state" {
  description = "Make each apply that changes a service wait until its tasks are running and healthy (or fail)."
  type        = bool
  default     = true
  nullable    = false
}

variable "entry_point" {
  description = "Entry point of the application container; [] keeps the image's. A task that sets it must set command too: ECS then ignores the image's CMD."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.entry_point) == 0 || length(var.command) > 0
    error_message = "entry_point replaces the image's CMD as well: set command too."
  }
}

variable "migration_command" {
  description = "Command of the one-off migration task (run with `aws ecs run-task` before a deployment), e.g. [\"confiture\", \"migrate\", \"up\"]. Empty when the app applies no migrations: then no migration task is defined."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "environment" {
  description = "Plain (non-secret) environment variables of every container. Secrets go in secrets, never here."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])
    error_message = "environment variable names must match ^[A-Za-z_][A-Za-z0-9_]*$."
  }
}

variable "secrets" {
  description = "Environment variables injected from AWS Secrets Manager at task start: name => secret ARN, optionally followed by \":<json-key>::\" (e.g. the RDS-managed secret ARN + \":password::\" for PGPASSWORD)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.secrets) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])
    error_message = "secret variable names must match ^[A-Za-z_][A-Za-z0-9_]*$."
  }

  validation {
    condition     = alltrue([for v in values(var.secrets) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[^:]+(:[^:]*:[^:]*:[^:]*)?$", v))])
    error_message = "secrets values must be Secrets Manager secret ARNs, optionally followed by \":<json-key>:<version-stage>:<version-id>\" (e.g. \"...:secret:db-AbCdEf:password::\")."
  }
}

variable "secret_arns_readable" {
  description = "Secrets Manager secret ARNs (without JSON-key suffix) the task execution role may read: every secret referenced in secrets."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for v in var.secret_arns_readable : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[^:*]+$", v))])
    error_message = "secret_arns_readable must contain plain Secrets Manager secret ARNs (no wildcard, no JSON-key suffix)."
  }
}

variable "desired_count" {
  description = "Number of application tasks at creation; afterwards autoscaling owns it (changes are ignored)."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 0 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a non-negative integer."
  }
}

variable "autoscaling" {
  description = "Service autoscaling: task count bounds, target average CPU percent and target requests per task (ALBRequestCountPerTarget, per minute)."
  type = object({
    min                 = number
    max                 = number
    target_cpu          = number
    requests_per_target = number
  })
  default = {
    min                 = 2
    max                 = 6
    target_cpu          = 60
    requests_per_target = 1000
  }

  validation {
    condition     = var.autoscaling.min >= 0 && var.autoscaling.max >= 1 && var.autoscaling.min <= var.autoscaling.max && floor(var.autoscaling.min) == var.autoscaling.min && floor(var.autoscaling.max) == var.autoscaling.max
    error_message = "autoscaling.min and autoscaling.max must be integers with 0 <= min <= max and max >= 1."
  }

  validation {
    condition     = var.autoscaling.target_cpu > 0 && var.autoscaling.target_cpu <= 100
    error_message = "autoscaling.target_cpu must be a percentage above 0 and at most 100."
  }

  validation {
    condition     = var.autoscaling.requests_per_target > 0
    error_message = "autoscaling.requests_per_target must be greater than 0."
  }
}

variable "log_retention_days" {
  description = "Days the container logs are kept; one of the retention periods CloudWatch Logs accepts."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (kms module): encrypts the log group and ECS Exec sessions, and decrypts the secrets."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN such as \"arn:aws:kms:eu-west-1:123456789012:key/...\"."
  }
}

variable "database" {
  description = "The database the tasks may open connections to on 5432: its security group (database module). null when there is none."
  type = object({
    security_group_id = string
  })
  default = null

  validation {
    condition     = var.database == null || can(regex("^sg-[0-9a-f]+$", var.database.security_group_id))
    error_message = "database.security_group_id must be a security group ID such as \"sg-0123456789abcdef0\"."
  }
}

variable "database_access" {
  description = <<-EOT
    The app's own least-privilege login, made and granted by the one-off task <name>-database-access (deploy.sh
    runs it after the migrations) with the master credentials, so that the app never connects as the master user
    whose password RDS rotates. null: no such task.
      image          - a PostgreSQL client image (psql) of the server's major version
      host, port     - the database instance
      databases      - the app's databases on it, the one RDS created first
      admin_username - the master user; admin_password its password as a secrets valueFrom
      app_username   - the app's login; app_password its password as a secrets valueFrom
  EOT
  type = object({
    image          = string
    host           = string
    port           = number
    databases      = list(string)
    admin_username = string
    admin_password = string
    app_username   = string
    app_password   = string
  })
  default = null

  validation {
    condition     = var.database_access == null || try(length(var.database_access.databases) > 0 && var.database_access.admin_username != var.database_access.app_username, false)
    error_message = "database_access needs at least one database, and an app_username other than the admin_username."
  }
}

variable "migration_overrides" {
  description = "Variables the migration container gets in place of the application's: the database URLs and user name of the master user (environment) and its password (secrets), as the migrations change the schema the app's login only uses."
  type = object({
    environment = optional(map(string), {})
    secrets     = optional(map(string), {})
  })
  default  = {}
  nullable = false
}

variable "worker" {
  description = "Optional background worker: same image, settings and security group as the application, its own command, a fixed task count and the variables it sets unlike the application (environment), no load balancer. null for none."
  type = object({
    command           = list(string)
    count             = number
    environment       = optional(map(string), {})
    capacity_provider = optional(string, "FARGATE")
  })
  default = null

  validation {
    condition     = var.worker == null || try(length(var.worker.command) > 0 && var.worker.count >= 0 && floor(var.worker.count) == var.worker.count && contains(["FARGATE", "FARGATE_SPOT"], var.worker.capacity_provider), false)
    error_message = "worker.command must not be empty, worker.count must be a non-negative integer and worker.capacity_provider FARGATE or FARGATE_SPOT."
  }
}

variable "additional_egress" {
  description = "Further TCP destinations the tasks may reach, each a security group and port (for example the Valkey broker on 6379)."
  type = list(object({
    security_group_id = string
    port              = number
    description       = string
  }))
  default  = []
  nullable = false

  validation {
    condition     = alltrue([for rule in var.additional_egress : rule.port >= 1 && rule.port <= 65535 && length(rule.description) > 0])
    error_message = "Each additional egress rule needs a port from 1 to 65535 and a description."
  }
}

variable "blue_green" {
  description = <<-EOT
    ECS's own blue/green deployments (null: rolling updates). The edge module's alternate target group and listener
    rules; strategy BLUE_GREEN (all traffic at once), LINEAR (step_percent every step_minutes) or CANARY (step_percent
    for step_minutes, then the rest); bake_minutes the old revision keeps running after all traffic moved; with
    rollback_on_error, the deployment alarm (target 5xx above error_rate_percent of the requests for 2 minutes, on the
    load balancer load_balancer_arn_suffix) rolls the deployment back.
  EOT
  type = object({
    alternate_target_group_arn   = string
    production_listener_rule_arn = string
    test_listener_rule_arn       = string
    load_balancer_arn_suffix     = string
    strategy                     = string
    step_percent                 = optional(number)
    step_minutes                 = optional(number)
    bake_minutes                 = number
    rollback_on_error            = bool
    error_rate_percent           = optional(number, 5)
  })
  default = null

  validation {
    condition     = var.blue_green == null || try(contains(["BLUE_GREEN", "LINEAR", "CANARY"], var.blue_green.strategy), false)
    error_message = "blue_green.strategy must be BLUE_GREEN, LINEAR or CANARY."
  }

  validation {
    condition     = var.blue_green == null || try(var.blue_green.bake_minutes >= 0 && var.blue_green.bake_minutes <= 1440 && (var.blue_green.strategy == "BLUE_GREEN" || var.blue_green.step_minutes >= 0 && var.blue_green.step_minutes <= 1440), false)
    error_message = "blue_green.bake_minutes and step_minutes must be whole minutes from 0 to 1440 (ECS's limits); LINEAR and CANARY need step_minutes."
  }

  validation {
    condition     = var.blue_green == null || try(var.blue_green.strategy == "BLUE_GREEN" || var.blue_green.strategy == "LINEAR" && var.blue_green.step_percent >= 3 && var.blue_green.step_percent <= 100 || var.blue_green.strategy == "CANARY" && var.blue_green.step_percent >= 0.1 && var.blue_green.step_percent <= 100, false)
    error_message = "blue_green.step_percent must be 3 to 100 for LINEAR and 0.1 to 100 for CANARY (ECS's limits)."
  }

  validation {
    condition     = var.blue_green == null || try(can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/.+$", var.blue_green.alternate_target_group_arn)) && can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener-rule/app/.+$", var.blue_green.production_listener_rule_arn)) && can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener-rule/app/.+$", var.blue_green.test_listener_rule_arn)) && can(regex("^app/[^/]+/[0-9a-f]+$", var.blue_green.load_balancer_arn_suffix)), false)
    error_message = "blue_green needs the edge module's alternate target group ARN, the production and test listener rule ARNs (listener-rule/app/...) and the load balancer's ARN suffix (app/<name>/<id>)."
  }
}
