package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Entry;
import java.util.List;
import java.util.Optional;

/**
 * The view of a root's first-deploy plan test: the offline provider's region, the root's required inputs, and the
 * answers to the data sources that would call AWS.
 *
 * @param root      what the comment calls the root ("the staging environment", "the bootstrap")
 * @param variables         the inputs the root requires, as the tfvars example sets them
 * @param standbyStateRegion the bootstrap's: the disaster recovery standby's region, quoted, where its state is kept
 */
public record PlanTestView(Safe header, Safe root, Safe region, List<Entry> variables, List<DataOverride> overrides,
                           Optional<Standby> standby, Optional<Safe> standbyStateRegion) {

    public PlanTestView {
        variables = List.copyOf(variables);
        overrides = List.copyOf(overrides);
    }

    /** @param target a data source's address; @param values its attributes the configuration reads, keys aligned */
    public record DataOverride(Safe target, List<Entry> values) {
        public DataOverride {
            values = List.copyOf(values);
        }
    }

    /**
     * The disaster recovery standby's root, planned standing by and failed over.
     *
     * @param sourceArn production's database, quoted, which the replica streams from
     * @param multiAz   whether production's database is Multi-AZ, as the promoted replica becomes
     * @param image     an image of the standby region's replicated repository, quoted, for the promoted plan
     * @param service   the app's ECS service once promoted, quoted: the standby's prefix
     */
    public record Standby(Safe sourceArn, boolean multiAz, Safe image, Safe service) {
    }
}
