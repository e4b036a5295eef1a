package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import java.util.Optional;

/**
 * The view of deploy.sh.
 *
 * @param environments     the names for a comment
 * @param environmentWords the same as shell words
 * @param ecs              whether the environments run ECS services, deployed in two steps around the migrations
 * @param region           the region, as a shell word
 * @param serviceAddresses the services' resource addresses, as shell words: step 1 excludes them
 * @param migrates         whether a migration task runs between the steps
 * @param standby          the disaster recovery standby, deployed in its own region once promoted
 */
public record DeployScriptView(Safe header, Safe environments, Safe environmentWords, boolean ecs, Safe region, Safe serviceAddresses,
                               boolean migrates, Optional<Standby> standby) {

    /** The standby's name, region and service addresses (its compute module has a count), as shell words. */
    public record Standby(Safe name, Safe region, Safe serviceAddresses) {
    }
}
