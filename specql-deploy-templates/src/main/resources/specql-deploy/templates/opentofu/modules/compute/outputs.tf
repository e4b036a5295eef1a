output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "service_name" {
  description = "Name of the application ECS service."
  value       = aws_ecs_service.this.name
}

output "task_definition_arn" {
  description = "ARN (with revision) of the application task definition."
  value       = aws_ecs_task_definition.this.arn
}

output "task_definition_family" {
  description = "Family of the application task definition."
  value       = aws_ecs_task_definition.this.family
}

output "migration_task_definition_arn" {
  description = "ARN (with revision) of the migration task definition; null when there is no migration command."
  value       = one(aws_ecs_task_definition.migration[*].arn)
}

output "migration_task_definition_family" {
  description = "Family of the migration task definition (<name>-migrate), for `aws ecs run-task --task-definition`; null when there is no migration command."
  value       = one(aws_ecs_task_definition.migration[*].family)
}

output "database_access_task_definition_family" {
  description = "Family of the task that makes and grants the app's database login (<name>-database-access), for `aws ecs run-task` after the migrations; null without database_access."
  value       = one(aws_ecs_task_definition.database_access[*].family)
}

output "run_task_network_configuration" {
  description = "The tasks' network, as `aws ecs run-task --network-configuration` takes it (JSON), for the one-off migration task."
  value = jsonencode({
    awsvpcConfiguration = {
      subnets        = local.network_configuration.subnets
      securityGroups = local.network_configuration.security_groups
      assignPublicIp = local.network_configuration.assign_public_ip ? "ENABLED" : "DISABLED"
    }
  })
}

output "task_security_group_id" {
  description = "Security group of the tasks (application, migration, worker); allow it on the database."
  value       = aws_security_group.this.id
}

output "log_group_name" {
  description = "CloudWatch log group of all containers (stream prefixes app/, migrate/, worker/)."
  value       = aws_cloudwatch_log_group.this.name
}

output "execution_role_arn" {
  description = "ARN of the task execution role (used by the ECS agent, not by the application)."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role the application runs as; attach policies to it for the AWS APIs the application calls."
  value       = aws_iam_role.task.arn
}

output "service_arns" {
  description = "ARNs of the application service and, when there is one, the worker service: what a CI deploy updates."
  value       = concat([aws_ecs_service.this.id], aws_ecs_service.worker[*].id)
}

output "deploy_task_definition_families" {
  description = "The families a CI deploy registers new revisions of, with the new image: application, migration (when any) and worker (when any)."
  value       = concat([aws_ecs_task_definition.this.family], aws_ecs_task_definition.migration[*].family, aws_ecs_task_definition.worker[*].family)
}
