package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import java.util.Optional;

/**
 * The view of the bootstrap root.
 *
 * @param ecr           the account's image repository is created here
 * @param standbyRegion the disaster recovery standby's region, quoted, where the registry replicates the images
 */
public record BootstrapView(Safe header, Safe tofuVersion, Safe providerVersion, Safe application, Safe region, boolean ecr,
                            Optional<Safe> standbyRegion) {
}
