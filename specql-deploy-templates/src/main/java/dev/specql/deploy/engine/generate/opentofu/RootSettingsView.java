package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/**
 * The view of an environment root's versions.tf and providers.tf: tools, state and default tags.
 *
 * @param region        where the root's resources are
 * @param stateRegion   where the bootstrap's state bucket and key are: the primary region, also for the standby's root
 * @param stateKey      the state object's key in the bucket
 * @param stateKeyAlias the KMS alias that encrypts state and plans
 */
public record RootSettingsView(Safe header, Safe tofuVersion, Safe providerVersion, Safe region, Safe stateRegion, Safe stateKey, Safe stateKeyAlias,
                               Safe application, Safe environment) {
}
