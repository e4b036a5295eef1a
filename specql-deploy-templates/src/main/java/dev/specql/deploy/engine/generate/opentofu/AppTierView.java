package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import java.util.Optional;

/**
 * The view of an ECS root's app.tf: the compute module (cluster, services, one-off tasks) and the job broker, as an
 * environment runs them, or as the disaster recovery standby creates them once promoted.
 *
 * @param standby               whether this is the standby's copy: compute exists only with {@code var.promoted}
 * @param primaryLabel          the environment whose app this is (the standby's primary), for comments
 * @param appUsername           the app's database login, quoted
 * @param blueGreen             ECS's blue/green deployments, where the root's load balancer carries them
 * @param computeSecurityGroups an HCL list of the tasks' security group, empty while the standby's compute is absent
 * @param cacheReplicas         an HCL number of the broker's replicas
 */
public record AppTierView(Safe header, boolean standby, Safe primaryLabel, EcsRootView.Task task, Safe appUsername,
                          Optional<EcsRootView.Jobs> jobs, Optional<EcsRootView.BlueGreen> blueGreen, int logRetentionDays,
                          Safe computeSecurityGroups, Safe cacheReplicas) {
}
