package dev.specql.deploy.engine.generate.opentofu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringAlarmsTest {

    static final Path TEMPLATES = Path.of("src/main/resources/specql-deploy/templates");

    @Test
    void theModuleAsShippedCreatesNineAlarmsOnEcsTwoOnTheServerAndFourOnAStandby() throws Exception {
        MonitoringAlarms alarms = MonitoringAlarms.parse(Files.readString(TEMPLATES.resolve(MonitoringAlarms.MODULE_SOURCE)));
        // alb: p95, unhealthy hosts, no healthy host (map) and the 5xx rate (metric math resource).
        assertThat(alarms.byKind()).containsExactlyInAnyOrderEntriesOf(Map.of("alb", 4, "ecs", 2, "rds", 3, "replica", 1, "ec2", 2));
        assertThat(alarms.count(MonitoringAlarms.ECS_WATCHES)).isEqualTo(9);
        assertThat(alarms.count(MonitoringAlarms.SERVER_WATCHES)).isEqualTo(2);
        assertThat(alarms.count(MonitoringAlarms.STANDBY_WATCHES)).isEqualTo(4);
    }

    @Test
    void theRootsWatchWhatTheEstimateCounts() throws Exception {
        String ecs = Files.readString(TEMPLATES.resolve("opentofu/environment/main-ecs.tf.vm"));
        MonitoringAlarms.ECS_WATCHES.forEach(kind -> assertThat(ecs).containsPattern("monitor_" + kind + " +=? true"));
        assertThat(ecs).doesNotContain("monitor_ec2");
        String server = Files.readString(TEMPLATES.resolve("opentofu/environment/main-server.tf.vm"));
        MonitoringAlarms.SERVER_WATCHES.forEach(kind -> assertThat(server).contains("monitor_" + kind));
        assertThat(server).doesNotContain("monitor_alb", "monitor_ecs", "monitor_rds");
    }

    @Test
    void anAlarmTheParserCannotPlaceFailsInsteadOfBeingMiscounted() {
        assertThatThrownBy(() -> MonitoringAlarms.parse("""
                resource "aws_cloudwatch_metric_alarm" "queue_depth" {
                  alarm_name = "x"
                }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue_depth");
        assertThatThrownBy(() -> MonitoringAlarms.parse("""
                resource "aws_cloudwatch_composite_alarm" "site_down" {
                  alarm_name = "x"
                }
                """)).hasMessageContaining("site_down");
        assertThatThrownBy(() -> MonitoringAlarms.parse("""
                  alb_alarms = { for k, v in {
                    "a" = {
                    }
                """)).hasMessageContaining("alb_alarms");
        assertThatThrownBy(() -> MonitoringAlarms.parse("""
                  rds_alarms = { for k, v in {
                    "rds-cpu" = {
                    }
                    "rds-conns" = merge(local.base, {
                    })
                  } : k => v if local.monitor_rds }
                """)).hasMessageContaining("rds-conns");
        assertThatThrownBy(() -> MonitoringAlarms.parse("""
                  alb_alarms = { for k, v in {
                  } : k => v if local.monitor_ecs }
                """)).hasMessageContaining("monitor_ecs");
    }

    @Test
    void everyShapeTheModuleMayUseIsCounted() {
        MonitoringAlarms alarms = MonitoringAlarms.parse("""
                  sqs_alarms = { for k, v in {
                    # depth and age
                    "sqs-depth" = {
                      threshold = 10
                    }
                    sqs_age = {
                    }
                  } : k => v if local.monitor_sqs }
                resource "aws_cloudwatch_metric_alarm" "this" {
                  for_each = local.metric_alarms
                }
                resource "aws_cloudwatch_metric_alarm" "sqs_dlq" {
                  count = local.monitor_sqs ? 1 : 0
                }
                resource "aws_cloudwatch_composite_alarm" "sqs_stuck" {
                  alarm_name = "stuck"
                  count = local.monitor_sqs ? 1 : 0
                }
                """);
        assertThat(alarms.byKind()).containsExactly(Map.entry("sqs", 4));
        assertThat(alarms.count(List.of("sqs", "alb"))).isEqualTo(4);
    }
}
