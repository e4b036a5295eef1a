variable "name" {
  description = "Prefix of every resource name (e.g. \"shop-production\"): lower-case letters, digits and hyphens, at most 26 characters."
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
  description = "ID of the VPC the load balancer and its target group live in."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as \"vpc-0123456789abcdef0\"."
  }
}

variable "public_subnet_ids" {
  description = "Public subnets (at least two, in different availability zones) the internet-facing load balancer is placed in."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 2 && alltrue([for id in var.public_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "public_subnet_ids must list at least two subnet IDs (an Application Load Balancer needs two availability zones)."
  }
}

variable "domain" {
  description = "Host name the application is served on (e.g. \"app.example.com\"); must be the hosted zone's name or a name inside it. No wildcards."
  type        = string

  validation {
    condition     = length(var.domain) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.domain))
    error_message = "domain must be a lower-case fully qualified host name such as \"app.example.com\" (no wildcard, no trailing dot)."
  }
}

variable "hosted_zone_name" {
  description = "Name of the existing public Route 53 hosted zone that holds domain (e.g. \"example.com\"). The zone is not managed here."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\\.?$", var.hosted_zone_name))
    error_message = "hosted_zone_name must be a lower-case DNS zone name such as \"example.com\"."
  }
}

variable "target_port" {
  description = "Port the application containers listen on (plain HTTP inside the VPC; TLS ends at the load balancer)."
  type        = number

  validation {
    condition     = var.target_port >= 1 && var.target_port <= 65535 && floor(var.target_port) == var.target_port
    error_message = "target_port must be an integer between 1 and 65535."
  }
}

variable "health_check_path" {
  description = "HTTP path the target group probes on each task; it must answer 2xx without authentication."
  type        = string
  default     = "/health"

  validation {
    condition     = can(regex("^/[^\\s]*$", var.health_check_path)) && length(var.health_check_path) <= 1024
    error_message = "health_check_path must start with \"/\", contain no whitespace and be at most 1024 characters."
  }
}

variable "private_paths" {
  description = "Paths the load balancer answers with 404 instead of forwarding, with everything under them, such as the metrics endpoint Prometheus scrapes inside the VPC. At most 2 (5 patterns per rule)."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.private_paths) <= 2 && alltrue([for path in var.private_paths : can(regex("^/[A-Za-z0-9._~/-]*$", path)) && length(path) <= 126])
    error_message = "private_paths takes at most 2 paths, each starting with \"/\", without wildcards or whitespace, at most 126 characters."
  }
}

variable "waf_enabled" {
  description = "Create an AWS WAF web ACL (managed common, known-bad-inputs, IP-reputation and anonymous-IP rule groups plus a per-IP rate limit), log its blocked/counted requests and associate it with the load balancer. Costs about USD 10/month plus USD 0.60 per million requests."
  type        = bool
  default     = true
}

variable "waf_rate_limit" {
  description = "Requests one client IP may send in any 5-minute window before WAF blocks it (only when waf_enabled)."
  type        = number
  default     = 2000

  validation {
    condition     = var.waf_rate_limit >= 10 && var.waf_rate_limit <= 2000000000 && floor(var.waf_rate_limit) == var.waf_rate_limit
    error_message = "waf_rate_limit must be an integer between 10 and 2000000000."
  }
}

variable "deletion_protection" {
  description = "Protect the load balancer against deletion. When false (e.g. staging) the access-log bucket may also be destroyed with the logs it holds."
  type        = bool
  default     = true
}

variable "access_log_retention_days" {
  description = "Days ALB access logs (S3) and WAF logs (CloudWatch Logs) are kept; one of the retention periods CloudWatch Logs accepts."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.access_log_retention_days)
    error_message = "access_log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (kms module); encrypts the WAF log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN such as \"arn:aws:kms:eu-west-1:123456789012:key/...\"."
  }
}

variable "idle_timeout" {
  description = "Seconds a client connection may stay idle before the load balancer closes it."
  type        = number
  default     = 60

  validation {
    condition     = var.idle_timeout >= 1 && var.idle_timeout <= 4000 && floor(var.idle_timeout) == var.idle_timeout
    error_message = "idle_timeout must be an integer between 1 and 4000 seconds."
  }
}

variable "ssl_policy" {
  description = "TLS security policy of the HTTPS listener; restricted to TLS 1.2+ policies (ELBSecurityPolicy-TLS13-*, -TLS-1-2-*, -FS-1-2-*)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"

  validation {
    condition     = can(regex("^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)", var.ssl_policy))
    error_message = "ssl_policy must be a TLS 1.2+ policy whose name starts with ELBSecurityPolicy-TLS13-, ELBSecurityPolicy-TLS-1-2- or ELBSecurityPolicy-FS-1-2-."
  }
}

variable "desync_mitigation_mode" {
  description = "How the load balancer treats requests that could be used for HTTP desync (request smuggling): \"strictest\" rejects every non-RFC-compliant request, \"defensive\" (the AWS default) only the dangerous ones. Use \"defensive\" if legitimate but sloppy clients get 400 responses."
  type        = string
  default     = "strictest"

  validation {
    condition     = contains(["defensive", "strictest"], var.desync_mitigation_mode)
    error_message = "desync_mitigation_mode must be \"defensive\" or \"strictest\" (\"monitor\" offers no protection)."
  }
}

variable "blue_green" {
  description = "Whether ECS deploys blue/green: a second (alternate) target group, the production listener rule forwarding to both with weights ECS moves, and a test listener rule (requests carrying the header test_header_name) that reaches the new revision before production traffic does."
  type        = bool
  default     = false
}

variable "test_header_name" {
  description = "With blue_green: the request header (any value) that routes a request for the application's host to the revision being deployed, through the test listener rule."
  type        = string
  default     = "X-Deployment-Test"

  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,40}$", var.test_header_name))
    error_message = "test_header_name must be 1 to 40 letters, digits or hyphens."
  }
}

variable "dns_failover" {
  description = "Route 53 failover role of the domain's A and AAAA records: null for simple records, \"PRIMARY\" for the region that serves while healthy, \"SECONDARY\" for a disaster recovery region, answered while the primary is unhealthy and it is healthy. Health is the target groups' healthy targets (the health check path), through CloudWatch alarms."
  type        = string
  default     = null

  validation {
    condition     = var.dns_failover == null || contains(["PRIMARY", "SECONDARY"], coalesce(var.dns_failover, "-"))
    error_message = "dns_failover must be null, \"PRIMARY\" or \"SECONDARY\"."
  }
}

variable "manage_validation_record" {
  description = "Whether this module owns the certificate's DNS validation record. False in a second region's copy of the same domain: the record is the same in every region, and the first region's module owns it."
  type        = bool
  default     = true
}
