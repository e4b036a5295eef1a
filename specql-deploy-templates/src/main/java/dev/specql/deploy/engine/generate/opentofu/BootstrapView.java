package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/** The view of the bootstrap root. @param ecr the account's image repository is created here */
public record BootstrapView(Safe header, Safe tofuVersion, Safe providerVersion, Safe application, Safe region, boolean ecr) {
}
