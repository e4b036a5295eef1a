variable "name" {
  description = "Name prefix of every resource of the environment (at most 26 characters, lowercase letters, digits and hyphens, starting with a letter). Secrets are named <name>/<SECRET_NAME>."
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
  description = "ARN of the environment's customer-managed KMS key (output key_arn of the kms module); encrypts every secret."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "The kms_key_arn must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "secret_names" {
  description = "Names of the secrets, as the environment variables the application reads them into (e.g. SECRET_KEY_BASE, STRIPE_API_KEY). Each becomes an empty secret <name>/<SECRET_NAME>; the operator sets its value with aws secretsmanager put-secret-value."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for secret_name in var.secret_names : can(regex("^[A-Z_][A-Z0-9_]*$", secret_name))])
    error_message = "Each secret name must be an environment-variable-style name: uppercase letters, digits and underscores, not starting with a digit (e.g. SECRET_KEY_BASE)."
  }

  validation {
    condition     = length(distinct(var.secret_names)) == length(var.secret_names)
    error_message = "The secret names must be distinct."
  }
}

variable "recovery_window_days" {
  description = "Days a deleted secret stays recoverable (7 to 30, or 0 to delete immediately, which cannot be undone)."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.recovery_window_days == 0 || (var.recovery_window_days >= 7 && var.recovery_window_days <= 30 && floor(var.recovery_window_days) == var.recovery_window_days)
    error_message = "The recovery_window_days must be 0 or a whole number of days from 7 to 30."
  }
}
