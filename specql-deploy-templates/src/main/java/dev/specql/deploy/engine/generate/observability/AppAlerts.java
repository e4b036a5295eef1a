package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.generate.observability.Alert.RuleTest;
import dev.specql.deploy.engine.generate.observability.Alert.Series;
import dev.specql.deploy.engine.generate.observability.RuleGroup.Recording;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.framework.AppMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alerts on the app itself, written against the metrics its framework's library exposes ({@link AppMetrics}):
 * targets down, the app absent, its 5xx ratio and latency, and at the enterprise level the multi-window multi-burn-rate
 * SLO alerts of the SRE workbook with Sloth's recording-rule names. Traffic guards keep them silent on an idle app.
 */
final class AppAlerts {

    /** The availability objective of the SLO alerts: 99.9% of requests answered without a 5xx. */
    static final String OBJECTIVE = "0.999";
    private static final String ERROR_BUDGET = "0.001";
    /** The least traffic, in requests a second, on which an error ratio means something: 15 requests in 5 minutes. */
    private static final String MIN_RATE = "0.05";
    /** The SLO windows: the short and long window of each burn rate the workbook pages or tickets on. */
    private static final List<String> SLO_WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

    private AppAlerts() {
    }

    static RuleGroup app(AppMetrics metrics, int port) {
        String instance = "app:" + port;
        Map<String, String> target = Map.of("job", Jobs.APP, "instance", instance);
        String up = "up{job=\"app\",instance=\"" + instance + "\"}";
        List<Alert> alerts = new ArrayList<>(List.of(
                new Alert("TargetDown", "up == 0", "2m", "critical", "{{ $labels.job }} target {{ $labels.instance }} is down",
                        "Prometheus cannot scrape it: the process is down, restarting, or unreachable on the network.",
                        List.of(RuleTest.fires("a target stops answering", "5m", target, new Series(up, "1 1 0 0 0 0")),
                                RuleTest.silent("every scrape succeeds", "5m", new Series(up, "1x5")))),
                new Alert("AppAbsent", "absent(up{job=\"app\"} == 1)", "5m", "critical", "No instance of the app is up",
                        "Every app target is down or none is discovered: the site is unavailable.",
                        List.of(RuleTest.fires("the only instance is down", "10m", Map.of(), new Series(up, "0x10")),
                                RuleTest.fires("no instance is discovered", "10m", Map.of()),
                                RuleTest.silent("the instance is up", "10m", new Series(up, "1x10"))))));
        String requests = rate(metrics.requests(), "5m");
        String errors = rate(metrics.serverErrors(), "5m");
        alerts.add(new Alert("AppHigh5xxRatio", "sum(" + errors + ") / sum(" + requests + ") > 0.05 and sum(" + requests + ") > " + MIN_RATE,
                "5m", "critical", "Over 5% of requests fail with a server error",
                "The app answers 5xx to more than one request in twenty: read its logs for the exception.",
                List.of(RuleTest.fires("10 errors for 100 successes a minute", "12m", Map.of(), traffic(metrics, 100, 10)),
                        RuleTest.silent("1 error for 100 successes a minute", "12m", traffic(metrics, 100, 1)),
                        RuleTest.silent("one failed request on an idle app", "12m", new Series(metrics.errorSample(), "0x5 1x10")))));
        metrics.latencyBuckets().ifPresent(buckets -> alerts.add(new Alert("AppHighLatencyP95",
                "histogram_quantile(0.95, sum by (le) (" + rate(buckets, "5m") + ")) > 0.5 and sum(" + requests + ") > " + MIN_RATE,
                "10m", "warning", "The app's 95th percentile latency is over 500 ms",
                "One request in twenty takes longer than half a second: look for slow queries or a saturated server.",
                List.of(RuleTest.fires("every request between 0.5 and 1 second", "20m", Map.of(), latency(metrics, buckets, false)),
                        RuleTest.silent("every request under 0.5 seconds", "20m", latency(metrics, buckets, true))))));
        return RuleGroup.alerts("app.yml", "app", alerts);
    }

    /**
     * The SLO: recording rules of the error ratio over each window, and the page (fast burn: 14.4x over 1h and 5m, 6x
     * over 6h and 30m) and ticket (slow burn: 3x over 1d and 2h, 1x over 3d and 6h) alerts on them.
     */
    static RuleGroup slo(AppMetrics metrics, String service) {
        List<Recording> recordings = new ArrayList<>();
        for (String window : SLO_WINDOWS) {
            recordings.add(new Recording("slo:sli_error:ratio_rate" + window,
                    "sum(" + rate(metrics.serverErrors(), window) + ") / sum(" + rate(metrics.requests(), window) + ")"));
        }
        Map<String, String> none = Map.of();
        List<Alert> alerts = List.of(
                new Alert("ErrorBudgetBurnFast", burn(14.4, "1h", "5m") + " or " + burn(6, "6h", "30m"), "2m", "critical",
                        "The app burns its error budget fast",
                        "At this error rate the month's budget (" + percent() + " availability) is gone within days: act now.",
                        List.of(RuleTest.fires("10% of requests fail", "15m", none, traffic(metrics, 90, 10)),
                                RuleTest.silent("no request fails", "15m", traffic(metrics, 100, 0)))),
                new Alert("ErrorBudgetBurnSlow", burn(3, "1d", "2h") + " or " + burn(1, "3d", "6h"), "15m", "warning",
                        "The app burns its error budget",
                        "At this error rate the month's budget (" + percent() + " availability) runs out before the month does.",
                        List.of(RuleTest.fires("0.5% of requests fail", "30m", none, traffic(metrics, 995, 5)),
                                RuleTest.silent("no request fails", "30m", traffic(metrics, 1000, 0)))));
        return new RuleGroup("slo.yml", "slo-" + service, recordings, alerts, List.of());
    }

    /** The spec's own rules; Prometheus loads them as written, and the README says that they have no generated test. */
    static RuleGroup custom(List<DeploymentSpec.AlertRule> rules) {
        List<Alert> alerts = rules.stream().map(rule -> new Alert(rule.name(), rule.condition(), rule.duration(), rule.severity(),
                rule.summary().orElse(rule.name()), "A rule of the deployment spec: " + rule.condition(), List.of())).toList();
        return RuleGroup.alerts("custom.yml", "custom", alerts);
    }

    private static String burn(double factor, String longWindow, String shortWindow) {
        String threshold = "(" + trim(factor) + " * " + ERROR_BUDGET + ")";
        return "(slo:sli_error:ratio_rate" + longWindow + " > " + threshold + " and slo:sli_error:ratio_rate" + shortWindow + " > " + threshold + ")";
    }

    private static String trim(double factor) {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    }

    private static String percent() {
        return String.format(Locale.ROOT, "%.1f%%", Double.parseDouble(OBJECTIVE) * 100);
    }

    static String rate(String selector, String window) {
        return "rate(" + selector + "[" + window + "])";
    }

    /** Successes and server errors a minute, as the library counts them. */
    private static Series[] traffic(AppMetrics metrics, int ok, int failed) {
        return new Series[]{new Series(metrics.okSample(), "0+" + ok + "x40"), new Series(metrics.errorSample(), "0+" + failed + "x40")};
    }

    /** 100 requests a minute, all in the bucket up to 1 second, and under half a second or not. */
    private static Series[] latency(AppMetrics metrics, String buckets, boolean fast) {
        String fastCount = fast ? "0+100x25" : "0x25";
        return new Series[]{new Series(metrics.okSample(), "0+100x25"),
                new Series(buckets + "{le=\"0.5\"}", fastCount),
                new Series(buckets + "{le=\"1\"}", "0+100x25"),
                new Series(buckets + "{le=\"+Inf\"}", "0+100x25")};
    }

}
