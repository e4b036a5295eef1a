package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Environment;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Network;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Site;
import java.util.Optional;

/**
 * The view of the disaster recovery standby's main.tf (the spec's multiregion section).
 *
 * @param primaryLabel  the production environment's name, for comments
 * @param primaryName   production's region, for comments
 * @param regionName    the standby's region, for comments
 * @param primaryRegion production's region, quoted
 * @param primaryPrefix production's resource name prefix, quoted: the replica's source is named after it
 * @param database      production's database sizing, which the replica keeps
 * @param alarmEmails   who the standby's alarms notify, as an HCL list
 * @param lagSeconds    the replica lag past which its alarm notifies
 * @param site          production's domain, which the standby's failover records share
 * @param edge          its load balancer, as production's
 * @param secretNames   the app's secrets, when it has any: the standby keeps its own copies
 */
public record StandbyRootView(Safe header, Environment environment, Safe primaryLabel, Safe primaryName, Safe regionName,
                              Safe primaryRegion, Safe primaryPrefix, Network network, EcsRootView.Database database,
                              Safe alarmEmails, int lagSeconds, Site site, Edge edge, Optional<Safe> secretNames) {

    /** The load balancer's port and health check (the app's), its WAF, log retention and private paths (production's). */
    public record Edge(int port, Safe healthPath, boolean waf, int accessLogRetentionDays, Safe privatePaths) {
    }
}
