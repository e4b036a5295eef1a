package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.HclEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.opentofu.PlanTestView.DataOverride;
import dev.specql.deploy.engine.generate.opentofu.RootParts.Entry;
import dev.specql.deploy.engine.plan.DeliveryPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.DisasterRecoveryPlan;
import dev.specql.deploy.engine.plan.NetworkPlan;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Each root's first-deploy plan test. OpenTofu's mock providers invent values for computed attributes even while
 * planning, which hides exactly the first-deploy failures (a count that depends on an ID known only after apply); so
 * the test plans with the real AWS provider, offline, and answers only the data sources that would call AWS. This
 * class holds those answers, module by module; a unit test keeps the table equal to the modules' data blocks.
 */
final class PlanTests {

    private static final HclEscaper HCL = new HclEscaper();
    /** The account of every plan test, as AWS's documentation examples write it. */
    static final String ACCOUNT = "123456789012";

    static final String CALLER = "data.aws_caller_identity.current";
    static final String ZONES = "data.aws_availability_zones.available";
    static final String HOSTED_ZONE = "data.aws_route53_zone.this";
    static final String AMI = "data.aws_ssm_parameter.al2023";
    static final String INSTANCE_TYPE = "data.aws_ec2_instance_type.this";

    /**
     * The data sources of each module that call AWS while planning. Data sources computed locally (policy documents,
     * the partition, the configured region) need no answer, nor do those whose arguments are unknown until apply
     * (the edge module's VPC), which OpenTofu defers to apply.
     */
    static final Map<String, List<String>> CALLING_DATA = Map.ofEntries(
            Map.entry("kms", List.of(CALLER)),
            Map.entry("networking", List.of(CALLER, ZONES)),
            Map.entry("secrets", List.of()),
            Map.entry("database", List.of(CALLER)),
            Map.entry("edge", List.of(CALLER, HOSTED_ZONE)),
            Map.entry("compute", List.of(CALLER)),
            Map.entry("monitoring", List.of(CALLER)),
            Map.entry("observability", List.of(CALLER)),
            Map.entry("cache", List.of()),
            Map.entry("server", List.of(AMI, INSTANCE_TYPE, HOSTED_ZONE)),
            Map.entry("deployer", List.of(CALLER)));

    private PlanTests() {
    }

    static PlanTestView environment(DeploymentPlan plan, EnvironmentPlan environment, List<String> modules, Safe header) {
        List<DataOverride> overrides = new ArrayList<>();
        if (OpenTofuGenerator.runsServer(plan)) {
            // The hobby root names the bootstrap's ECR repository by the account.
            overrides.add(new DataOverride(new Safe(CALLER), answer(CALLER, plan, environment)));
        }
        for (String module : modules) {
            for (String data : CALLING_DATA.get(module)) {
                overrides.add(new DataOverride(new Safe("module." + module + "." + data), answer(data, plan, environment)));
            }
        }
        List<Entry> variables = new ArrayList<>();
        if (!OpenTofuGenerator.runsServer(plan)) {
            variables.add(new Entry(new Safe("image"), RootViews.inputs(plan, header).imageExample()));
        }
        ciRepository(plan).ifPresent(variables::add);
        return new PlanTestView(header, new Safe("the " + environment.name() + " environment"), HCL.q(plan.spec().platform().region()),
                RootViews.aligned(variables), overrides, Optional.empty(), Optional.empty());
    }

    /** The standby's root: its modules' calls answered for its region, and its failover planned too. */
    static PlanTestView standby(DeploymentPlan plan, DisasterRecoveryPlan standby, Safe header) {
        List<DataOverride> overrides = new ArrayList<>();
        List<String> modules = new ArrayList<>(STANDBY_MODULES);
        if (plan.app().broker()) {
            modules.add("cache");
        }
        for (String module : modules) {
            for (String data : CALLING_DATA.get(module)) {
                overrides.add(new DataOverride(new Safe("module." + module + "." + data),
                        data.equals(ZONES) ? List.of(entry("names", HCL.list(zones(standby.region(), standby.network()))))
                                : answer(data, plan, null)));
            }
        }
        return new PlanTestView(header, new Safe("the " + standby.name() + " standby"), HCL.q(standby.region()), List.of(), overrides,
                Optional.of(new PlanTestView.Standby(HCL.q("arn:aws:rds:" + standby.primaryRegion() + ":" + ACCOUNT + ":db:"
                        + standby.primary().prefix() + "-postgres"), standby.database().multiAz(),
                        HCL.q(ACCOUNT + ".dkr.ecr." + standby.region() + ".amazonaws.com/" + plan.spec().name() + "@sha256:" + "0".repeat(64)),
                        HCL.q(standby.prefix()))), Optional.empty());
    }

    /** The modules of the standby's root (main-standby.tf.vm and app.tf), the job broker's aside. */
    static final List<String> STANDBY_MODULES = List.of("kms", "networking", "secrets", "database", "edge", "compute", "monitoring");

    static PlanTestView bootstrap(DeploymentPlan plan, Safe header) {
        return new PlanTestView(header, new Safe("the bootstrap"), HCL.q(plan.spec().platform().region()),
                ciRepository(plan).map(List::of).orElse(List.of()),
                List.of(new DataOverride(new Safe(CALLER), answer(CALLER, plan, null))), Optional.empty(),
                DisasterRecoveryPlan.of(plan).map(standby -> HCL.q(standby.region())));
    }

    /** The repository a plan test's CI roles trust, when the pipelines deploy. */
    private static Optional<Entry> ciRepository(DeploymentPlan plan) {
        return DeliveryPlan.deploys(plan) ? Optional.of(entry("ci_repository", HCL.q("octo-org/" + plan.spec().name())))
                : Optional.empty();
    }

    private static List<Entry> answer(String data, DeploymentPlan plan, EnvironmentPlan environment) {
        return RootViews.aligned(switch (data) {
            case CALLER -> List.of(entry("account_id", HCL.q(ACCOUNT)),
                    entry("arn", HCL.q("arn:aws:iam::" + ACCOUNT + ":role/plan-test")));
            case ZONES -> List.of(entry("names", HCL.list(zones(plan, environment))));
            case HOSTED_ZONE -> List.of(entry("zone_id", HCL.q("Z0PLANTEST0000000000")));
            case AMI -> List.of(entry("insecure_value", HCL.q("ami-0123456789abcdef0")));
            case INSTANCE_TYPE -> List.of(entry("supported_architectures", HCL.list(List.of(environment.server().architecture().ec2()))));
            default -> throw new IllegalArgumentException("no answer for " + data);
        });
    }

    /** The zones the user listed, or as many of the region's standard zones as the network spans. */
    private static List<String> zones(DeploymentPlan plan, EnvironmentPlan environment) {
        return zones(plan.spec().platform().region(), environment.network());
    }

    private static List<String> zones(String region, NetworkPlan network) {
        if (!network.zoneNames().isEmpty()) {
            return network.zoneNames();
        }
        return IntStream.range(0, network.availabilityZones()).mapToObj(i -> region + (char) ('a' + i)).toList();
    }

    private static Entry entry(String key, Safe value) {
        return new Entry(new Safe(key), value);
    }
}
