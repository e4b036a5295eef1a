variable "name" {
  description = "Name prefix for every resource of this module (e.g. \"shop-production\"). Lowercase letters, digits and hyphens, starting with a letter, at most 26 characters; RDS identifiers also forbid a trailing hyphen and two consecutive hyphens."
  type        = string

  validation {
    condition     = length(var.name) <= 26 && can(regex("^[a-z][a-z0-9-]*$", var.name)) && !strcontains(var.name, "--") && !endswith(var.name, "-")
    error_message = "The name must match ^[a-z][a-z0-9-]*$, be at most 26 characters long, not end with a hyphen and not contain two consecutive hyphens (RDS identifier rules)."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource (merged with a Name tag). Provider default_tags still apply."
  type        = map(string)
  default     = {}
}

variable "engine_version" {
  description = "PostgreSQL major version (\"14\" to \"18\"). Minor versions are applied automatically in the maintenance window; changing the major version performs a major upgrade."
  type        = string
  default     = "17"

  validation {
    condition     = contains(["14", "15", "16", "17", "18"], var.engine_version)
    error_message = "The engine_version must be a PostgreSQL major version between \"14\" and \"18\"."
  }
}

variable "instance_class" {
  description = "RDS instance class, e.g. db.t4g.micro (Graviton burstable) or db.m7g.large."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "The instance_class must look like db.<family>.<size>, e.g. db.t4g.micro."
  }
}

variable "allocated_storage" {
  description = "Initial gp3 storage in GiB (20 to 65536)."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage >= 20 && var.allocated_storage <= 65536 && floor(var.allocated_storage) == var.allocated_storage
    error_message = "The allocated_storage must be a whole number of GiB between 20 and 65536."
  }
}

variable "max_allocated_storage" {
  description = "Upper bound in GiB for storage autoscaling; must be at least allocated_storage."
  type        = number
  default     = 100

  validation {
    condition     = var.max_allocated_storage >= 20 && var.max_allocated_storage <= 65536 && floor(var.max_allocated_storage) == var.max_allocated_storage
    error_message = "The max_allocated_storage must be a whole number of GiB between 20 and 65536."
  }
}

variable "multi_az" {
  description = "Run a synchronous standby in a second availability zone (automatic failover, roughly doubles the instance cost). Recommended for production."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days automated backups and point-in-time recovery are kept (1 to 35)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35 && floor(var.backup_retention_days) == var.backup_retention_days
    error_message = "The backup_retention_days must be a whole number between 1 and 35 (0 would disable automated backups)."
  }
}

variable "backup_window" {
  description = "Daily backup window in UTC, \"HH:MM-HH:MM\" (at least 30 minutes, must not overlap the maintenance window)."
  type        = string
  default     = "03:00-04:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.backup_window))
    error_message = "The backup_window must have the form HH:MM-HH:MM (UTC, 24-hour clock), e.g. \"03:00-04:00\"."
  }
}

variable "maintenance_window" {
  description = "Weekly maintenance window in UTC, \"ddd:HH:MM-ddd:HH:MM\" (at least 30 minutes)."
  type        = string
  default     = "sun:04:30-sun:05:30"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "The maintenance_window must have the form ddd:HH:MM-ddd:HH:MM in lowercase, e.g. \"sun:04:30-sun:05:30\"."
  }
}

variable "snapshot_identifier" {
  description = "A DB snapshot of this region (its identifier) the instance is restored from when it is created, for example to fail back from a disaster recovery region or to recover from a bad migration. Read only at creation: with an instance in place, delete it first (keeping a final snapshot), then apply."
  type        = string
  default     = null

  validation {
    condition     = var.snapshot_identifier == null || can(regex("^[A-Za-z](-?[A-Za-z0-9])*$", var.snapshot_identifier)) && length(coalesce(var.snapshot_identifier, "-")) <= 255
    error_message = "The snapshot_identifier must be an RDS snapshot identifier: letters, digits and single hyphens, starting with a letter, at most 255 characters."
  }

  validation {
    condition     = var.snapshot_identifier == null || var.replica_of == null
    error_message = "A read replica streams from its source: set snapshot_identifier or replica_of, not both."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (through OpenTofu or the console) until this is set to false and applied."
  type        = bool
  default     = true
}

variable "vpc_id" {
  description = "ID of the VPC the database security group is created in."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "The vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "db_subnet_group_name" {
  description = "Name of the DB subnet group (private database subnets, created by the networking module)."
  type        = string

  validation {
    condition     = length(trimspace(var.db_subnet_group_name)) > 0
    error_message = "The db_subnet_group_name must not be empty."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect to PostgreSQL on port 5432 (e.g. the ECS task security group). No other ingress exists."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "Every allowed_security_group_ids entry must be a security group ID (sg-...)."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key: encrypts the storage, snapshots, Performance Insights, the RDS-managed master secret and the log groups."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "database_name" {
  description = "Name of the database created in the instance."
  type        = string
  default     = "app"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.database_name))
    error_message = "The database_name must start with a letter and contain only letters, digits and underscores (at most 63 characters)."
  }
}

variable "master_username" {
  description = "Master user name. Its password is generated and stored by RDS in Secrets Manager (never in state)."
  type        = string
  default     = "app_admin"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.master_username)) && !contains(["rdsadmin", "rdsrepladmin", "rds_superuser", "public"], lower(var.master_username))
    error_message = "The master_username must start with a letter, contain only letters, digits and underscores (at most 63 characters), and not be a reserved name (rdsadmin, rdsrepladmin, rds_superuser, public)."
  }
}

variable "app_username" {
  description = "The app's own login, which connects instead of the master user: this module keeps its password in a secret it never writes (deploy.sh generates the value, the compute module's database-access task sets it in PostgreSQL). null: no such login."
  type        = string
  default     = null

  validation {
    condition     = var.app_username == null || can(regex("^[a-z_][a-z0-9_]{0,62}$", var.app_username))
    error_message = "The app_username must be a lowercase SQL identifier (letters, digits and underscores, at most 63 characters)."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a deleted app password secret can still be restored (0 deletes it at once; 7 to 30 otherwise)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "The secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "log_retention_days" {
  description = "Retention in days of the postgresql and upgrade log groups (a CloudWatch Logs retention value, e.g. 30, 90, 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "The log_retention_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "performance_insights_retention_days" {
  description = "Performance Insights retention in days: 7 (free tier), a multiple of 31 up to 713, or 731."
  type        = number
  default     = 7

  validation {
    condition     = var.performance_insights_retention_days == 7 || var.performance_insights_retention_days == 731 || (var.performance_insights_retention_days >= 31 && var.performance_insights_retention_days <= 713 && var.performance_insights_retention_days % 31 == 0)
    error_message = "The performance_insights_retention_days must be 7, 731, or a multiple of 31 between 31 and 713."
  }
}

variable "monitoring_interval" {
  description = "Enhanced Monitoring interval in seconds (1, 5, 10, 15, 30 or 60)."
  type        = number
  default     = 60

  validation {
    condition     = contains([1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "The monitoring_interval must be one of 1, 5, 10, 15, 30, 60 (Enhanced Monitoring stays on)."
  }
}

variable "log_min_duration_statement_ms" {
  description = "Log every statement that runs at least this many milliseconds (PostgreSQL log_min_duration_statement); -1 disables slow-query logging."
  type        = number
  default     = 1000

  validation {
    condition     = var.log_min_duration_statement_ms >= -1 && floor(var.log_min_duration_statement_ms) == var.log_min_duration_statement_ms
    error_message = "The log_min_duration_statement_ms must be a whole number of milliseconds, or -1 to disable."
  }
}

variable "replica_of" {
  description = "The primary instance, in another region of the same account, this one replicates: its region and the name prefix it was created with. The instance is then a read replica (storage encrypted with kms_key_arn, a key of this region) without a database, master user or app login of its own; setting it to null promotes it to a standalone instance."
  type = object({
    region = string
    name   = string
  })
  default = null

  validation {
    condition     = var.replica_of == null || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.replica_of.region)) && can(regex("^[a-z][a-z0-9-]*$", var.replica_of.name))
    error_message = "The replica_of region must be an AWS region name and its name a resource name prefix."
  }
}
