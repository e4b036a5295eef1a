package dev.specql.deploy.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.plan.DeliveryPlan.Dispatch;
import dev.specql.deploy.engine.plan.DeliveryPlan.PushOf;
import dev.specql.deploy.model.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What starts each environment's deploy, read from cicd.triggers and cicd.environments. */
class DeliveryPlanTest {

    private static final String BASE = "deployment: {name: shop, framework: django, pattern: small-saas}\nplatform: {domain: shop.example.com}\n";

    private static DeliveryPlan delivery(String cicd) throws Exception {
        return DeliveryPlan.of(SpecLoader.load("deployment.yaml", (BASE + cicd).getBytes(StandardCharsets.UTF_8)).spec());
    }

    @Test
    void byDefaultAPushToMainReachesStagingThenWaitsForProductionsReviewerAndProductionCanBePromotedByHand() throws Exception {
        DeliveryPlan plan = delivery("");
        assertThat(plan.publishRefs()).containsExactly("refs/heads/main");
        assertThat(plan.stages().get(0).startedBy()).containsExactly(new PushOf("refs/heads/main"));
        assertThat(plan.stages().get(1).startedBy()).containsExactly(new PushOf("refs/heads/main"), new Dispatch(true));
        assertThat(plan.stages().get(1).approval()).isTrue();
        assertThat(plan.stages().get(1).previous()).contains("staging");
    }

    @Test
    void theChainStopsAtTheFirstEnvironmentThatNeitherDeploysOnItsOwnNorWaitsForAReviewer() throws Exception {
        DeliveryPlan plan = delivery("""
                cicd:
                  environments: [{name: qa, auto_deploy: true}, {name: staging}, {name: production, approval_required: true}]
                  triggers:
                    - {event: push, branch: develop, action: deploy, environment: qa}
                    - {event: manual, action: promote, environment: staging}
                    - {event: tag, branch: v*, action: deploy, environment: production}
                """);
        assertThat(plan.publishRefs()).containsExactly("refs/heads/main", "refs/heads/develop", "refs/tags/v*");
        assertThat(plan.stages().get(0).startedBy()).containsExactly(new PushOf("refs/heads/develop"));
        assertThat(plan.stages().get(1).startedBy()).containsExactly(new Dispatch(true));
        assertThat(plan.stages().get(2).startedBy()).containsExactly(new PushOf("refs/tags/v*"));
        assertThat(plan.stages().get(2).pushes().get(0).prefix()).isTrue();
        assertThat(plan.stages().get(2).pushes().get(0).stem()).isEqualTo("refs/tags/v");
        assertThat(plan.pushRefs()).containsExactly("refs/heads/develop", "refs/tags/v*");
    }

    @Test
    void withOnlyTestTriggersEveryEnvironmentIsDeployedByHand() throws Exception {
        DeliveryPlan plan = delivery("""
                cicd:
                  triggers: [{event: pull_request, action: test}, {event: push, branch: main, action: test}]
                """);
        assertThat(plan.pushRefs()).isEmpty();
        assertThat(plan.stages()).allSatisfy(stage -> assertThat(stage.startedBy()).containsExactly(new Dispatch(false)));
    }
}
