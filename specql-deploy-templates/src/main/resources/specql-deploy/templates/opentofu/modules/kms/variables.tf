variable "name" {
  description = "Name prefix of every resource of the environment (at most 26 characters, lowercase letters, digits and hyphens, starting with a letter). The key alias is alias/<name>."
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

variable "service_principals" {
  description = "AWS service principals that publish to SNS topics encrypted with this key (kms:GenerateDataKey* and kms:Decrypt, only for SNS topics of this account and region). CloudWatch Logs always gets its own statement, scoped to this account's log groups; AWS services acting for IAM principals of the account (RDS, Secrets Manager, ECR, EBS) need no entry."
  type        = list(string)
  default     = ["cloudwatch.amazonaws.com"]
  nullable    = false

  validation {
    condition     = alltrue([for principal in var.service_principals : can(regex("^[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com(\\.cn)?$", principal))])
    error_message = "Each service principal must be an AWS service principal such as cloudwatch.amazonaws.com."
  }
}

variable "deletion_window_days" {
  description = "Days between a deletion request and the deletion of the key (7 to 30). The key encrypts every log group, secret and database of the environment: keep the longest window."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = var.deletion_window_days >= 7 && var.deletion_window_days <= 30 && floor(var.deletion_window_days) == var.deletion_window_days
    error_message = "The deletion window must be a whole number of days from 7 to 30."
  }
}
