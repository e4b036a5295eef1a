output "arns" {
  description = "ARN of each secret, by secret name (e.g. { SECRET_KEY_BASE = \"arn:aws:secretsmanager:...\" }). The ARNs are not secret; the values are never read by OpenTofu."
  value       = { for secret_name, secret in aws_secretsmanager_secret.this : secret_name => secret.arn }
}
