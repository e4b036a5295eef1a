package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.text.Snippet;
import java.util.List;
import java.util.Optional;

/**
 * What the app's metrics endpoint exposes once the framework's metrics library is set up, as the alert rules and
 * their tests need it: the request counter, the selector of server errors, the latency histogram. The names are the
 * library's own (docs/observability.md gives each source); the test series are samples of the same metrics.
 *
 * @param library        the library or setting that makes the framework serve metrics, as the README names it
 * @param present        whether the app's dependency files show the library (or the framework serves metrics itself)
 * @param setup          what the app must do so that the metrics path serves these metrics
 * @param requests       a selector of every request counted, e.g. {@code rails_requests_total}
 * @param serverErrors   a selector of the requests answered with a 5xx status
 * @param okSample       one series of {@link #requests} for a successful request, for rule tests
 * @param errorSample    one series counted by {@link #serverErrors}, for rule tests
 * @param latencyBuckets the {@code _bucket} series of the request duration histogram, when the library has one
 * @param bearerToken    the variable holding the token the metrics endpoint requires, when it requires one
 * @param graphs         what only this framework's metrics show, for the app's dashboard beside the requests, errors
 *                       and latency every framework has
 */
public record AppMetrics(String library, boolean present, Snippet setup, String requests, String serverErrors, String okSample,
                         String errorSample, Optional<String> latencyBuckets, Optional<String> bearerToken, List<Graph> graphs) {

    public AppMetrics {
        graphs = List.copyOf(graphs);
    }

    /** The per-second rate of a counter over the dashboard's rate window. */
    public static String rate(String selector) {
        return "rate(" + selector + "[$__rate_interval])";
    }

    /** The per-second rate of a counter over the dashboard's rate window, summed over every series. */
    public static String sumRate(String selector) {
        return "sum(" + rate(selector) + ")";
    }

    /** A graph of one or more lines. */
    public static Graph graph(String title, String description, String unit, Line... lines) {
        return new Graph(title, description, unit, List.of(lines));
    }

    /**
     * A graph of the framework's own metrics. Queries are PromQL in which {@code $__rate_interval} stands for the rate
     * window (Grafana's variable, four scrape intervals at least).
     *
     * @param unit Grafana's unit id, e.g. {@code reqps}, {@code s}, {@code short}
     */
    public record Graph(String title, String description, String unit, List<Line> lines) {

        public Graph {
            lines = List.copyOf(lines);
        }
    }

    /** One query of a graph, with its legend ({@code {{label}}} names a label's value). */
    public record Line(String legend, String query) {
    }
}
