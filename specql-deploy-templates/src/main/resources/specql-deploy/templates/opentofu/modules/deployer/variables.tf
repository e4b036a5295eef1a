variable "name" {
  description = "Prefix of the role's name: the environment's resource prefix (for example acme-staging)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,49}$", var.name))
    error_message = "The name must be a lowercase DNS label of at most 50 characters (the role's name adds \"-deploy\")."
  }
}

variable "ci_issuer" {
  description = "Host of the CI system's OIDC issuer, as IAM names its condition keys (token.actions.githubusercontent.com for GitHub Actions)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9.-]+(/[A-Za-z0-9._-]+)*$", var.ci_issuer))
    error_message = "The issuer must be a host name and optional path, without https://."
  }
}

variable "ci_audience" {
  description = "The aud claim the CI system's tokens carry for AWS (sts.amazonaws.com for GitHub Actions)."
  type        = string
}

variable "ci_subjects" {
  description = "The exact sub claims allowed to assume the role: the pipeline jobs of this environment and no other (for GitHub Actions repo:OWNER/REPO:environment:NAME; for GitLab CI project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH, the refs that deploy here). Matched with StringEquals."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for subject in var.ci_subjects : !can(regex("[*?]", subject))])
    error_message = "No wildcard here: a pattern would let other branches or environments deploy; give patterns in ci_subject_patterns."
  }
}

variable "ci_subject_patterns" {
  description = "Sub claims allowed by prefix, each ending in its only * (for GitLab CI the tags or branches that deploy here by pattern, such as project_path:GROUP/PROJECT:ref_type:tag:ref:v*). Matched with StringLike."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for pattern in var.ci_subject_patterns : can(regex("^[^*?]+:ref:[^*?]*[*]$", pattern))])
    error_message = "A pattern names a ref by prefix: its only wildcard is a trailing *, after the :ref: part."
  }
}

variable "image_repository" {
  description = "Name of the ECR repository the environment's images come from (the bootstrap's); the role may check that an image exists in it."
  type        = string
}

variable "ecs" {
  description = "What an ECS deploy touches: the cluster, its services, the task definition families it registers new revisions of, the families it may run as one-off tasks (the migrations), and the two roles those task definitions name. Null for a server deploy."
  type = object({
    cluster_arn       = string
    service_arns      = list(string)
    task_families     = list(string)
    run_task_families = list(string)
    task_role_arns    = list(string)
  })
  default = null
}

variable "server" {
  description = "What a server deploy touches: the instance that receives SSM Run Command (AWS-RunShellScript). Null for an ECS deploy."
  type = object({
    instance_id = string
  })
  default = null
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = {}
}
