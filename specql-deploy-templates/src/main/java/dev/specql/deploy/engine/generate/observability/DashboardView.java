package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/** A dashboard's JSON, every string a JSON literal already. */
public record DashboardView(Safe uid, Safe title, Safe description, List<Safe> tags, List<PanelView> panels, List<VariableView> variables) {

    public DashboardView {
        tags = List.copyOf(tags);
        panels = List.copyOf(panels);
        variables = List.copyOf(variables);
    }

    /**
     * @param stat           whether it is a stat panel
     * @param logs           whether it is a logs panel (else a time series)
     * @param datasourceType the type of the datasource its queries go to; datasourceUid its provisioned uid
     * @param threshold      the JSON number from which the value shows red
     */
    public record PanelView(int id, Safe type, boolean stat, boolean logs, Safe datasourceType, Safe datasourceUid, Safe title,
                            Safe description, Safe unit, int x, int y, int width, int height, Optional<Safe> threshold,
                            List<TargetView> targets) {

        public PanelView {
            targets = List.copyOf(targets);
        }
    }

    /** A PromQL or LogQL query (expr and legend), or a CloudWatch metric. */
    public record TargetView(Safe refId, Safe expr, Safe legend, Optional<CloudWatchView> cloudWatch) {
    }

    /** @param dimensions a JSON object */
    public record CloudWatchView(Safe namespace, Safe metric, Safe dimensions, Safe statistic, Safe label) {
    }

    /** @param filters a JSON object */
    public record VariableView(Safe name, Safe namespace, Safe metric, Safe dimension, Safe filters, Safe regex) {
    }
}
