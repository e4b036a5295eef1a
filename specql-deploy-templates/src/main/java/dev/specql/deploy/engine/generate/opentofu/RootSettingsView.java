package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/**
 * The view of an environment root's versions.tf and providers.tf: tools, state and default tags.
 *
 * @param region        where the root's resources are, and its state bucket and key (the bootstrap makes them): the
 *                      primary region, and the standby's own region for the disaster recovery standby's root
 * @param stateKey      the state object's key in the bucket
 * @param stateKeyAlias the KMS alias that encrypts state and plans
 */
public record RootSettingsView(Safe header, Safe tofuVersion, Safe providerVersion, Safe region, Safe stateKey, Safe stateKeyAlias,
                               Safe application, Safe environment) {
}
