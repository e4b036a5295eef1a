package dev.specql.deploy.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;

/**
 * The validated deployment spec with every default applied. Immutable; generators read only this.
 *
 * @param specFile    the spec's file name as the user gave it, for generated-file headers
 * @param environment extra variables per environment name (dev, staging, production, ...)
 * @param project     what the user's repository says besides spec keys; none when the spec was read alone
 */
public record DeploymentSpec(
        String specFile,
        Deployment deployment,
        Platform platform,
        Database database,
        Application application,
        Map<String, Map<String, String>> environment,
        Monitoring monitoring,
        Cicd cicd,
        Kubernetes kubernetes,
        MultiRegion multiregion,
        BlueGreen bluegreen,
        Optional<Specql> specql,
        ProjectFacts project) {

    public DeploymentSpec {
        // Ordered copies: generators iterate these, and output must not depend on hash order.
        var copy = new java.util.LinkedHashMap<String, Map<String, String>>();
        environment.forEach((name, vars) -> copy.put(name, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars))));
        environment = java.util.Collections.unmodifiableMap(copy);
    }

    /** The same spec with what a survey of the user's repository found. */
    public DeploymentSpec withProject(ProjectFacts facts) {
        return new DeploymentSpec(specFile, deployment, platform, database, application, environment, monitoring, cicd, kubernetes,
                multiregion, bluegreen, specql, facts);
    }

    /** The extra variables of one environment, in the order written; empty when none. */
    public Map<String, String> variables(String environmentName) {
        return environment.getOrDefault(environmentName, Map.of());
    }

    public String name() {
        return deployment.name();
    }

    public Framework framework() {
        return deployment.framework();
    }

    public Pattern pattern() {
        return deployment.pattern();
    }

    /** @param frameworkMajor the framework's major version, for frameworks whose majors deploy differently */
    public record Deployment(String name, Framework framework, Optional<Integer> frameworkMajor, Pattern pattern,
                             Optional<String> description) {
    }

    /** @param availabilityZones a count, or explicit names when the user listed them */
    public record Platform(String provider, String region, AvailabilityZones availabilityZones, Optional<String> domain,
                           Optional<String> acmeEmail, Optional<String> hostedZone, Optional<String> instanceType) {
    }

    public record AvailabilityZones(int count, List<String> names) {
        public AvailabilityZones {
            names = List.copyOf(names);
        }
    }

    /** @param urlScheme postgresql, postgres or postgis: the scheme of every database URL the app reads */
    public record Database(String engine, String version, String name, String user, String urlScheme, Optional<String> size, int storageGib,
                           int maxStorageGib, boolean multiAz, int poolSize, MigrationTool migrationTool, Backup backup) {

        /** The scheme that selects PostGIS, and with it a database that has the extension. */
        public static final String POSTGIS = "postgis";

        /** Whether the app reads postgis:// URLs, so its database needs PostGIS. */
        public boolean postgis() {
            return urlScheme.equals(POSTGIS);
        }

        /**
         * The administrator of a managed server (the RDS master user), who runs the migrations and grants the app's
         * {@link #user} its rows: never the app's own login. A letter first and at most 63 characters, as RDS requires.
         */
        public String adminUser() {
            String base = Character.isLetter(user.charAt(0)) ? user : "db" + user;
            return base.substring(0, Math.min(base.length(), 57)) + "_admin";
        }
    }

    public record Backup(String frequency, int retentionDays, String window) {
    }

    /**
     * @param module           the ASGI app (fraiseql) or the project package (django); empty for rails
     * @param settingsModule   django's production settings module; empty for the others
     * @param requirementsFile the pip requirements file, relative to the project; empty for uv and bundler
     * @param releaseCommand   the app's own release command, run by sh in place of the migration tool's
     * @param storagePath      the spec's uploads directory, "none" for none; empty when the framework decides
     * @param writablePaths    scratch directories the app writes besides the framework's
     */
    public record Application(int port, String healthPath, String metricsPath, Optional<String> module, AppServer server,
                              Optional<String> command, Optional<String> releaseCommand, Optional<String> storagePath,
                              List<String> writablePaths, Optional<String> settingsModule, Optional<String> requirementsFile, int workers,
                              int instances, int cpuUnits, int memoryMib, Autoscale autoscale, String runtimeVersion,
                              PackageManager packageManager, boolean rustExtension, List<String> systemPackages, List<String> secrets,
                              Worker worker) {
        public Application {
            writablePaths = List.copyOf(writablePaths);
            systemPackages = List.copyOf(systemPackages);
            secrets = List.copyOf(secrets);
        }
    }

    public record Autoscale(boolean enabled, int min, int max, int targetCpu) {
    }

    /** @param system the job system; empty for frameworks without one */
    /** @param command the app's own worker command, run by sh in place of the job system's */
    public record Worker(boolean enabled, Optional<JobSystem> system, Optional<String> command, int concurrency, boolean scheduler) {
    }

    public record Monitoring(MonitoringLevel level, List<Alarm> alarms, boolean prometheus, String metricsRetention,
                             boolean loki, String logsRetention, List<String> dashboards, List<Channel> channels,
                             Optional<Smtp> smtp, List<AlertRule> rules) {
        public Monitoring {
            alarms = List.copyOf(alarms);
            dashboards = List.copyOf(dashboards);
            channels = List.copyOf(channels);
            rules = List.copyOf(rules);
        }
    }

    public record Alarm(String type, java.math.BigDecimal threshold, Optional<String> email) {
    }

    /** @param secretVariable the environment variable holding a webhook URL or routing key */
    public record Channel(String type, Optional<String> to, Optional<String> secretVariable) {
    }

    /** @param passwordVariable the environment variable holding the relay's password */
    public record Smtp(String smarthost, String from, Optional<String> username, Optional<String> passwordVariable) {
    }

    public record AlertRule(String name, String condition, String duration, String severity, Optional<String> summary) {
    }

    public record Cicd(CiProvider provider, String defaultBranch, Registry registry, List<Trigger> triggers,
                       List<Environment> environments, boolean autoMigrate, boolean rollbackOnFailure) {
        public Cicd {
            triggers = List.copyOf(triggers);
            environments = List.copyOf(environments);
        }
    }

    public record Trigger(String event, Optional<String> branch, String action, Optional<String> environment) {
    }

    public record Environment(String name, boolean autoDeploy, boolean approvalRequired) {
    }

    public record Kubernetes(Optional<String> cluster, String namespace, int replicas, Autoscale autoscaling,
                             String databaseOperator, String databaseSize, int databaseReplicas, String ingressClass,
                             String ingressSsl, String clusterIssuer, Optional<String> domain, boolean prometheusOperator,
                             boolean grafana) {
    }

    public record MultiRegion(boolean enabled, String strategy, String primaryRegion, Optional<String> drRegion,
                              boolean replicateDatabase, boolean replicateStorage) {
    }

    /**
     * @param interval a Prometheus duration of whole minutes (the rules refuse others): the time between steps of a
     *                 gradual shift, and the bake time after the last, while the old version still runs
     */
    public record BlueGreen(boolean enabled, String strategy, int initialPercent, int incrementPercent, String interval,
                            boolean rollbackOnError) {

        private static final java.util.regex.Pattern WHOLE_MINUTES = java.util.regex.Pattern.compile("([0-9]+)(m|h|d)");

        /** How ECS shifts the traffic: all at once, in equal steps, or one step then the rest. */
        public enum Shift { ALL_AT_ONCE, LINEAR, CANARY }

        /** The shapes ECS has: instant, or gradual in equal steps (initial = increment), or two (initial + increment >= 100). */
        public Optional<Shift> shift() {
            if (strategy.equals("instant")) {
                return Optional.of(Shift.ALL_AT_ONCE);
            }
            if (initialPercent == incrementPercent) {
                return Optional.of(Shift.LINEAR);
            }
            return initialPercent + incrementPercent >= 100 ? Optional.of(Shift.CANARY) : Optional.empty();
        }

        /** The interval in minutes, when it is a whole number of them. */
        public OptionalInt intervalMinutes() {
            Matcher whole = WHOLE_MINUTES.matcher(interval);
            long seconds = 0;
            int end = 0;
            while (whole.find() && whole.start() == end) {
                seconds += Long.parseLong(whole.group(1)) * switch (whole.group(2)) {
                    case "m" -> 60;
                    case "h" -> 3600;
                    default -> 86400;
                };
                end = whole.end();
            }
            return end == interval.length() && seconds / 60 <= Integer.MAX_VALUE ? OptionalInt.of((int) (seconds / 60)) : OptionalInt.empty();
        }

        /** Minutes from the first shift to the old version stopping: the steps' waits, then the bake time. */
        public int shiftMinutes() {
            int interval = intervalMinutes().orElse(0);
            int waits = switch (shift().orElse(Shift.ALL_AT_ONCE)) {
                case ALL_AT_ONCE -> 0;
                case CANARY -> 1;
                case LINEAR -> linearSteps() - 1;
            };
            return waits * interval + interval;
        }

        /** The steps of a linear shift: the last may be smaller (30% steps: 30, 60, 90, 100). */
        public int linearSteps() {
            return (100 + incrementPercent - 1) / incrementPercent;
        }
    }

    public record Specql(List<String> entities, String registry, String schemaDir, String migrationsDir) {
        public Specql {
            entities = List.copyOf(entities);
        }
    }
}
