package dev.specql.deploy.engine.plan;

/**
 * small-saas and production-saas: ECS Fargate tasks behind an application load balancer, RDS PostgreSQL.
 *
 * @param waf a WAF web ACL in front of the load balancer
 */
public record EcsHosting(DatabasePlan database, TaskPlan tasks, boolean waf) implements Hosting {
}
