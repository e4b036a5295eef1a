package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.catalog.CpuArchitecture;

/**
 * The app's Fargate tasks in one environment.
 *
 * @param cpu       CPU units (1024 = 1 vCPU)
 * @param memory    MiB
 * @param targetCpu average CPU percentage autoscaling keeps the service at
 */
public record TaskPlan(CpuArchitecture architecture, int cpu, int memory, int desiredCount, int minCount, int maxCount,
                       int targetCpu) {
}
