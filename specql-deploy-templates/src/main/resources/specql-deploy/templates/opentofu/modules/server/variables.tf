variable "name" {
  description = "Name prefix of every resource (at most 26 characters, lowercase letters, digits and hyphens, starting with a letter). The systemd unit on the server is <name>.service."
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
}

variable "vpc_id" {
  description = "ID of the VPC of the server's security group."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "The VPC ID must look like vpc-0123456789abcdef0."
  }
}

variable "subnet_id" {
  description = "ID of a public subnet of that VPC (routed to an internet gateway). The server gets no automatic public IP: its public address is the Elastic IP this module creates."
  type        = string

  validation {
    condition     = can(regex("^subnet-[0-9a-f]{8,17}$", var.subnet_id))
    error_message = "The subnet ID must look like subnet-0123456789abcdef0."
  }
}

variable "instance_type" {
  description = "EC2 instance type. It must support the architecture (t4g.* for arm64, t3a.*/t3.* for x86_64); 1 GiB types (t4g.micro, t3a.micro) work because the server gets a 2 GiB swap file."
  type        = string
  default     = "t4g.micro"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "The instance type must look like t4g.micro or t3a.small."
  }
}

variable "architecture" {
  description = "CPU architecture of the instance and of the Amazon Linux 2023 AMI: arm64 (Graviton, cheaper) or x86_64 (needed by images published for amd64 only)."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "The architecture must be arm64 or x86_64."
  }
}

variable "root_volume_gib" {
  description = "Size in GiB of the encrypted gp3 root volume, which also holds Docker's images and volumes (the PostgreSQL data). At least 8 (the AMI's size)."
  type        = number
  default     = 20

  validation {
    condition     = var.root_volume_gib >= 8 && var.root_volume_gib <= 16384 && floor(var.root_volume_gib) == var.root_volume_gib
    error_message = "The root volume size must be a whole number of GiB from 8 to 16384."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key: encrypts the root volume (and so its snapshots)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", var.kms_key_arn))
    error_message = "The KMS key must be given as a key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "domain" {
  description = "Host name the app is served on (for example crm.acme.example). An A record points it at the Elastic IP; Caddy on the server obtains its certificate."
  type        = string

  validation {
    condition     = length(var.domain) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.domain))
    error_message = "The domain must be a lowercase host name such as crm.acme.example."
  }
}

variable "hosted_zone_name" {
  description = "Name of the existing public Route 53 hosted zone that holds the domain (for example acme.example)."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.hosted_zone_name))
    error_message = "The hosted zone name must be a lowercase domain name such as acme.example, without a trailing dot."
  }

  validation {
    condition     = var.domain == var.hosted_zone_name || endswith(var.domain, ".${var.hosted_zone_name}")
    error_message = "The domain must be the hosted zone's apex or a name inside the hosted zone."
  }
}

variable "snapshot_interval_hours" {
  description = "Hours between snapshots of the root volume: 24 (daily) or a shorter interval Data Lifecycle Manager offers (1, 2, 3, 4, 6, 8, 12)."
  type        = number
  default     = 24

  validation {
    condition     = contains([1, 2, 3, 4, 6, 8, 12, 24], var.snapshot_interval_hours)
    error_message = "snapshot_interval_hours must be one of 1, 2, 3, 4, 6, 8, 12 or 24 (Data Lifecycle Manager's intervals)."
  }
}

variable "snapshot_time" {
  description = "UTC time of day (HH:MM) the snapshots start; with a shorter interval, the first of each day."
  type        = string
  default     = "03:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.snapshot_time))
    error_message = "snapshot_time must be a UTC time of day such as 03:00."
  }
}

variable "snapshot_retention_days" {
  description = "Days each snapshot of the root volume is kept by Data Lifecycle Manager (1 to 365)."
  type        = number
  default     = 7

  validation {
    condition     = var.snapshot_retention_days >= 1 && var.snapshot_retention_days <= 365 && floor(var.snapshot_retention_days) == var.snapshot_retention_days
    error_message = "The snapshot retention must be a whole number of days from 1 to 365."
  }
}

variable "compose_files" {
  description = "Files of the phase-1 production stack, file name -> content, written to app_directory at first boot (for example compose.production.yaml and Caddyfile). Must contain compose.production.yaml. Never put secrets here: they end up in the instance user data; .env is created on the server by the operator."
  type        = map(string)

  validation {
    condition     = contains(keys(var.compose_files), "compose.production.yaml")
    error_message = "The compose files must contain compose.production.yaml."
  }

  validation {
    condition     = alltrue([for file_name in keys(var.compose_files) : can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", file_name))])
    error_message = "Each compose file name must be a plain file name (letters, digits, '.', '_', '-', not starting with '.'): no directories, and not .env, which the operator creates on the server."
  }
}

variable "app_directory" {
  description = "Absolute directory on the server that holds the compose files and the operator's .env."
  type        = string
  default     = "/opt/app"

  validation {
    condition     = can(regex("^(/[A-Za-z0-9_][A-Za-z0-9._-]*)+$", var.app_directory)) && !can(regex("/\\.\\.?(/|$)", var.app_directory))
    error_message = "The app directory must be an absolute path of letters, digits, '.', '_' and '-' (for example /opt/app), without '.' or '..' components."
  }
}

variable "compose_plugin_url" {
  description = "HTTPS URL of the Docker Compose v2 plugin binary for the instance's architecture (for example the docker-compose-linux-aarch64 asset of a pinned docker/compose release). AL2023 does not package the plugin."
  type        = string

  validation {
    condition     = can(regex("^https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%+-]+)+$", var.compose_plugin_url))
    error_message = "The compose plugin URL must be an https:// URL of letters, digits and . _ ~ % + - / only (no query string, no quotes or spaces)."
  }
}

variable "compose_plugin_sha256" {
  description = "SHA-256 of the compose plugin binary (64 lowercase hex digits). The server refuses to install a download that does not match."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.compose_plugin_sha256))
    error_message = "The compose plugin checksum must be a SHA-256 digest: 64 lowercase hexadecimal digits."
  }
}

variable "disable_api_termination" {
  description = "Turn on EC2 termination protection. Keep true: the instance holds the database. To destroy the server, set false and apply first."
  type        = bool
  default     = true
}

variable "ecr_repository_arns" {
  description = "ECR repositories the server may pull from (the app image built by CI). When not empty, the instance role gets pull rights on exactly these repositories and Docker on the server uses the ECR credential helper for their registries. Empty: the role has only AmazonSSMManagedInstanceCore."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.ecr_repository_arns : can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9][a-z0-9._/-]*$", arn))])
    error_message = "Each ECR repository must be given as a repository ARN (arn:aws:ecr:<region>:<account>:repository/<name>)."
  }
}

variable "detailed_monitoring" {
  description = "1-minute EC2 metrics (about $2.10 a month); the alarms work with the free 5-minute ones."
  type        = bool
  default     = false
  nullable    = false
}
