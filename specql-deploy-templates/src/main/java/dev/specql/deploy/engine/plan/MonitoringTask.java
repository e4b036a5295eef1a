package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.framework.SecretVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract between the observability phase, which writes the monitoring stack's files, and the OpenTofu phase,
 * which runs them on ECS (small-saas, production-saas) as one monitoring task per environment: which files there are,
 * and which secrets the task mounts. Both phases read it here, so neither names the other's files.
 */
public final class MonitoringTask {

    /** Grafana's admin password: in the project's .env for Compose, a secret of the monitoring task on ECS. */
    public static final String GRAFANA_PASSWORD = "GRAFANA_ADMIN_PASSWORD";
    /** Grafana's datasources on ECS, under the observability folder, in a provisioning folder of their own. */
    public static final String ECS_DATASOURCES = "grafana/ecs/provisioning/datasources/datasources.yaml";
    /** The folder of the dashboards Grafana loads on ECS, under the observability folder. */
    public static final String ECS_DASHBOARDS = "grafana/ecs/dashboards/";
    /** The dashboard files of monitoring.dashboards, by name; aws has one per environment on ECS. */
    public static final String APP_DASHBOARD = "app.json";
    public static final String POSTGRES_DASHBOARD = "postgres.json";
    public static final String CONTAINERS_DASHBOARD = "containers.json";
    /** The dashboard of CloudWatch's metrics, written for the ECS patterns only. */
    public static final String AWS = "aws";
    /** The users Prometheus and Alertmanager (nobody), and Grafana, run as in their images. */
    private static final int NOBODY = 65534;
    private static final int GRAFANA_USER = 472;

    private MonitoringTask() {
    }

    /** Whether the ECS roots run the monitoring task: the spec turns Prometheus on and production runs on ECS. */
    public static boolean runs(DeploymentPlan plan) {
        return plan.spec().monitoring().prometheus() && plan.production().hosting() instanceof EcsHosting;
    }

    /** An environment's Prometheus configuration on ECS, under the observability folder. */
    public static String prometheusConfig(EnvironmentPlan environment) {
        return "prometheus/" + prometheusFile(environment);
    }

    /** The same, relative to the prometheus folder: what the monitoring task passes to --config.file. */
    public static String prometheusFile(EnvironmentPlan environment) {
        return "ecs/" + environment.name() + ".yml";
    }

    /** The file of a dashboard named in monitoring.dashboards (any name not listed here is the app's). */
    public static String dashboardFile(String name) {
        return switch (name) {
            case "postgres" -> POSTGRES_DASHBOARD;
            case "containers" -> CONTAINERS_DASHBOARD;
            default -> APP_DASHBOARD;
        };
    }

    /**
     * The dashboards an environment's Grafana loads on ECS, as file names in the spec's order: the containers dashboard
     * stays with Compose (cAdvisor and node_exporter do not run on Fargate), and aws is the environment's own (its
     * CloudWatch dimensions are that environment's resources).
     */
    public static List<String> dashboards(DeploymentSpec spec, EnvironmentPlan environment) {
        return spec.monitoring().dashboards().stream()
                .map(name -> name.equals(AWS) ? awsDashboard(environment) : dashboardFile(name))
                .filter(file -> !file.equals(CONTAINERS_DASHBOARD)).distinct().toList();
    }

    /** An environment's CloudWatch dashboard on ECS, under {@link #ECS_DASHBOARDS}. */
    public static String awsDashboard(EnvironmentPlan environment) {
        return "aws-" + environment.name() + ".json";
    }

    /**
     * The names of an environment's AWS resources that CloudWatch's metrics are dimensioned by, as the OpenTofu
     * modules name them from the environment's prefix. The load balancer's and target group's dimensions end in a
     * part AWS picks: the aws dashboard finds them by these names.
     *
     * @param worker the job workers' ECS service, where the app has one
     */
    public record AwsResources(String cluster, String service, Optional<String> worker, String database, String loadBalancer,
                               String targetGroup) {
    }

    public static AwsResources awsResources(DeploymentPlan plan, EnvironmentPlan environment) {
        String prefix = environment.prefix();
        return new AwsResources(prefix, prefix, plan.app().worker().map(worker -> prefix + "-worker"), prefix + "-postgres",
                prefix + "-alb", prefix + "-tg");
    }

    /** Whether Grafana runs in the monitoring task: the spec names a dashboard it loads there. */
    public static boolean grafana(DeploymentSpec spec) {
        return spec.monitoring().dashboards().stream().anyMatch(name -> !name.equals("containers"));
    }

    /** A file under /run/secrets in the monitoring task: the variable holding its value, and its one reader's user. */
    public record Secret(String variable, int owner) {
        public String file() {
            return secretName(variable);
        }
    }

    /** The secrets of the monitoring task on ECS: the same files Compose mounts, each owned by the container reading it. */
    public static List<Secret> secrets(DeploymentPlan plan) {
        List<Secret> secrets = new ArrayList<>();
        plan.app().metrics().bearerToken().ifPresent(variable -> secrets.add(new Secret(variable, NOBODY)));
        alertmanagerSecrets(plan.spec().monitoring()).forEach(variable -> secrets.add(new Secret(variable, NOBODY)));
        if (grafana(plan.spec())) {
            secrets.add(new Secret(GRAFANA_PASSWORD, GRAFANA_USER));
        }
        return secrets;
    }

    /** The task's secrets the app does not already have (a FraiseQL metrics token is the app's own): created for it. */
    public static List<String> newSecrets(DeploymentPlan plan) {
        if (!runs(plan)) {
            return List.of();
        }
        Set<String> appSecrets = plan.app().secrets().stream().map(SecretVar::name).collect(Collectors.toSet());
        return secrets(plan).stream().map(Secret::variable).filter(variable -> !appSecrets.contains(variable)).toList();
    }

    /** The variables Alertmanager reads: the channels' ${NAME} references, and the SMTP password where e-mail is sent. */
    public static List<String> alertmanagerSecrets(DeploymentSpec.Monitoring monitoring) {
        List<String> variables = new ArrayList<>();
        monitoring.channels().stream().flatMap(c -> c.secretVariable().stream()).forEach(variables::add);
        if (monitoring.channels().stream().anyMatch(c -> c.type().equals("email"))) {
            monitoring.smtp().flatMap(DeploymentSpec.Smtp::passwordVariable).ifPresent(variables::add);
        }
        return variables.stream().distinct().toList();
    }

    /**
     * A CloudWatch alarm of the monitoring module and the Prometheus alert that pages for the same condition where the
     * monitoring task runs: the alarm then notifies no one, so that one failure pages once. CloudWatch keeps what
     * Prometheus cannot see on Fargate (the tasks' CPU and memory, the database's CPU and storage) and the monitoring
     * task itself (module observability's own alarm).
     *
     * @param type the spec's monitoring.alarms type of the alarm: an alarm the spec asks for by type keeps notifying
     */
    public record Handover(String alarm, Optional<String> type, String alert) {
    }

    private static final String LATENCY_ALERT = "AppHighLatencyP95";
    private static final List<Handover> HANDOVERS = List.of(
            new Handover("alb-5xx-rate", Optional.of("error_rate"), "AppHigh5xxRatio"),
            new Handover("alb-p95-response-time", Optional.of("response_time"), LATENCY_ALERT),
            new Handover("alb-unhealthy-hosts", Optional.of("unhealthy_hosts"), "TargetDown"),
            new Handover("alb-no-healthy-hosts", Optional.empty(), "AppAbsent"),
            new Handover("rds-connections", Optional.of("db_connections"), "PostgresqlTooManyConnections"));

    /** The alarms Prometheus takes over in this plan (none where the monitoring task does not run). */
    public static List<Handover> handovers(DeploymentPlan plan) {
        if (!runs(plan)) {
            return List.of();
        }
        Set<String> asked = plan.spec().monitoring().alarms().stream().map(DeploymentSpec.Alarm::type).collect(Collectors.toSet());
        boolean latency = plan.app().metrics().latencyBuckets().isPresent();
        return HANDOVERS.stream().filter(h -> h.type().map(type -> !asked.contains(type)).orElse(true))
                .filter(h -> latency || !h.alert().equals(LATENCY_ALERT)).toList();
    }

    /** The secret file of an environment variable: its name in lower case (variable names are [A-Z0-9_]). */
    public static String secretName(String variable) {
        return variable.toLowerCase(Locale.ROOT);
    }
}
