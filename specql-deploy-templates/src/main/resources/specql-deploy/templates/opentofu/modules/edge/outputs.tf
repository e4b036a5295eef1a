output "alb_arn" {
  description = "ARN of the Application Load Balancer."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer (app/<name>/<id>), the LoadBalancer dimension of its CloudWatch metrics."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (the Route 53 alias records point at it)."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route 53 hosted zone ID of the load balancer, for alias records."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "ID of the load balancer's security group; the compute module allows it on the container port."
  value       = aws_security_group.this.id
}

output "target_group_arn" {
  description = "ARN of the IP target group the ECS service registers its tasks in. Available only once the HTTPS listener's rule forwards to it (ECS refuses a target group that no load balancer uses)."
  value       = aws_lb_target_group.this.arn

  depends_on = [aws_lb_listener_rule.application, aws_lb_listener_rule.production]
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the target group (targetgroup/<name>/<id>), the TargetGroup dimension of its CloudWatch metrics."
  value       = aws_lb_target_group.this.arn_suffix
}

output "alternate_target_group_arn" {
  description = "With blue_green: ARN of the second target group, which ECS uses for the revision being deployed. Null otherwise."
  value       = var.blue_green ? aws_lb_target_group.alternate[0].arn : null

  depends_on = [aws_lb_listener_rule.production]
}

output "alternate_target_group_arn_suffix" {
  description = "With blue_green: ARN suffix of the second target group (its CloudWatch TargetGroup dimension). Empty otherwise."
  value       = var.blue_green ? aws_lb_target_group.alternate[0].arn_suffix : ""
}

output "production_listener_rule_arn" {
  description = "With blue_green: ARN of the listener rule whose weights ECS moves from one target group to the other. Null otherwise."
  value       = var.blue_green ? aws_lb_listener_rule.production[0].arn : null
}

output "test_listener_rule_arn" {
  description = "With blue_green: ARN of the listener rule that routes requests with the test header to the revision being deployed. Null otherwise."
  value       = var.blue_green ? aws_lb_listener_rule.test[0].arn : null
}

output "https_listener_arn" {
  description = "ARN of the HTTPS listener (add listener rules to it for path- or host-based routing)."
  value       = aws_lb_listener.https.arn
}

output "certificate_arn" {
  description = "ARN of the validated ACM certificate for domain."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "url" {
  description = "Public URL of the application (https://<domain>)."
  value       = "https://${var.domain}"
}

output "dns_health_check_id" {
  description = "With dns_failover: ID of the Route 53 health check that decides whether this region's records are answered. Null otherwise."
  value       = var.dns_failover == null ? null : aws_route53_health_check.this[0].id
}
