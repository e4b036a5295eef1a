package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Alarms;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Environment;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Network;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Site;

/**
 * The view of a hobby-project environment's main.tf.
 *
 * @param deploymentDirectory phase 1's directory relative to this root, for comments
 */
public record ServerRootView(Safe header, Environment environment, Site site, Network network, Server server, Alarms alarms,
                             Safe deploymentDirectory, Registry registry) {

    /** The bootstrap's ECR repository the server pulls the app image from: its region and name, quoted. */
    public record Registry(Safe region, Safe repository) {
    }

    /** @param composeFiles the compose_files map entries, aligned as tofu fmt aligns them */
    public record Server(Safe instanceType, Safe architecture, int rootVolumeGib, int snapshotRetentionDays, int snapshotIntervalHours,
                         Safe snapshotTime, Safe composePluginUrl,
                         Safe composePluginSha256, Safe composeFiles) {
    }
}
