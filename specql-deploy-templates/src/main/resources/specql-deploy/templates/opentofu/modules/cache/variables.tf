variable "name" {
  description = "Name prefix for every resource of this module (e.g. \"shop-production\"). Lowercase letters, digits and hyphens, starting with a letter, at most 26 characters; ElastiCache identifiers also forbid a trailing hyphen and two consecutive hyphens."
  type        = string

  validation {
    condition     = length(var.name) <= 26 && can(regex("^[a-z][a-z0-9-]*$", var.name)) && !strcontains(var.name, "--") && !endswith(var.name, "-")
    error_message = "The name must match ^[a-z][a-z0-9-]*$, be at most 26 characters long, not end with a hyphen and not contain two consecutive hyphens (ElastiCache identifier rules)."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource (merged with a Name tag). Provider default_tags still apply."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "ID of the VPC the cache security group is created in."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "The vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets (no route from the internet) the cache nodes are placed in, ideally one per availability zone. With replicas > 0 they must span at least two availability zones."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "The subnet_ids must be a non-empty list of subnet IDs (subnet-...)."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect to Valkey on port 6379 (e.g. the ECS task security group of the app and its workers). No other ingress exists."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "Every allowed_security_group_ids entry must be a security group ID (sg-...)."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key: encrypts the cache data at rest (nodes, swap, snapshots) and the slow-log log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "node_type" {
  description = "ElastiCache node type of every node, e.g. cache.t4g.micro (Graviton burstable, 0.5 GiB) or cache.m7g.large."
  type        = string
  default     = "cache.t4g.micro"

  validation {
    condition     = can(regex("^cache\\.[a-z0-9-]+\\.[a-z0-9]+$", var.node_type))
    error_message = "The node_type must be an ElastiCache node type of the form cache.<family>.<size>, e.g. cache.t4g.micro."
  }
}

variable "engine_version" {
  description = "Valkey version as <major>.<minor> (\"7.2\", \"8.0\", \"8.1\", ...). The parameter group family (valkeyN) follows the major version; patch versions are applied automatically in the maintenance window."
  type        = string
  default     = "8.0"

  validation {
    condition     = can(regex("^(7\\.2|[89]\\.[0-9]+)$", var.engine_version))
    error_message = "The engine_version must be a Valkey <major>.<minor> version of at least 7.2, e.g. \"8.0\"."
  }
}

variable "replicas" {
  description = "Number of read replicas next to the primary (0 to 5). 0 runs a single node (no failover: the queue is unavailable while the node is replaced or restored). 1 or more adds standbys in other availability zones with automatic failover and Multi-AZ; each replica costs as much as the primary."
  type        = number
  default     = 0

  validation {
    condition     = var.replicas >= 0 && var.replicas <= 5 && floor(var.replicas) == var.replicas
    error_message = "The replicas must be a whole number between 0 and 5."
  }
}

variable "snapshot_retention_days" {
  description = "Days automatic daily snapshots are kept (0 to 35; 0 turns automatic snapshots off)."
  type        = number
  default     = 1

  validation {
    condition     = var.snapshot_retention_days >= 0 && var.snapshot_retention_days <= 35 && floor(var.snapshot_retention_days) == var.snapshot_retention_days
    error_message = "The snapshot_retention_days must be a whole number between 0 and 35."
  }
}

variable "log_retention_days" {
  description = "Retention in days of the slow-log log group (a CloudWatch Logs retention value, e.g. 30, 90, 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "The log_retention_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "maintenance_window" {
  description = "Weekly maintenance window in UTC, \"ddd:HH:MM-ddd:HH:MM\" (at least 60 minutes). Minor version upgrades and pending changes are applied then."
  type        = string
  default     = "sun:05:00-sun:06:00"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "The maintenance_window must have the form ddd:HH:MM-ddd:HH:MM in lowercase, e.g. \"sun:05:00-sun:06:00\"."
  }
}
