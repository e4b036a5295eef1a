package dev.specql.deploy.engine.generate.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Grafana dashboard as data: the panels in reading order, laid out on Grafana's 24-column grid by {@link #layout}.
 * Queries are PromQL against the Prometheus datasource; Grafana's {@code $__rate_interval} is their rate window.
 *
 * @param uid   the fixed uid links and the provisioning keep (Grafana's limit is 40 characters)
 * @param file  the file name under grafana/dashboards/
 */
record Dashboard(String uid, String file, String title, String description, List<String> tags, List<Panel> panels) {

    Dashboard {
        tags = List.copyOf(tags);
        panels = List.copyOf(panels);
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

    /** Where a panel's queries go: PromQL to Prometheus, LogQL to Loki. */
    enum Source {
        PROMETHEUS("prometheus", Grafana.PROMETHEUS_UID), LOKI("loki", Grafana.LOKI_UID);

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
     */
    record Panel(Type type, String title, String description, String unit, Optional<String> threshold, List<Query> queries) {

        Panel {
            queries = List.copyOf(queries);
        }

        Source source() {
            return type == Type.LOGS ? Source.LOKI : Source.PROMETHEUS;
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
