package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.generate.GenerationContext;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.generate.opentofu.CostEstimate.LineItem;
import dev.specql.deploy.engine.render.Safe;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Pattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The view of the infrastructure README: what is created, how to run it, and what it costs. */
final class ReadmeView {

    private static final MarkdownEscaper MD = new MarkdownEscaper();

    private ReadmeView() {
    }

    /** A cost table ready to print: rows, total, assumptions, and whether a price was derived. */
    public record CostTable(Safe title, List<Safe> rows, Safe total, List<Safe> assumptions, boolean unverified) {
        public CostTable {
            rows = List.copyOf(rows);
            assumptions = List.copyOf(assumptions);
        }
    }

    public record EnvironmentLine(Safe name, Safe domain, Safe summary) {
    }

    static Map<String, Object> of(DeploymentSpec spec, List<EnvironmentPlan> plans, GenerationContext context) {
        Map<String, Object> model = new LinkedHashMap<>();
        boolean server = spec.pattern() == Pattern.HOBBY_PROJECT;
        model.put("header", Header.html(spec.specFile()));
        String title = "Infrastructure of " + spec.name();
        model.put("title", MD.text(title));
        model.put("rule", new Safe("=".repeat(title.length())));
        model.put("server", server);
        model.put("pattern", MD.code(spec.pattern().id()));
        model.put("region", MD.code(spec.platform().region()));
        model.put("zone", MD.code(spec.platform().hostedZone().orElseThrow()));
        model.put("directory", MD.inFence(context.output(OpenTofuGenerator.DIRECTORY)));
        model.put("firstEnvironment", MD.inFence(plans.get(0).name()));
        model.put("lastEnvironment", MD.inFence(plans.get(plans.size() - 1).name()));
        model.put("region_fence", MD.inFence(spec.platform().region()));
        model.put("name", MD.inFence(spec.name()));
        model.put("secrets", OpenTofuGenerator.secretNames(spec).stream().map(MD::inFence).toList());
        model.put("hasSecrets", !OpenTofuGenerator.secretNames(spec).isEmpty());
        model.put("environments", plans.stream().map(p -> new EnvironmentLine(MD.code(p.name()), MD.code(RootModel.domain(spec, p)),
                MD.text(summary(spec, p)))).toList());
        model.put("modules", OpenTofuGenerator.modules(spec).stream().map(MD::code).toList());
        List<CostTable> costs = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        CostEstimate production = null;
        for (EnvironmentPlan plan : plans) {
            CostEstimate estimate = CostEstimator.environment(spec, plan);
            costs.add(table(estimate));
            total = total.add(estimate.total());
            production = estimate;
        }
        Integer target = CostEstimator.TARGETS.get(spec.pattern());
        model.put("target", new Safe(target == null ? "" : "$" + target));
        model.put("hasTarget", target != null);
        model.put("targetMet", CostEstimator.missedTarget(spec, production).isEmpty());
        model.put("missedTarget", MD.text(CostEstimator.missedTarget(spec, production).orElse("")));
        model.put("productionName", MD.text(plans.get(plans.size() - 1).name()));
        CostEstimate bootstrap = CostEstimator.bootstrap(spec);
        costs.add(table(bootstrap));
        total = total.add(bootstrap.total());
        model.put("costs", costs);
        model.put("grandTotal", new Safe("$" + total.toPlainString()));
        model.put("pricesAsOf", new Safe(AwsPrices.AS_OF));
        model.put("tofuVersion", new Safe(dev.specql.deploy.model.catalog.Pins.OPENTOFU_VERSION));
        model.put("priceRegion", new Safe(AwsPrices.REGION));
        return model;
    }

    private static String summary(DeploymentSpec spec, EnvironmentPlan plan) {
        if (spec.pattern() == Pattern.HOBBY_PROJECT) {
            return "one " + plan.instanceType().orElseThrow() + " server running the Compose stack";
        }
        return plan.desiredCount() + " to " + plan.maxCount() + " tasks of " + plan.cpu() + " CPU units and " + plan.memory()
                + " MiB (" + plan.cpuArchitecture() + "), " + plan.dbInstanceClass() + (plan.multiAz() ? " Multi-AZ" : "")
                + ", " + plan.availabilityZones() + " zones, NAT " + plan.natMode().replace('_', ' ')
                + (plan.waf() ? ", WAF" : "") + ", logs kept " + plan.logRetentionDays() + " days";
    }

    private static CostTable table(CostEstimate estimate) {
        List<Safe> rows = new ArrayList<>();
        for (LineItem item : estimate.items()) {
            rows.add(new Safe("| " + MD.text(item.item()).text() + " | " + item.quantity().toPlainString() + " " + MD.text(item.price().unit()).text()
                    + " | $" + item.price().amount().toPlainString() + (item.price().verified() ? "" : " (derived)")
                    + " | $" + item.monthly().toPlainString() + " |"));
        }
        return new CostTable(MD.text(estimate.title()), rows, new Safe("$" + estimate.total().toPlainString()),
                estimate.assumptions().stream().map(MD::text).toList(), estimate.hasUnverifiedPrices());
    }
}
