package dev.specql.deploy.engine.plan;

/**
 * small-saas and production-saas: ECS Fargate tasks behind an application load balancer, RDS PostgreSQL.
 *
 * @param waf               a WAF web ACL in front of the load balancer
 * @param publicTasks       tasks in the public subnets with public IPs (no NAT gateway); their security group still
 *                          admits only the load balancer
 * @param spotTasks         the app's tasks on Fargate Spot (interruptible, about 70% cheaper): environments before production
 * @param spotWorkers       the job workers on Fargate Spot: jobs are retried when a task is interrupted
 * @param containerInsights per-task CloudWatch metrics (billed as custom metrics); the free service metrics back the alarms
 */
public record EcsHosting(DatabasePlan database, TaskPlan tasks, boolean waf, boolean publicTasks, boolean spotTasks, boolean spotWorkers,
                         boolean containerInsights) implements Hosting {
}
