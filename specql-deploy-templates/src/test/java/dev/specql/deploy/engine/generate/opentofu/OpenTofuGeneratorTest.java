package dev.specql.deploy.engine.generate.opentofu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.load.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OpenTofuGeneratorTest {

    static final Path MODULES = Path.of("src/main/resources/specql-deploy/templates/opentofu/modules");

    static DeploymentSpec spec(String yaml) throws Exception {
        return SpecLoader.load("deployment.yaml", yaml.getBytes(StandardCharsets.UTF_8)).spec();
    }

    @Test
    void theModuleIndexListsEveryModuleFileAndNothingElse() throws IOException {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(MODULES)) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> MODULES.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("index.txt")).filter(p -> !p.contains(".terraform")).sorted().toList();
        }
        assertThat(OpenTofuGenerator.moduleIndex()).containsExactlyElementsOf(onDisk);
    }

    @Test
    void eachPatternUsesItsModules() throws Exception {
        assertThat(OpenTofuGenerator.modules(spec("""
                deployment: {name: a, framework: django}
                platform: {domain: a.example.com}
                application: {module: a}
                """))).containsExactly("kms", "networking", "server", "monitoring");
        assertThat(OpenTofuGenerator.modules(spec("""
                deployment: {name: a, framework: rails, pattern: small-saas}
                platform: {domain: a.example.com}
                """))).containsExactly("kms", "networking", "secrets", "database", "edge", "compute", "monitoring", "cache");
        assertThat(OpenTofuGenerator.modules(spec("""
                deployment: {name: a, framework: fraiseql, pattern: production-saas}
                platform: {domain: a.example.com}
                """))).containsExactly("kms", "networking", "database", "edge", "compute", "monitoring");
    }

    @Test
    void prefixesFitAwsNameLimitsAndStayReadable() {
        assertThat(EnvironmentPlan.prefix("acme-crm", "production")).isEqualTo("acme-crm-production");
        String longest = EnvironmentPlan.prefix("abcdefghijklmnopqrstuvwx", "production");
        assertThat(longest).hasSizeLessThanOrEqualTo(EnvironmentPlan.MAX_PREFIX).isEqualTo("abcdefghijklmnopqrstuvwx-p");
        assertThat(EnvironmentPlan.prefix("abcdefghijklmnopqrst", "staging-eu")).isEqualTo("abcdefghijklmnopqrst-stagi");
    }

    @Test
    void onlyTheLastEnvironmentGetsProductionSizes() throws Exception {
        List<EnvironmentPlan> plans = EnvironmentPlan.of(spec("""
                deployment: {name: shop, framework: rails, pattern: production-saas}
                platform: {domain: shop.example.com}
                """));
        assertThat(plans).extracting(EnvironmentPlan::name).containsExactly("staging", "production");
        assertThat(plans.get(0)).extracting(EnvironmentPlan::productionTier, EnvironmentPlan::multiAz, EnvironmentPlan::waf,
                EnvironmentPlan::natMode, EnvironmentPlan::deletionProtection).containsExactly(false, false, false, "single", true);
        assertThat(plans.get(1)).extracting(EnvironmentPlan::productionTier, EnvironmentPlan::multiAz, EnvironmentPlan::waf,
                EnvironmentPlan::natMode, EnvironmentPlan::availabilityZones).containsExactly(true, true, true, "per_az", 3);
    }

    @Test
    void costsMeetTheTargetsTheSecureDefaultsAllow() throws Exception {
        DeploymentSpec hobby = spec("""
                deployment: {name: blog, framework: django}
                platform: {domain: blog.example.com}
                application: {module: blog}
                """);
        CostEstimate server = CostEstimator.environment(hobby, EnvironmentPlan.of(hobby).get(1));
        assertThat(server.total()).isLessThan(java.math.BigDecimal.valueOf(15));
        assertThat(CostEstimator.missedTarget(hobby, server)).isEmpty();

        DeploymentSpec production = spec("""
                deployment: {name: shop, framework: django, pattern: production-saas}
                platform: {domain: shop.example.com}
                application: {module: shop, worker: {enabled: false}}
                """);
        CostEstimate big = CostEstimator.environment(production, EnvironmentPlan.of(production).get(1));
        assertThat(big.total()).isLessThan(java.math.BigDecimal.valueOf(500));

        DeploymentSpec small = spec("""
                deployment: {name: crm, framework: fraiseql, pattern: small-saas}
                platform: {domain: crm.example.com}
                """);
        CostEstimate smallCost = CostEstimator.environment(small, EnvironmentPlan.of(small).get(1));
        assertThat(CostEstimator.missedTarget(small, smallCost)).hasValueSatisfying(reason ->
                assertThat(reason).contains("target of $75").contains("NAT gateway"));
        assertThat(smallCost.items()).allSatisfy(item -> assertThat(item.monthly()).isNotNegative());
    }

    @Test
    void theSuiteBuildsTheProviderVersionTheGeneratedFilesPin() throws IOException {
        String versions = Files.readString(Path.of("../conformance/versions.env"));
        assertThat(versions).contains("AWS_PROVIDER_VERSION=" + dev.specql.deploy.model.catalog.Pins.AWS_PROVIDER_VERSION)
                .contains("TOFU_VERSION=v" + dev.specql.deploy.model.catalog.Pins.OPENTOFU_VERSION);
    }
}
