package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/**
 * The view of an environment's outputs.tf.
 *
 * @param taskSubnets the networking module's output of the subnets the ECS tasks run in
 */
public record OutputsView(Safe header, Safe secretArns, Safe taskSubnets) {
}
