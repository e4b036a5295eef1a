package dev.specql.deploy.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DisasterRecoveryPlanTest {

    private static DeploymentPlan plan(String yaml) throws Exception {
        return Planner.plan(SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).spec(), new Layout("generated"));
    }

    @Test
    void theStandbyFollowsProductionInTheSecondRegion() throws Exception {
        DisasterRecoveryPlan standby = DisasterRecoveryPlan.of(plan("""
                deployment: {name: shop, framework: rails, pattern: production-saas}
                platform: {domain: shop.example.com, region: eu-central-1}
                multiregion: {enabled: true, dr_region: eu-west-1}
                """)).orElseThrow();
        assertThat(standby.primary().name()).isEqualTo("production");
        assertThat(standby.primaryRegion()).isEqualTo("eu-central-1");
        assertThat(standby.region()).isEqualTo("eu-west-1");
        assertThat(standby.name()).isEqualTo("production-dr");
        assertThat(standby.prefix()).isEqualTo("shop-production-dr");
        assertThat(standby.replicaIdentifier()).isEqualTo("shop-production-dr-postgres");
        assertThat(standby.network().availabilityZones()).isEqualTo(standby.primary().network().availabilityZones());
        assertThat(standby.network().zoneNames()).as("the zones the spec lists are the primary region's").isEmpty();
        assertThat(standby.network().natGateways()).isZero();
        assertThat(standby.database()).isEqualTo(standby.primary().ecs().database());
    }

    @Test
    void offOrOnAServerThereIsNoStandby() throws Exception {
        assertThat(DisasterRecoveryPlan.of(plan("""
                deployment: {name: shop, framework: rails, pattern: production-saas}
                platform: {domain: shop.example.com}
                """))).isEmpty();
    }

    @Test
    void theStandbysPrefixFitsAndDiffersFromProductionsEvenWhenShortened() {
        for (String primary : java.util.List.of("a-production", "abcdefghijklmnopqrst-produ", "abcdefghijklmnopqrstuvw-p", "abcdefghijklmnopqrstuv-pr")) {
            String prefix = DisasterRecoveryPlan.prefix(primary);
            assertThat(prefix).hasSizeLessThanOrEqualTo(Planner.MAX_PREFIX).endsWith("-dr").doesNotContain("--").isNotEqualTo(primary);
        }
        assertThat(DisasterRecoveryPlan.prefix("abcdefghijklmnopqrstuvw-p")).isEqualTo("abcdefghijklmnopqrstuvw-dr");
    }
}
