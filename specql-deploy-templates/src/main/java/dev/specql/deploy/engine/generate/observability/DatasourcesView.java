package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;

/** Grafana's provisioned datasources, every value YAML-quoted; Loki's where logs are collected. */
public record DatasourcesView(Safe header, Safe prometheusUid, Safe alertmanagerUid, Safe scrapeInterval, Safe prometheusVersion,
                              boolean loki, Safe lokiUid) {
}
