output "service_name" {
  description = "The monitoring service, in the app's cluster."
  value       = aws_ecs_service.this.name
}

output "security_group_id" {
  description = "Security group of the monitoring task."
  value       = aws_security_group.this.id
}

output "config_bucket" {
  description = "The bucket holding the monitoring configuration the task reads at start."
  value       = aws_s3_bucket.config.id
}

output "config_version" {
  description = "SHA-256 over the configuration files and their paths; the task logs its first 12 characters at start."
  value       = local.config_version
}

output "log_group_name" {
  description = "The monitoring containers' log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "task_role_arn" {
  description = "The monitoring task's role (configuration, service discovery, CloudWatch reads, ECS Exec)."
  value       = aws_iam_role.task.arn
}

output "alarm_name" {
  description = "The CloudWatch alarm raised when the monitoring task stops running."
  value       = aws_cloudwatch_metric_alarm.monitoring_down.alarm_name
}
