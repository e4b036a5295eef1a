package dev.specql.deploy.engine.generate.helm;

import dev.specql.deploy.engine.escape.KubernetesEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.escape.YamlEscaper;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.ClusterMonitoring;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.MonitoringLevel;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.framework.EnvVar;
import dev.specql.deploy.model.framework.SecretVar;
import dev.specql.deploy.model.framework.Wiring;
import dev.specql.deploy.model.framework.Worker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What values.yaml says about one app: the decisions of the chart, made from the plan. The app's variables are
 * sorted by what fills them on the cluster: a literal, a URL or part of the CloudNativePG cluster (the password from
 * the operator's secret, never in a URL: libpq reads PGPASSWORD), the broker's URL; the spec's own values win.
 */
final class ChartValues {

    /** libpq's password variable, set wherever a database URL without password is. */
    static final String PGPASSWORD = "PGPASSWORD";
    /** CloudNativePG's server has TLS on by default with the operator's CA; require it as on RDS. */
    private static final String TLS = "sslmode=require";
    /** Startup probe attempts, 5 s apart: two minutes for a first boot (Rails' and Django's imports, FraiseQL's schema). */
    private static final int STARTUP_ATTEMPTS = 24;
    /** The servers' graceful shutdown times, which the pods' grace period must cover. */
    private static final int GRACEFUL_SECONDS = 30;
    private static final String GRACEFUL_REASON = "the servers the generator runs stop within 30 s of SIGTERM (gunicorn's "
            + "--graceful-timeout 30, uvicorn's --timeout-graceful-shutdown 30, Puma's default worker shutdown timeout, "
            + "fraiseql-server's default shutdown_timeout_secs)";
    /** Local disk a container's logs and image layers' writes may take besides its writable paths. */
    private static final int LOGS_MIB = 256;
    private static final int SCRATCH_MIB = 256;
    private static final int UPLOADS_MIB = 1024;

    /** Where the test pod finds the app through its Service; the template sets it. */
    private static final String HEALTH_URL = "HEALTH_URL";
    private static final String MARKER = "\u0000health-url\u0000";

    private static final YamlEscaper YAML = new YamlEscaper();
    private static final KubernetesEscaper KUBE = new KubernetesEscaper();

    private ChartValues() {
    }

    static ValuesView of(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        DeploymentSpec.Kubernetes kubernetes = spec.kubernetes();
        AppPlan app = plan.app();
        Variables variables = variables(plan);
        Optional<Worker> worker = app.worker();
        Map<String, String> specVariables = spec.variables("production");
        List<ValuesView.Variable> workerEnv = new ArrayList<>();
        worker.ifPresent(w -> w.settings().forEach((name, value) -> {
            if (!specVariables.containsKey(name)) {
                workerEnv.add(new ValuesView.Variable(YAML.q(name), KUBE.expanded(value)));
            }
        }));
        int cpuMillis = spec.application().cpuUnits() * 1000 / 1024;
        String memory = spec.application().memoryMib() + "Mi";
        List<Safe> testCommand = app.healthcheckOf(MARKER).stream().map(word -> KUBE.expandedReplacing(word, MARKER, HEALTH_URL)).toList();
        return new ValuesView(Header.lines("#", spec.specFile()), YAML.comment(spec.name()), YAML.q(spec.name()), kubernetes.replicas(),
                kubernetes.autoscaling().enabled(), kubernetes.autoscaling().min(), kubernetes.autoscaling().max(),
                kubernetes.autoscaling().targetCpu(), YAML.comment(app.displayName()), words(app.serverCommand()), app.port(),
                YAML.q(spec.application().healthPath()), YAML.q(spec.application().metricsPath()), AppPlan.UID, STARTUP_ATTEMPTS,
                YAML.comment(GRACEFUL_REASON), GRACEFUL_SECONDS,
                YAML.q(app.acceptedHostsVariable().filter(v -> !specVariables.containsKey(v)).orElse("")), variables.env, variables.urls,
                names(variables.hosts), names(variables.users), names(variables.passwords), variables.brokers,
                names(secretKeys(plan)), writablePaths(app), YAML.q(cpuMillis + "m"), YAML.q(2 * cpuMillis + "m"), YAML.q(memory),
                YAML.q(LOGS_MIB + "Mi"), YAML.q(ephemeralMib(app) + "Mi"),
                YAML.comment(worker.map(w -> "The " + w.kind() + " worker, as phase 1 runs it.")
                        .orElse("No background worker: the spec turns none on.")),
                worker.isPresent(), worker.map(w -> words(w.command())).orElse(List.of()),
                worker.map(w -> w.probe() instanceof Worker.Probe.Command probe ? words(probe.command()) : List.<Safe>of()).orElse(List.of()),
                worker.map(w -> w.probe() instanceof Worker.Probe.Command probe ? probe.timeoutSeconds() : 1).orElse(1),
                worker.flatMap(Worker::scheduler).map(ChartValues::words).orElse(List.of()), workerEnv,
                YAML.comment(app.migrateCommand().isPresent() ? "The migrations, run as a Helm hook before each upgrade and after the first install."
                        : "No migrations: the spec applies them some other way."),
                app.migrateCommand().isPresent(), app.migrateCommand().map(ChartValues::words).orElse(List.of()),
                YAML.q(kubernetes.ingressClass()), YAML.q(host(spec)), tls(spec), YAML.q(kubernetes.clusterIssuer()),
                YAML.comment(spec.database().version()), YAML.q(Pins.cloudnativePgImage(spec.database().version())),
                kubernetes.databaseReplicas(), YAML.q(spec.database().urlScheme()), YAML.q(spec.database().name()),
                YAML.q(spec.database().user()), names(variables.extraDatabases), YAML.q(kubernetes.databaseSize()),
                YAML.q(spec.database().backup().retentionDays() + "d"),
                YAML.comment(worker.filter(Worker::needsBroker).map(w -> w.kind() + " queues its jobs through it")
                        .orElse("nothing here needs one")),
                app.broker(), YAML.q(Pins.VALKEY_IMAGE), YAML.q(app.metrics().bearerToken().orElse("")), ClusterMonitoring.runs(plan), testCommand,
                monitoring(plan));
    }

    /** The release's own Prometheus, Alertmanager, rules and dashboards: on where its monitors are. */
    private static ValuesView.Monitoring monitoring(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        List<String> extra = new ArrayList<>();
        if (spec.monitoring().level() == MonitoringLevel.ENTERPRISE) {
            extra.add("the SLO's");
        }
        if (!spec.monitoring().rules().isEmpty()) {
            extra.add("the spec's own (monitoring.alerts.rules, untested)");
        }
        String summary = extra.isEmpty() ? "" : ", " + String.join(", ", extra);
        List<ValuesView.SecretFile> files = ClusterMonitoring.alertmanagerSecretFiles(plan).entrySet().stream()
                .map(e -> new ValuesView.SecretFile(YAML.q(e.getKey()), YAML.q(e.getValue()))).toList();
        return new ValuesView.Monitoring(ClusterMonitoring.runs(plan), YAML.q(Pins.PROMETHEUS_IMAGE), YAML.q("v" + Pins.PROMETHEUS_VERSION),
                YAML.q(spec.monitoring().metricsRetention()), YAML.q(ClusterMonitoring.SCRAPE_INTERVAL), YAML.comment(summary),
                YAML.q(Pins.ALERTMANAGER_IMAGE), files, !ClusterMonitoring.dashboards(plan).isEmpty(),
                YAML.q(ClusterMonitoring.datasourceUid(plan)));
    }

    /** The keys of the app's Secret Alertmanager reads (the channels' and the mail relay's), on a cluster where it runs. */
    static List<String> alertmanagerKeys(DeploymentPlan plan) {
        return List.copyOf(ClusterMonitoring.alertmanagerSecretFiles(plan).keySet());
    }

    /** The ingress's hostname: kubernetes.ingress.domain, else platform.domain (the model requires one). */
    static String host(DeploymentSpec spec) {
        return spec.kubernetes().domain().or(() -> spec.platform().domain())
                .orElseThrow(() -> new IllegalStateException("the kubernetes pattern has no ingress hostname: the model should have refused it"));
    }

    static boolean tls(DeploymentSpec spec) {
        return spec.kubernetes().ingressSsl().equals("cert-manager");
    }


    /** The keys of the app's Secret: the framework's and the spec's secrets, and the metrics token when there is one. */
    static List<String> secretKeys(DeploymentPlan plan) {
        Set<String> keys = new LinkedHashSet<>();
        plan.app().secrets().stream().map(SecretVar::name).forEach(keys::add);
        plan.app().metrics().bearerToken().ifPresent(keys::add);
        keys.removeAll(plan.spec().variables("production").keySet());
        return List.copyOf(keys);
    }

    /** The app's variables on the cluster, sorted by what fills them. */
    private static Variables variables(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        String host = host(spec);
        Map<String, String> specVariables = spec.variables("production");
        Variables result = new Variables();
        result.passwords.add(PGPASSWORD);
        for (EnvVar var : plan.app().environment(new Wiring(true, "https://" + host, host, false))) {
            if (specVariables.containsKey(var.name())) {
                continue;
            }
            EnvVar.Value value = var.value();
            Safe name = YAML.q(var.name());
            if (value instanceof EnvVar.Literal literal) {
                result.env.add(new ValuesView.Variable(name, KUBE.expanded(literal.text())));
            } else if (value instanceof EnvVar.Endpoint endpoint && endpoint.service() == EnvVar.Service.DATABASE) {
                result.urls.add(new ValuesView.DatabaseUrl(name, YAML.q(spec.database().name()), YAML.q(withTls(endpoint.suffix()))));
            } else if (value instanceof EnvVar.Endpoint endpoint) {
                result.brokers.add(new ValuesView.BrokerUrl(name, YAML.q(endpoint.suffix())));
            } else if (value instanceof EnvVar.OtherDatabase other) {
                result.urls.add(new ValuesView.DatabaseUrl(name, YAML.q(other.database()), YAML.q(withTls(""))));
                if (!other.database().equals(spec.database().name()) && !result.extraDatabases.contains(other.database())) {
                    result.extraDatabases.add(other.database());
                }
            } else if (value instanceof EnvVar.DatabaseHost) {
                result.hosts.add(var.name());
            } else if (value instanceof EnvVar.DatabaseUser) {
                result.users.add(var.name());
            } else if (value instanceof EnvVar.DatabasePassword && !result.passwords.contains(var.name())) {
                result.passwords.add(var.name());
            }
        }
        specVariables.forEach((name, value) -> result.env.add(new ValuesView.Variable(YAML.q(name), KUBE.expanded(value))));
        result.passwords.removeAll(specVariables.keySet());
        return result;
    }

    /** A URL's query with sslmode=require first, then what the framework adds. */
    private static String withTls(String suffix) {
        if (suffix.isEmpty()) {
            return "?" + TLS;
        }
        if (!suffix.startsWith("?")) {
            throw new IllegalStateException("a database URL suffix that is not a query string: " + suffix);
        }
        return "?" + TLS + "&" + suffix.substring(1);
    }

    /** The app's scratch directories, then its uploads directory, each as a sized emptyDir. */
    private static List<ValuesView.WritablePath> writablePaths(AppPlan app) {
        List<String> taken = new ArrayList<>();
        List<ValuesView.WritablePath> paths = new ArrayList<>();
        for (String path : app.writableWithUploads()) {
            String name = HelmGenerator.volumeName(path, taken);
            taken.add(name);
            boolean uploads = app.storageDirectory().filter(path::equals).isPresent();
            paths.add(new ValuesView.WritablePath(YAML.q(name), YAML.q(path), YAML.q((uploads ? UPLOADS_MIB : SCRATCH_MIB) + "Mi")));
        }
        return paths;
    }

    /** The ephemeral-storage limit: every writable path full, plus the logs. */
    private static int ephemeralMib(AppPlan app) {
        int total = LOGS_MIB;
        for (String path : app.writableWithUploads()) {
            total += app.storageDirectory().filter(path::equals).isPresent() ? UPLOADS_MIB : SCRATCH_MIB;
        }
        return total;
    }

    private static List<Safe> words(List<String> command) {
        return command.stream().map(KUBE::expanded).toList();
    }

    private static List<Safe> names(List<String> names) {
        return names.stream().map(YAML::q).toList();
    }

    private static final class Variables {
        final List<ValuesView.Variable> env = new ArrayList<>();
        final List<ValuesView.DatabaseUrl> urls = new ArrayList<>();
        final List<ValuesView.BrokerUrl> brokers = new ArrayList<>();
        final List<String> hosts = new ArrayList<>();
        final List<String> users = new ArrayList<>();
        final List<String> passwords = new ArrayList<>();
        final List<String> extraDatabases = new ArrayList<>();
    }
}
