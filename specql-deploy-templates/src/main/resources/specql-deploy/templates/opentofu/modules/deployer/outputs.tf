output "role_arn" {
  description = "The role the environment's deploy jobs assume (AWS_ROLE_ARN of the CI environment)."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "The role's name."
  value       = aws_iam_role.this.name
}
