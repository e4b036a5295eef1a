package dev.specql.deploy.model.config;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.catalog.Pins;
import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.text.Secrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rules that span several keys, checked on the effective configuration after defaults apply. */
public final class SpecRules {

    /** Variables the generated stack sets itself; a user value would fight it. */
    public static final Set<String> RESERVED_VARIABLES = Set.of(
            "DATABASE_URL", "FRAISEQL_DATABASE_URL", "CONFITURE_DATABASE_URL", "FRAISEQL_PRODUCTION",
            "FRAISEQL_DATABASE_POOL_SIZE", "POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB", "PGPASSWORD", "REDIS_URL",
            "CELERY_BROKER_URL", "SECRET_KEY_BASE", "DJANGO_SECRET_KEY", "RAILS_MASTER_KEY", "PORT", "APP_DOMAIN");

    private final EffectiveConfig config;
    private final List<Problem> problems = new ArrayList<>();

    private SpecRules(EffectiveConfig config) {
        this.config = config;
    }

    public static List<Problem> check(EffectiveConfig config) {
        SpecRules rules = new SpecRules(config);
        rules.run();
        return rules.problems;
    }

    private void run() {
        Framework framework = Keyword.parse(Framework.class, config.text("deployment.framework"));
        Pattern pattern = Keyword.parse(Pattern.class, config.text("deployment.pattern"));
        domainRules(pattern);
        sizingRules(pattern);
        frameworkRules(framework);
        environmentRules();
        cicdRules();
        monitoringRules();
        advancedRules(pattern);
    }

    private void domainRules(Pattern pattern) {
        boolean hasDomain = config.has("platform.domain");
        if (!hasDomain && pattern != Pattern.KUBERNETES) {
            error("platform.domain", "the " + pattern.id() + " pattern serves HTTPS and needs a domain",
                    "add platform.domain, e.g. app.example.com, pointing at the server or load balancer");
        }
        if (pattern == Pattern.KUBERNETES && !config.has("kubernetes.ingress.domain")) {
            error("kubernetes.ingress.domain", "the kubernetes pattern needs a hostname for its ingress",
                    "set platform.domain or kubernetes.ingress.domain");
        }
        config.optionalText("platform.hosted_zone").ifPresent(zone -> config.optionalText("platform.domain").ifPresent(domain -> {
            if (!domain.equals(zone) && !domain.endsWith("." + zone)) {
                error("platform.hosted_zone", "the zone " + zone + " cannot hold " + domain,
                        "use a zone that " + domain + " ends with");
            }
        }));
        Object zones = config.value("platform.availability_zones");
        String region = config.text("platform.region");
        if (zones instanceof List<?> names) {
            for (int i = 0; i < names.size(); i++) {
                String zone = (String) names.get(i);
                if (!zone.startsWith(region) || zone.length() != region.length() + 1) {
                    error("platform.availability_zones[" + i + "]", Printable.quote(zone) + " is not a zone of " + region,
                            "zones of " + region + " are named " + region + "a, " + region + "b, ...");
                }
            }
        }
        int zoneCount = zones instanceof List<?> names ? names.size() : Math.toIntExact((Long) zones);
        boolean behindLoadBalancer = pattern.runsOnEcs();
        if (behindLoadBalancer && zoneCount < 2) {
            error("platform.availability_zones", "an application load balancer needs subnets in at least 2 availability zones",
                    "use 2 or more");
        }
        if (config.bool("database.multi_az") && zoneCount < 2) {
            error("database.multi_az", "Multi-AZ needs at least 2 availability zones", "set platform.availability_zones to 2 or more");
        }
    }

    private void sizingRules(Pattern pattern) {
        if (config.integer("database.max_storage") < config.integer("database.storage")) {
            error(written("database.max_storage", "database.storage"), "max_storage (" + config.integer("database.max_storage")
                    + " GiB) is below storage (" + config.integer("database.storage") + " GiB)", "raise max_storage or lower storage");
        }
        if (pattern == Pattern.HOBBY_PROJECT && config.bool("database.multi_az")) {
            error("database.multi_az", "hobby-project runs PostgreSQL on its one server; Multi-AZ needs RDS",
                    "use the small-saas or production-saas pattern");
        }
        autoscaleRules("application.autoscale", "application.instances");
        autoscaleRules("kubernetes.autoscaling", "kubernetes.replicas");
        if (pattern.runsOnEcs()) {
            int cpu = config.integer("application.cpu");
            int memory = config.integer("application.memory");
            if (!FargateSizes.valid(cpu, memory)) {
                error(written("application.memory", "application.cpu"),
                        "Fargate does not offer " + cpu + " CPU units with " + memory + " MiB",
                        "with " + cpu + " CPU units use " + FargateSizes.describe(cpu));
            }
        }
    }

    private void autoscaleRules(String prefix, String countPath) {
        int min = config.integer(prefix + ".min");
        int max = config.integer(prefix + ".max");
        if (min > max) {
            error(written(prefix + ".min", prefix + ".max"), "min (" + min + ") is above max (" + max + ")", "make min at most max");
            return;
        }
        int count = config.integer(countPath);
        if (config.bool(prefix + ".enabled") && (count < min || count > max)) {
            error(written(countPath, prefix + (count < min ? ".min" : ".max"), prefix + ".enabled"), countPath + " (" + count
                    + ") is outside the autoscaling range " + min + " to " + max, "keep " + countPath + " between min and max");
        }
    }

    private void frameworkRules(Framework framework) {
        boolean python = framework != Framework.RAILS;
        String runtime = config.text("application.runtime_version");
        Set<String> supported = switch (framework) {
            // FraiseQL 1.x wheels require Python >=3.13,<3.14.
            case FRAISEQL -> Set.of("3.13");
            case DJANGO -> Pins.pythonVersions();
            case RAILS -> Pins.rubyVersions();
        };
        if (!supported.contains(runtime)) {
            error("application.runtime_version", framework.id() + " does not run on " + (python ? "Python " : "Ruby ") + runtime,
                    "use one of " + String.join(", ", new java.util.TreeSet<>(supported)));
        }
        String packageManager = config.text("application.package_manager");
        if (python == packageManager.equals("bundler")) {
            error("application.package_manager", packageManager + " does not install " + (python ? "Python" : "Ruby") + " packages",
                    python ? "use uv or pip" : "use bundler");
        }
        String tool = config.text("database.migration_tool");
        if ((tool.equals("django") && framework != Framework.DJANGO) || (tool.equals("rails") && framework != Framework.RAILS)) {
            error("database.migration_tool", tool + " migrations need the " + tool + " framework", "use confiture or none");
        }
        config.optionalText("application.module").ifPresent(module -> {
            if (framework == Framework.RAILS && config.isUserSet("application.module")) {
                error("application.module", "rails apps have no module to name", "remove application.module");
            } else if (framework == Framework.FRAISEQL && !module.contains(":")) {
                error("application.module", "FraiseQL needs the ASGI app as module:attribute", "e.g. " + module + ":app");
            } else if (framework == Framework.DJANGO && module.contains(":")) {
                error("application.module", "Django needs the project package, not an attribute",
                        "e.g. " + module.substring(0, module.indexOf(':')).replaceAll("\\.wsgi$|\\.asgi$", ""));
            }
        });
        if (framework == Framework.FRAISEQL && config.bool("application.worker.enabled")) {
            error("application.worker.enabled", "FraiseQL has no background worker integration to generate",
                    "run workers as a separate service, or set enabled: false");
        }
        if (framework != Framework.DJANGO && config.bool("application.worker.scheduler")) {
            error("application.worker.scheduler", "a scheduler (celery beat) is generated for django only", "remove it");
        }
        if (!python && config.bool("application.rust_extension")) {
            error("application.rust_extension", "a Rust extension build is for Python apps (maturin)", "remove it");
        }
        List<Object> secrets = config.list("application.secrets");
        for (int i = 0; i < secrets.size(); i++) {
            String name = (String) secrets.get(i);
            if (RESERVED_VARIABLES.contains(name)) {
                error("application.secrets[" + i + "]", name + " is managed by the generated stack", "remove it from the list");
            }
        }
    }

    private void environmentRules() {
        Set<String> known = new LinkedHashSet<>(List.of("dev"));
        config.list("cicd.environments").forEach(e -> known.add((String) ((Map<?, ?>) e).get("name")));
        Set<Object> secrets = new HashSet<>(config.list("application.secrets"));
        for (String environment : config.writtenKeys("environment")) {
            String envPath = "environment." + environment;
            if (!known.contains(environment)) {
                unknownEnvironment(config.locateKey(envPath), envPath, environment, known);
            }
            config.textMap(envPath).forEach((name, value) -> {
                String path = envPath + "." + name;
                if (RESERVED_VARIABLES.contains(name)) {
                    error(path, name + " is set by the generated stack", "remove it; the generator wires it");
                } else if (secrets.contains(name)) {
                    error(path, name + " is declared a secret in application.secrets", "remove its value from this file");
                } else {
                    secretInPlainSight(path, name, value);
                }
            });
        }
    }

    /** The message says why the variable looks secret but never prints its value. */
    private void secretInPlainSight(String path, String name, String value) {
        Optional<String> shape = Secrets.shapeOf(value);
        if (Secrets.isSecretName(name) || shape.isPresent()) {
            error(path, name + " looks like a secret, and values in this file are written into generated files"
                            + shape.map(s -> " (its value looks like " + s + ")").orElse(""),
                    "list " + name + " under application.secrets and put its value in .env or the secret store");
        }
    }

    private void cicdRules() {
        List<Object> environments = config.list("cicd.environments");
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < environments.size(); i++) {
            String name = (String) ((Map<?, ?>) environments.get(i)).get("name");
            if (!names.add(name)) {
                error("cicd.environments[" + i + "].name", "environment " + Printable.quote(name) + " is declared twice", "keep one");
            }
            if (name.equals("dev")) {
                error("cicd.environments[" + i + "].name", "'dev' is the local Docker Compose environment", "choose another name");
            }
        }
        List<Object> triggers = config.list("cicd.triggers");
        for (int i = 0; i < triggers.size(); i++) {
            Map<?, ?> trigger = (Map<?, ?>) triggers.get(i);
            String path = "cicd.triggers[" + i + "]";
            String action = (String) trigger.get("action");
            Object environment = trigger.get("environment");
            if (action.equals("test")) {
                if (environment != null) {
                    error(path + ".environment", "a test trigger deploys nowhere", "remove environment");
                }
            } else if (environment == null) {
                error(path + ".environment", "a " + action + " trigger needs the environment it deploys to",
                        "add environment: " + names.stream().findFirst().orElse("staging"));
            } else if (!names.contains(environment)) {
                unknownEnvironment(config.locate(path + ".environment"), path + ".environment", (String) environment, names);
            }
            if (!action.equals("test") && "pull_request".equals(trigger.get("event"))) {
                error(path + ".event", "deploying from pull requests lets unreviewed code (even from forks) reach an environment",
                        "deploy on push to a protected branch, or on a tag");
            }
        }
    }

    private void unknownEnvironment(Location location, String path, String name, Set<String> known) {
        error(location, path, "unknown environment " + Printable.quote(name) + "; expected one of " + String.join(", ", known),
                dev.specql.deploy.model.text.Suggestions.closest(name, known).map(s -> "did you mean '" + s + "'?").orElse(null));
    }

    private void monitoringRules() {
        List<Object> channels = config.list("monitoring.alerts.channels");
        for (int i = 0; i < channels.size(); i++) {
            Map<?, ?> channel = (Map<?, ?>) channels.get(i);
            String path = "monitoring.alerts.channels[" + i + "]";
            String type = (String) channel.get("type");
            String needed = switch (type) {
                case "email" -> "to";
                case "pagerduty" -> "routing_key";
                default -> "webhook_url";
            };
            if (!channel.containsKey(needed)) {
                error(path, "a " + type + " channel needs " + needed, "add " + needed);
            }
            for (String key : List.of("to", "routing_key", "webhook_url")) {
                if (!key.equals(needed) && channel.containsKey(key)) {
                    error(path + "." + key, key + " does not apply to a " + type + " channel", "remove it");
                }
            }
        }
        Set<String> ruleNames = new HashSet<>();
        List<Object> rules = config.list("monitoring.alerts.rules");
        for (int i = 0; i < rules.size(); i++) {
            String name = (String) ((Map<?, ?>) rules.get(i)).get("name");
            if (!ruleNames.add(name)) {
                error("monitoring.alerts.rules[" + i + "].name", "alert " + Printable.quote(name) + " is defined twice", "rename one");
            }
        }
    }

    private void advancedRules(Pattern pattern) {
        boolean onEcs = pattern.runsOnEcs();
        if (config.bool("multiregion.enabled")) {
            if (!onEcs) {
                error("multiregion.enabled", "a second region is generated for the small-saas and production-saas patterns",
                        "use one of them, or set enabled: false");
            }
            if (!config.has("multiregion.dr_region")) {
                error("multiregion.dr_region", "a second region needs dr_region", "add dr_region, e.g. us-west-2");
            } else if (config.text("multiregion.dr_region").equals(config.text("multiregion.primary_region"))) {
                error("multiregion.dr_region", "dr_region is the same as the primary region", "choose another region");
            }
        }
        if (config.bool("bluegreen.enabled") && pattern == Pattern.HOBBY_PROJECT) {
            error("bluegreen.enabled", "blue/green needs a load balancer; hobby-project has one server",
                    "use small-saas, production-saas or kubernetes");
        }
    }

    /** Of the keys a rule involves, the first the user wrote: a problem points at what the user can see and change. */
    private String written(String... paths) {
        return Arrays.stream(paths).filter(config::isUserSet).findFirst().orElse(paths[0]);
    }

    private void error(String path, String message, String suggestion) {
        error(config.locate(path), path, message, suggestion);
    }

    private void error(Location location, String path, String message, String suggestion) {
        problems.add(Problem.of(location, path, message, suggestion));
    }
}
