package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.Optional;

/**
 * Grafana's provisioned datasources, every value YAML-quoted: Prometheus and Alertmanager where they run, Loki's where
 * logs are collected, CloudWatch's on ECS.
 *
 * @param where      the place these datasources serve, in the file's comment
 * @param cloudWatch on ECS, the CloudWatch datasource (the task role's credentials): its uid and default region
 */
public record DatasourcesView(Safe header, Safe where, Safe prometheusUid, Safe prometheusUrl, Safe alertmanagerUid, Safe alertmanagerUrl,
                              Safe scrapeInterval, Safe prometheusVersion, boolean loki, Safe lokiUid, Optional<CloudWatch> cloudWatch) {

    public record CloudWatch(Safe uid, Safe region) {
    }
}
