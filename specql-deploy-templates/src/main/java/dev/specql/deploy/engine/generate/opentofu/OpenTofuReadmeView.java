package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.opentofu.CostEstimate.LineItem;
import dev.specql.deploy.engine.plan.BlueGreenPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.DisasterRecoveryPlan;
import dev.specql.deploy.engine.plan.EcsHosting;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.engine.plan.MonitoringTask;
import dev.specql.deploy.engine.plan.ServerHosting;
import dev.specql.deploy.engine.plan.TaskPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.SecretVar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The view of the infrastructure README: what is created, how to run it, and what it costs; escaped Markdown. */
public record OpenTofuReadmeView(Safe header, Intro intro, boolean server, Commands commands, List<Safe> secrets,
                                 List<EnvironmentLine> environments, List<Safe> modules, Costs costs, Optional<BlueGreen> blueGreen,
                                 Optional<Standby> standby) {

    private static final MarkdownEscaper MD = new MarkdownEscaper();

    public OpenTofuReadmeView {
        secrets = List.copyOf(secrets);
        environments = List.copyOf(environments);
        modules = List.copyOf(modules);
    }

    /** @param rule the '=' underline of the title; @param zone the hosted zone, as inline code */
    public record Intro(Safe title, Safe rule, Safe pattern, Safe region, Safe zone) {
    }

    /** Values inside the README's code blocks. */
    /**
     * @param platform  the image platform the production hosts run, as docker build --platform takes it
     * @param adminUser the RDS master user; @param appUser the app's own login
     */
    public record Commands(Safe directory, Safe firstEnvironment, Safe lastEnvironment, Safe region, Safe name, Safe tofuVersion,
                           Safe platform, Safe adminUser, Safe appUser) {
    }

    public record EnvironmentLine(Safe name, Safe domain, Safe summary) {
    }

    /**
     * @param target         the pattern's monthly budget, when it has one
     * @param missedTarget   why the production environment misses it, when it does
     * @param productionName the production tier's name
     */
    /**
     * @param choices the cost choices made for the pattern, each with its trade-off
     * @param priced  the priced resource types, each with the lines that count it
     * @param free    the resource types AWS does not charge for
     */
    public record Costs(List<CostTable> tables, Safe grandTotal, Optional<Safe> target, Optional<Safe> missedTarget,
                        Safe productionName, Safe pricesAsOf, Safe priceRegion, List<Safe> choices, Safe priced, Safe free) {
        public Costs {
            tables = List.copyOf(tables);
            choices = List.copyOf(choices);
        }
    }

    /**
     * The blue/green section: the strategy, the production shift and the bake in words; the test header, health path,
     * production domain and a curl command of the test route as inline code; minutes both revisions run, and the deploy
     * script's limit; whether the deployment alarm rolls back.
     */
    public record BlueGreen(Safe strategy, Safe shift, Safe bake, Safe header, Safe healthPath, Safe domain, Safe testCommand,
                            int overlapMinutes, int timeoutMinutes, boolean alarm) {
    }

    /**
     * The disaster recovery section: the standby's environment, production's, both regions and the replica's
     * identifier as inline code (and as code block text: the *Fence ones); its zones, the alarm's lag, the backup
     * retention the promotion keeps, whether production's database is Multi-AZ, and whether the app has secrets to copy;
     * the app's ECR repository (code block text), whether it runs a worker and a broker, and whether production
     * deploys blue/green (the standby rolls). The runbook's commands name, as code block text, production's environment,
     * region, prefix (its cluster), services and database, the hosted zone, the standby's prefix, and the health
     * threshold that pins production's records unhealthy.
     */
    public record Standby(Safe name, Safe nameFence, Safe primary, Safe region, Safe regionFence, Safe primaryRegion, Safe replica,
                          Safe replicaFence, int zones, int lagSeconds, int retentionDays, boolean multiAz, boolean secrets,
                          Safe repositoryFence, boolean worker, boolean broker, boolean blueGreen, Runbook runbook) {
    }

    /** What the failover and fail-back commands name, as code block text. */
    public record Runbook(Safe primaryNameFence, Safe primaryRegionFence, Safe primaryPrefixFence, Safe primaryServicesFence,
                          Safe sourceFence, Safe hostedZoneFence, Safe prefixFence, Safe standbyServicesFence, int pinThreshold) {
    }

    /** A cost table ready to print: rows (derived prices marked in them), total, assumptions. */
    public record CostTable(Safe title, List<Safe> rows, Safe total, List<Safe> assumptions) {
        public CostTable {
            rows = List.copyOf(rows);
            assumptions = List.copyOf(assumptions);
        }
    }

    static OpenTofuReadmeView of(DeploymentPlan plan, List<String> modules, MonitoringAlarms alarms) {
        DeploymentSpec spec = plan.spec();
        List<EnvironmentPlan> environments = plan.environments();
        String title = "Infrastructure of " + spec.name();
        List<String> secrets = new ArrayList<>(plan.app().secrets().stream().map(SecretVar::name).toList());
        secrets.addAll(MonitoringTask.newSecrets(plan));
        return new OpenTofuReadmeView(Header.html(spec.specFile()),
                new Intro(MD.text(title), new Safe("=".repeat(title.length())), MD.code(spec.pattern().id()),
                        MD.code(spec.platform().region()), MD.code(spec.platform().hostedZone().orElseThrow())),
                OpenTofuGenerator.runsServer(plan),
                new Commands(MD.inFence(plan.layout().output(Layout.OPENTOFU)), MD.inFence(environments.get(0).name()),
                        MD.inFence(plan.production().name()), MD.inFence(spec.platform().region()), MD.inFence(spec.name()),
                        new Safe(Pins.OPENTOFU_VERSION), new Safe(architecture(plan.production()).docker()),
                        MD.inFence(spec.database().adminUser()), MD.inFence(spec.database().user())),
                secrets.stream().map(MD::inFence).toList(),
                environments.stream().map(e -> new EnvironmentLine(MD.code(e.name()), MD.code(e.domain()), MD.text(summary(e)))).toList(),
                modules.stream().map(MD::code).toList(),
                costs(plan, new CostEstimator(alarms)),
                BlueGreenPlan.of(spec.bluegreen()).map(blueGreen -> blueGreen(plan, blueGreen)),
                DisasterRecoveryPlan.of(plan).map(standby -> standby(plan, standby)));
    }

    private static Standby standby(DeploymentPlan plan, DisasterRecoveryPlan standby) {
        return new Standby(MD.code(standby.name()), MD.inFence(standby.name()), MD.code(standby.primary().name()), MD.code(standby.region()),
                MD.inFence(standby.region()), MD.code(standby.primaryRegion()), MD.code(standby.replicaIdentifier()),
                MD.inFence(standby.replicaIdentifier()), standby.network().availabilityZones(), DisasterRecoveryPlan.LAG_ALARM_SECONDS,
                standby.database().backupRetentionDays(), standby.database().multiAz(), !plan.app().secrets().isEmpty(),
                MD.inFence(plan.spec().name()), plan.app().worker().isPresent(), plan.app().broker(),
                BlueGreenPlan.of(plan.spec().bluegreen()).isPresent(), runbook(plan, standby));
    }

    private static Runbook runbook(DeploymentPlan plan, DisasterRecoveryPlan standby) {
        String primaryPrefix = standby.primary().prefix();
        boolean worker = plan.app().worker().isPresent();
        return new Runbook(MD.inFence(standby.primary().name()), MD.inFence(standby.primaryRegion()), MD.inFence(primaryPrefix),
                MD.inFence(String.join(" ", services(primaryPrefix, worker))), MD.inFence(standby.sourceIdentifier()),
                MD.inFence(plan.spec().platform().hostedZone().orElseThrow()), MD.inFence(standby.prefix()),
                MD.inFence(String.join(" ", services(standby.prefix(), worker))),
                standby.dnsPinThreshold(BlueGreenPlan.of(plan.spec().bluegreen()).isPresent()));
    }

    /** The ECS services of an environment: the app's, named as its cluster, and the worker's (the compute module's names). */
    private static List<String> services(String prefix, boolean worker) {
        return worker ? List.of(prefix, prefix + "-worker") : List.of(prefix);
    }

    private static BlueGreen blueGreen(DeploymentPlan plan, BlueGreenPlan blueGreen) {
        String health = plan.spec().application().healthPath();
        String domain = plan.production().domain();
        return new BlueGreen(MD.code(blueGreen.strategy()), MD.text(shift(blueGreen, plan.spec().bluegreen().linearSteps())), MD.text(minutes(blueGreen.bakeMinutes())),
                MD.code(BlueGreenPlan.TEST_HEADER), MD.code(health), MD.code(domain),
                MD.code("curl --header '" + BlueGreenPlan.TEST_HEADER + ": 1' https://" + domain + health),
                blueGreen.overlapMinutes(), blueGreen.timeoutMinutes(), blueGreen.rollbackOnError());
    }

    private static String shift(BlueGreenPlan blueGreen, int linearSteps) {
        int step = blueGreen.stepPercent().orElse(100);
        String wait = minutes(blueGreen.stepMinutes().orElse(0));
        return switch (blueGreen.strategy()) {
            case "LINEAR" -> "it moves " + step + "% at a time, a step every " + wait + ", " + linearSteps + " steps in all";
            case "CANARY" -> step + "% of it moves to the new revision for " + wait + ", then the rest";
            default -> "all of it moves at once";
        };
    }

    private static String minutes(int minutes) {
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private static Costs costs(DeploymentPlan plan, CostEstimator estimator) {
        List<CostTable> tables = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        CostEstimate production = null;
        for (EnvironmentPlan environment : plan.environments()) {
            CostEstimate estimate = estimator.environment(plan, environment);
            tables.add(table(estimate));
            total = total.add(estimate.total());
            production = estimate;
        }
        Optional<DisasterRecoveryPlan> standby = DisasterRecoveryPlan.of(plan);
        if (standby.isPresent()) {
            CostEstimate estimate = estimator.standby(plan, standby.get());
            tables.add(table(estimate));
            total = total.add(estimate.total());
        }
        CostEstimate bootstrap = CostEstimator.bootstrap(plan);
        tables.add(table(bootstrap));
        total = total.add(bootstrap.total());
        Integer target = CostEstimator.TARGETS.get(plan.spec().pattern());
        return new Costs(tables, new Safe("$" + total.toPlainString()), Optional.ofNullable(target).map(t -> new Safe("$" + t)),
                CostEstimator.missedTarget(plan.spec(), production).map(MD::text), MD.text(plan.production().name()),
                new Safe(AwsPrices.AS_OF), new Safe(AwsPrices.REGION), CostChoices.of(plan).stream().map(MD::text).toList(),
                MD.text(ResourceCharges.pricedSummary()), MD.text(ResourceCharges.freeSummary()));
    }

    private static CpuArchitecture architecture(EnvironmentPlan environment) {
        return environment.hosting() instanceof ServerHosting server ? server.architecture() : environment.ecs().tasks().architecture();
    }

    private static String summary(EnvironmentPlan environment) {
        if (environment.hosting() instanceof ServerHosting server) {
            return "one " + server.instanceType() + " server running the Compose stack";
        }
        EcsHosting ecs = environment.ecs();
        TaskPlan tasks = ecs.tasks();
        return tasks.desiredCount() + " to " + tasks.maxCount() + " tasks of " + tasks.cpu() + " CPU units and " + tasks.memory()
                + " MiB (" + tasks.architecture().ecs() + "), " + ecs.database().instanceClass() + (ecs.database().multiAz() ? " Multi-AZ" : "")
                + ", " + environment.network().availabilityZones() + " zones, NAT " + environment.network().natMode().id().replace('_', ' ')
                + (ecs.waf() ? ", WAF" : "") + ", logs kept " + environment.logRetentionDays() + " days";
    }

    private static CostTable table(CostEstimate estimate) {
        List<Safe> rows = new ArrayList<>();
        for (LineItem item : estimate.items()) {
            rows.add(new Safe("| " + MD.text(item.item()).text() + " | " + item.shownQuantity() + " " + MD.text(item.price().unit()).text()
                    + " | $" + item.price().amount().toPlainString() + (item.price().verified() ? "" : " (derived)")
                    + " | $" + item.monthly().toPlainString() + " |"));
        }
        return new CostTable(MD.text(estimate.title()), rows, new Safe("$" + estimate.total().toPlainString()),
                estimate.assumptions().stream().map(MD::text).toList());
    }
}
