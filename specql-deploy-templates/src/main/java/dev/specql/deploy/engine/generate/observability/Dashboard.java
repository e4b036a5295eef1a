package dev.specql.deploy.engine.generate.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Grafana dashboard as data: the panels in reading order, laid out on Grafana's 24-column grid by {@link #layout}.
 * Queries are PromQL against the Prometheus datasource (Grafana's {@code $__rate_interval} is their rate window),
 * LogQL against Loki, or CloudWatch metrics.
 *
 * @param uid       the fixed uid links and the provisioning keep (Grafana's limit is 40 characters)
 * @param file      the file name under grafana/dashboards/
 * @param variables hidden variables Grafana resolves when the dashboard loads (CloudWatch dimension values)
 */
record Dashboard(String uid, String file, String title, String description, List<String> tags, List<Panel> panels,
                 List<Variable> variables) {

    Dashboard {
        tags = List.copyOf(tags);
        panels = List.copyOf(panels);
        variables = List.copyOf(variables);
    }

    Dashboard(String uid, String file, String title, String description, List<String> tags, List<Panel> panels) {
        this(uid, file, title, description, tags, panels, List.of());
    }

    /** Only current panel types: the Angular graph and singlestat are gone from Grafana 12. */
    enum Type {
        STAT("stat", 6, 4), TIMESERIES("timeseries", 12, 8), LOGS("logs", 24, 10);

        final String id;
        final int width;
        final int height;

        Type(String id, int width, int height) {
            this.id = id;
            this.width = width;
            this.height = height;
        }
    }

    /** Where a panel's queries go: PromQL to Prometheus, LogQL to Loki, metrics to CloudWatch. */
    enum Source {
        PROMETHEUS("prometheus", Grafana.PROMETHEUS_UID), LOKI("loki", Grafana.LOKI_UID), CLOUDWATCH("cloudwatch", Grafana.CLOUDWATCH_UID);

        final String type;
        final String uid;

        Source(String type, String uid) {
            this.type = type;
            this.uid = uid;
        }
    }

    /**
     * @param unit      Grafana's unit id
     * @param threshold the value from which a stat turns red, if it has one
     * @param queries   PromQL or LogQL; metrics CloudWatch's (a panel has one kind)
     */
    record Panel(Type type, String title, String description, String unit, Optional<String> threshold, List<Query> queries,
                 List<Metric> metrics) {

        Panel {
            queries = List.copyOf(queries);
            metrics = List.copyOf(metrics);
            if (queries.isEmpty() == metrics.isEmpty()) {
                throw new IllegalArgumentException("panel " + title + ": queries or CloudWatch metrics, one kind");
            }
        }

        Panel(Type type, String title, String description, String unit, Optional<String> threshold, List<Query> queries) {
            this(type, title, description, unit, threshold, queries, List.of());
        }

        Source source() {
            return type == Type.LOGS ? Source.LOKI : metrics.isEmpty() ? Source.PROMETHEUS : Source.CLOUDWATCH;
        }

        static Panel stat(String title, String description, String unit, Optional<String> threshold, String expr) {
            return new Panel(Type.STAT, title, description, unit, threshold, List.of(new Query("", expr)));
        }

        static Panel graph(String title, String description, String unit, Query... queries) {
            return new Panel(Type.TIMESERIES, title, description, unit, Optional.empty(), List.of(queries));
        }

        static Panel logs(String title, String description, String selector) {
            return new Panel(Type.LOGS, title, description, "short", Optional.empty(), List.of(new Query("", selector)));
        }

        static Panel stat(String title, String description, String unit, Optional<String> threshold, Metric metric) {
            return new Panel(Type.STAT, title, description, unit, threshold, List.of(), List.of(metric));
        }

        static Panel graph(String title, String description, String unit, Metric... metrics) {
            return new Panel(Type.TIMESERIES, title, description, unit, Optional.empty(), List.of(), List.of(metrics));
        }
    }

    /**
     * A CloudWatch metric, one statistic of it a minute.
     *
     * @param label      the series' name in the legend
     * @param dimensions name and value, in order; a value may name a {@link Variable} as $name
     * @param statistic  Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p95
     */
    record Metric(String label, String namespace, String name, List<Dimension> dimensions, String statistic) {
        Metric {
            dimensions = List.copyOf(dimensions);
        }
    }

    record Dimension(String name, String value) {
    }

    /**
     * A hidden variable holding the one dimension value of a CloudWatch metric that matches a pattern: what the
     * generator cannot know, such as the random part of a load balancer's name.
     *
     * @param filters dimensions the values are listed under, values possibly naming an earlier variable
     * @param regex   Grafana's regex, slashes included, that keeps the one value
     */
    record Variable(String name, String namespace, String metric, String dimension, List<Dimension> filters, String regex) {
        Variable {
            filters = List.copyOf(filters);
        }
    }

    /** @param legend the series' name in the legend ({@code {{label}}} is a label's value); empty for Grafana's default */
    record Query(String legend, String expr) {
    }

    /** Where a panel sits: Grafana's gridPos. */
    record Position(int x, int y, int width, int height) {
    }

    /** Panels flow left to right and wrap at the grid's 24 columns; a row is as tall as its tallest panel. */
    List<Position> layout() {
        List<Position> positions = new ArrayList<>();
        int x = 0;
        int y = 0;
        int rowHeight = 0;
        for (Panel panel : panels) {
            if (x + panel.type().width > 24) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            positions.add(new Position(x, y, panel.type().width, panel.type().height));
            x += panel.type().width;
            rowHeight = Math.max(rowHeight, panel.type().height);
        }
        return positions;
    }
}
