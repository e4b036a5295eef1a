output "sns_topic_arn" {
  description = "ARN of the KMS-encrypted SNS topic every alarm notifies (subscribe more endpoints to it, e.g. a chat integration)."
  value       = aws_sns_topic.this.arn
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms this module created."
  value = concat(aws_cloudwatch_metric_alarm.alb_5xx_rate[*].alarm_name, [for k in sort(keys(local.metric_alarms)) : aws_cloudwatch_metric_alarm.this[k].alarm_name],
  [for k in sort(keys(local.target_health)) : aws_cloudwatch_metric_alarm.target_health[k].alarm_name])
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard, or null when dashboard_enabled is false (or nothing is watched)."
  value       = one(aws_cloudwatch_dashboard.this[*].dashboard_name)
}
