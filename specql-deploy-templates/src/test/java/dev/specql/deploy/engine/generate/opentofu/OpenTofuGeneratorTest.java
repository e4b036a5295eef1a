package dev.specql.deploy.engine.generate.opentofu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.DisasterRecoveryPlan;
import dev.specql.deploy.engine.plan.EcsHosting;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.NetworkPlan.NatMode;
import dev.specql.deploy.engine.plan.Planner;
import dev.specql.deploy.model.load.SpecLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OpenTofuGeneratorTest {

    static final Path MODULES = Path.of("src/main/resources/specql-deploy/templates/opentofu/modules");

    static DeploymentPlan plan(String yaml) throws Exception {
        return Planner.plan(SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).spec(), new Layout("generated"));
    }

    @Test
    void theModuleIndexListsEveryModuleFileAndNothingElse() throws IOException {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(MODULES)) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> MODULES.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("index.txt")).filter(p -> !p.contains(".terraform")).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(MODULES.resolve("index.txt")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(indexed).containsExactlyElementsOf(onDisk);
    }

    @Test
    void eachPatternUsesItsModules() throws Exception {
        assertThat(OpenTofuGenerator.modules(plan("""
                deployment: {name: a, framework: django}
                platform: {domain: a.example.com}
                application: {module: a}
                """))).containsExactly("kms", "networking", "server", "monitoring", "deployer");
        assertThat(OpenTofuGenerator.modules(plan("""
                deployment: {name: a, framework: rails, pattern: small-saas}
                platform: {domain: a.example.com}
                """))).containsExactly("kms", "networking", "secrets", "database", "edge", "compute", "monitoring", "cache",
                "observability", "deployer");
        // An app with no secret (FraiseQL 2 has one, its metrics token, only when Prometheus scrapes it) gets no secrets module.
        assertThat(OpenTofuGenerator.modules(plan("""
                deployment: {name: a, framework: fraiseql, pattern: production-saas}
                platform: {domain: a.example.com}
                monitoring: {level: basic}
                """))).containsExactly("kms", "networking", "database", "edge", "compute", "monitoring", "deployer");
        assertThat(OpenTofuGenerator.modules(plan("""
                deployment: {name: a, framework: fraiseql, pattern: production-saas}
                platform: {domain: a.example.com}
                """))).contains("secrets");
        assertThat(OpenTofuGenerator.modules(plan("""
                deployment: {name: a, framework: fraiseql, pattern: production-saas}
                platform: {domain: a.example.com}
                cicd: {provider: gitlab-ci}
                """))).as("GitLab CI deploys too, with its own roles").contains("deployer");
    }

    @Test
    void theHobbyServerNeedsThePhaseThatWritesItsComposeFiles() throws Exception {
        assertThat(new OpenTofuGenerator().reads(plan("""
                deployment: {name: a, framework: rails}
                platform: {domain: a.example.com}
                """))).containsExactly("generated/deployment/compose.production.yaml", "generated/deployment/Caddyfile");
        assertThat(new OpenTofuGenerator().reads(plan("""
                deployment: {name: a, framework: rails, pattern: small-saas}
                platform: {domain: a.example.com}
                """))).as("the monitoring task's Prometheus configurations, which it uploads")
                .containsExactly("generated/observability/prometheus/ecs/staging.yml", "generated/observability/prometheus/ecs/production.yml");
        assertThat(new OpenTofuGenerator().reads(plan("""
                deployment: {name: a, framework: rails, pattern: small-saas}
                platform: {domain: a.example.com}
                monitoring: {level: basic}
                """))).isEmpty();
    }

    @Test
    void prefixesFitAwsNameLimitsAndStayReadable() {
        assertThat(Planner.prefix("acme-crm", "production")).isEqualTo("acme-crm-production");
        String longest = Planner.prefix("abcdefghijklmnopqrstuvwx", "production");
        assertThat(longest).hasSizeLessThanOrEqualTo(Planner.MAX_PREFIX).isEqualTo("abcdefghijklmnopqrstuvwx-p");
        assertThat(Planner.prefix("abcdefghijklmnopqrst", "staging-eu")).isEqualTo("abcdefghijklmnopqrst-stagi");
    }

    @Test
    void onlyTheLastEnvironmentGetsProductionSizes() throws Exception {
        List<EnvironmentPlan> plans = plan("""
                deployment: {name: shop, framework: rails, pattern: production-saas}
                platform: {domain: shop.example.com}
                """).environments();
        assertThat(plans).extracting(EnvironmentPlan::name).containsExactly("staging", "production");
        EcsHosting staging = plans.get(0).ecs();
        EcsHosting production = plans.get(1).ecs();
        assertThat(plans.get(0).productionTier()).isFalse();
        assertThat(staging.database().multiAz()).isFalse();
        assertThat(staging.waf()).isFalse();
        assertThat(plans.get(0).network().natMode()).isEqualTo(NatMode.SINGLE);
        assertThat(staging.database().deletionProtection()).isTrue();
        assertThat(plans.get(0).domain()).isEqualTo("staging.shop.example.com");
        assertThat(plans.get(1).productionTier()).isTrue();
        assertThat(production.database().multiAz()).isTrue();
        assertThat(production.waf()).isTrue();
        assertThat(plans.get(1).network().natMode()).isEqualTo(NatMode.PER_AZ);
        assertThat(plans.get(1).network().availabilityZones()).isEqualTo(3);
        assertThat(plans.get(1).domain()).isEqualTo("shop.example.com");
    }

    @Test
    void costsMeetTheTargetsTheSecureDefaultsAllow() throws Exception {
        DeploymentPlan hobby = plan("""
                deployment: {name: blog, framework: django}
                platform: {domain: blog.example.com}
                application: {module: blog}
                """);
        CostEstimator estimator = new CostEstimator(MonitoringAlarms.parse(Files.readString(
                MonitoringAlarmsTest.TEMPLATES.resolve(MonitoringAlarms.MODULE_SOURCE))));
        CostEstimate server = estimator.environment(hobby, hobby.production());
        assertThat(server.total()).isLessThan(BigDecimal.valueOf(15));
        assertThat(CostEstimator.missedTarget(hobby.spec(), server)).isEmpty();

        DeploymentPlan production = plan("""
                deployment: {name: shop, framework: django, pattern: production-saas}
                platform: {domain: shop.example.com}
                application: {module: shop, worker: {enabled: false}}
                """);
        CostEstimate big = estimator.environment(production, production.production());
        assertThat(big.total()).isLessThan(BigDecimal.valueOf(500));

        DeploymentPlan small = plan("""
                deployment: {name: crm, framework: fraiseql, pattern: small-saas}
                platform: {domain: crm.example.com}
                """);
        CostEstimate smallCost = estimator.environment(small, small.production());
        // The plan's budgets: the app's infrastructure, and under $50 a month for observability (the monitoring task in
        // every environment), measured as what the same spec costs more than with Prometheus off.
        DeploymentPlan smallBasic = plan("""
                deployment: {name: crm, framework: fraiseql, pattern: small-saas}
                platform: {domain: crm.example.com}
                monitoring: {level: basic}
                """);
        assertThat(estimator.environment(smallBasic, smallBasic.production()).total()).isLessThanOrEqualTo(BigDecimal.valueOf(100));
        BigDecimal observability = BigDecimal.ZERO;
        for (int i = 0; i < small.environments().size(); i++) {
            observability = observability.add(estimator.environment(small, small.environments().get(i)).total()
                    .subtract(estimator.environment(smallBasic, smallBasic.environments().get(i)).total()));
        }
        assertThat(observability).isPositive().isLessThan(BigDecimal.valueOf(50));
        assertThat(smallCost.items()).noneSatisfy(item -> assertThat(item.item()).startsWith("NAT"));
        assertThat(CostEstimator.missedTarget(small.spec(), smallCost)).hasValueSatisfying(reason ->
                assertThat(reason).contains("target of $75").contains("load balancer").doesNotContain("NAT gateway"));

        DeploymentPlan withWorker = plan("""
                deployment: {name: shop, framework: rails, pattern: production-saas}
                platform: {domain: shop.example.com}
                application: {worker: {concurrency: 10}}
                """);
        CostEstimate jobs = estimator.environment(withWorker, withWorker.production());
        assertThat(jobs.total()).isLessThan(BigDecimal.valueOf(500));
        assertThat(jobs.items()).anySatisfy(item -> assertThat(item.item()).contains("Spot").contains("worker task"))
                .anySatisfy(item -> assertThat(item.item()).startsWith("Container Insights"))
                .anySatisfy(item -> assertThat(item.item()).contains("target tracking"))
                .anySatisfy(item -> assertThat(item.item()).startsWith("VPC flow logs"));
        assertThat(smallCost.items()).allSatisfy(item -> assertThat(item.monthly()).isNotNegative());
    }

    @Test
    void onlyProductionAndItsStandbyShareTheDomainThroughFailoverRecordsAndPayForTheirHealthChecks() throws Exception {
        DeploymentPlan plan = plan("""
                deployment: {name: shop, framework: django, pattern: production-saas}
                platform: {domain: shop.example.com, region: us-east-1}
                application: {module: shop, secrets: [STRIPE_KEY]}
                bluegreen: {enabled: true}
                multiregion: {enabled: true, dr_region: us-west-2}
                """);
        String script = "print()";
        assertThat(RootViews.ecs(plan, plan.production(), new Safe("#"), script).edge().dnsFailover()).map(Safe::text)
                .contains("\"PRIMARY\"");
        assertThat(RootViews.ecs(plan, plan.environments().get(0), new Safe("#"), script).edge().dnsFailover()).isEmpty();
        DisasterRecoveryPlan standby = DisasterRecoveryPlan.of(plan).orElseThrow();
        StandbyRootView view = RootViews.standby(plan, standby, new Safe("#"));
        assertThat(view.site().domain().text()).isEqualTo("\"shop.example.com\"");
        assertThat(view.edge().healthPath().text()).isEqualTo(RootViews.ecs(plan, plan.production(), new Safe("#"), script)
                .task().container().healthPath().text());
        assertThat(view.secretNames()).map(Safe::text).contains("[\"DJANGO_SECRET_KEY\", \"STRIPE_KEY\"]");

        CostEstimator estimator = new CostEstimator(MonitoringAlarms.parse(Files.readString(
                MonitoringAlarmsTest.TEMPLATES.resolve(MonitoringAlarms.MODULE_SOURCE))));
        // Blue/green's two target groups: a check and an alarm each, and the calculated check over them.
        assertThat(estimator.environment(plan, plan.production()).items()).extracting(CostEstimate.LineItem::item)
                .contains("Route 53 health checks (3: one per target group, one calculated, for DNS failover)",
                        "CloudWatch alarms for DNS failover (2: healthy targets per target group)");
        assertThat(estimator.environment(plan, plan.environments().get(0)).items()).extracting(CostEstimate.LineItem::item)
                .noneMatch(item -> item.startsWith("Route 53"));
        assertThat(estimator.standby(plan, standby).items()).extracting(CostEstimate.LineItem::item)
                .contains("Application load balancer (idle)", "Route 53 health checks (2: one per target group, one calculated, for DNS failover)",
                        "Secrets Manager secrets (2 of the app)", "WAF web ACL")
                .doesNotContain("WAF requests");
        // The standby's own state store, in its region.
        assertThat(CostEstimator.bootstrap(plan).items()).extracting(CostEstimate.LineItem::item)
                .contains("KMS customer-managed key (the standby's state, in us-west-2)", "S3 state bucket of the standby (versioned, in us-west-2)");
        assertThat(RootViews.settings(plan, standby.name(), standby.region(), new Safe("#")).region().text()).isEqualTo("\"us-west-2\"");
    }

    @Test
    void theStandbyRunsProductionsContainersOnceItIsPromotedAndDeploysThemRolling() throws Exception {
        DeploymentPlan plan = plan("""
                deployment: {name: shop, framework: django, pattern: production-saas}
                platform: {domain: shop.example.com, region: us-east-1}
                application: {module: shop}
                bluegreen: {enabled: true}
                multiregion: {enabled: true, dr_region: us-west-2}
                """);
        String script = "print()";
        DisasterRecoveryPlan standby = DisasterRecoveryPlan.of(plan).orElseThrow();
        EcsRootView production = RootViews.ecs(plan, plan.production(), new Safe("#"), script);
        AppTierView primaryTier = RootViews.appTier(production, new Safe("#"));
        AppTierView standbyTier = RootViews.standbyAppTier(plan, standby, new Safe("#"), script);
        assertThat(primaryTier.standby()).isFalse();
        assertThat(primaryTier.blueGreen()).isPresent();
        assertThat(primaryTier.cacheReplicas().text()).isEqualTo("1");
        assertThat(standbyTier.standby()).isTrue();
        assertThat(standbyTier.task()).isEqualTo(production.task());
        assertThat(standbyTier.jobs()).isEqualTo(production.jobs());
        // Its load balancer has one target group: deploys there roll.
        assertThat(standbyTier.blueGreen()).isEmpty();
        assertThat(standbyTier.computeSecurityGroups().text()).isEqualTo("module.compute[*].task_security_group_id");
        // The broker is ready as production's: adding a replica at failover would take minutes.
        assertThat(standbyTier.cacheReplicas().text()).isEqualTo("1");
        // No NAT gateway while it waits; production's once promoted.
        assertThat(RootViews.standby(plan, standby, new Safe("#")).network().natMode().text()).isEqualTo("var.promoted ? \"per_az\" : \"none\"");
        CostEstimator estimator = new CostEstimator(MonitoringAlarms.parse(Files.readString(
                MonitoringAlarmsTest.TEMPLATES.resolve(MonitoringAlarms.MODULE_SOURCE))));
        assertThat(estimator.standby(plan, standby).items()).extracting(CostEstimate.LineItem::item)
                .contains("ElastiCache for Valkey cache.t4g.micro (2 nodes standing by, job broker)")
                .noneMatch(item -> item.startsWith("NAT gateway") || item.startsWith("Fargate"));
    }

    @Test
    void theSuiteBuildsTheProviderVersionTheGeneratedFilesPin() throws IOException {
        String versions = Files.readString(Path.of("../conformance/versions.env"));
        assertThat(versions).contains("AWS_PROVIDER_VERSION=" + dev.specql.deploy.model.catalog.Pins.AWS_PROVIDER_VERSION)
                .contains("TOFU_VERSION=v" + dev.specql.deploy.model.catalog.Pins.OPENTOFU_VERSION);
    }

    @Test
    void aTableShowsTwoDecimalsOfAQuantityAndPricesTheExactOne() {
        var third = CostEstimate.LineItem.of("overlap", 10 / 3.0, AwsPrices.Price.of("3.00", "hour"));
        var whole = CostEstimate.LineItem.of("instance", 730, AwsPrices.Price.of("0.016", "hour"));

        assertThat(third.shownQuantity()).isEqualTo("3.33");
        assertThat(third.monthly()).isEqualByComparingTo("10.00");
        assertThat(whole.shownQuantity()).isEqualTo("730");
    }
}
