output "endpoint" {
  description = "Host name of the PostgreSQL instance (without the port)."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port PostgreSQL listens on (5432)."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "Name of the database created in the instance."
  value       = aws_db_instance.this.db_name
}

output "master_username" {
  description = "Master user name (its password is in the secret at master_user_secret_arn)."
  value       = aws_db_instance.this.username
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS manages for the master user (JSON with username and password keys). The ARN itself is not a secret."
  value       = one(aws_db_instance.this.master_user_secret[*].secret_arn)
}

output "app_password_secret_arn" {
  description = "ARN of the secret that holds the app login's password (a plain string, set outside OpenTofu); null without app_username."
  value       = one(aws_secretsmanager_secret.app_password[*].arn)
}

output "security_group_id" {
  description = "ID of the database security group (ingress on 5432 from allowed_security_group_ids only)."
  value       = aws_security_group.this.id
}

output "instance_identifier" {
  description = "RDS instance identifier (the DBInstanceIdentifier CloudWatch dimension)."
  value       = aws_db_instance.this.identifier
}

output "instance_arn" {
  description = "ARN of the RDS instance."
  value       = aws_db_instance.this.arn
}

output "replication_source_arn" {
  description = "ARN of the instance this one replicates (replica_of); null for a standalone instance."
  value       = aws_db_instance.this.replicate_source_db
}

output "multi_az" {
  description = "Whether the instance has a synchronous standby in a second availability zone."
  value       = aws_db_instance.this.multi_az
}

output "final_snapshot_identifier" {
  description = "The snapshot RDS takes when the instance is destroyed, named when it was created."
  value       = aws_db_instance.this.final_snapshot_identifier
}
