package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/**
 * The view of the disaster recovery standby's outputs.tf.
 *
 * @param secretArns an HCL expression joining the ARNs of the app's secrets in the standby's region, or "" without any
 */
public record StandbyOutputsView(Safe header, Safe secretArns) {
}
