variable "name" {
  description = "Name prefix of every resource of the environment (at most 26 characters, lowercase letters, digits and hyphens, starting with a letter)."
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

variable "cidr_block" {
  description = "IPv4 CIDR block of the VPC, a network address with a prefix from /16 to /24. It is split into 16 equal subnets (/20s for a /16): public, private and database tiers of up to 5 subnets each."
  type        = string
  default     = "10.0.0.0/16"
  nullable    = false

  validation {
    condition = (
      can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/(1[6-9]|2[0-4])$", var.cidr_block)) &&
      try(cidrsubnet(var.cidr_block, 0, 0) == var.cidr_block, false)
    )
    error_message = "The cidr_block must be an IPv4 network address with a prefix from /16 to /24, such as 10.0.0.0/16 (host bits zero)."
  }
}

variable "az_count" {
  description = "Number of availability zones to spread the subnets over (1 to 5; 16 equal subnets hold three tiers of at most 5). Use at least 2 when the environment has a load balancer or an RDS database: both require two zones."
  type        = number
  default     = 2
  nullable    = false

  validation {
    condition     = var.az_count >= 1 && var.az_count <= 5 && floor(var.az_count) == var.az_count
    error_message = "The az_count must be a whole number from 1 to 5."
  }
}

variable "availability_zones" {
  description = "Availability zone names to use, in order; the first az_count are used. Empty (the default) = the first az_count zones of the region that need no opt-in."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition = (
      length(distinct(var.availability_zones)) == length(var.availability_zones) &&
      alltrue([for zone in var.availability_zones : can(regex("^[a-z]{2}(-[a-z0-9]+)+[a-z]$", zone))])
    )
    error_message = "The availability_zones must be distinct zone names such as eu-west-1a."
  }
}

variable "nat_gateway_mode" {
  description = "NAT gateways for the private subnets: \"none\" (no outbound internet from private subnets), \"single\" (one gateway shared by all zones: cheaper, but zone-dependent) or \"per_az\" (one gateway per zone: highly available)."
  type        = string
  default     = "single"
  nullable    = false

  validation {
    condition     = contains(["none", "single", "per_az"], var.nat_gateway_mode)
    error_message = "The nat_gateway_mode must be one of \"none\", \"single\" or \"per_az\"."
  }
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group in days (a CloudWatch Logs retention value; 0 = never expire). The default keeps one year."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "The flow_log_retention_days must be a CloudWatch Logs retention value: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (output key_arn of the kms module); encrypts the flow log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}
