package dev.specql.deploy.model.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Invalid specs, each with the one key at fault (a dotted path, as both checkers are made to report it)
 * and what is wrong. Each spec is otherwise valid, so every error must lie at or under that key.
 */
final class InvalidSpecs {

    private static final String DEPLOYMENT = """
            deployment:
              name: acme
              framework: fraiseql
            """;

    private static final String BASE = DEPLOYMENT + """
            platform:
              domain: acme.example.com
            """;

    /** A FraiseQL app on small-saas (ECS), for the rules of the ECS patterns. */
    private static final String SMALL_SAAS = """
            deployment:
              name: acme
              framework: fraiseql
              pattern: small-saas
            platform:
              domain: acme.example.com
            """;

    private InvalidSpecs() {
    }

    private static Arguments c(String location, String what, String yaml) {
        return Arguments.of(location, what, yaml);
    }

    private static String with(String yaml) {
        return BASE + yaml;
    }

    /** A spec with one string key set, for the format cases. */
    private static String set(String section, String key, String value) {
        return with(section + ":\n  " + key + ": " + value + "\n");
    }

    static Stream<Arguments> structural() {
        List<Arguments> cases = new ArrayList<>();

        // Unknown keys, at every depth and inside list items.
        cases.add(c("deploy", "unknown top-level key", with("deploy:\n  name: x\n")));
        cases.add(c("deployment.patern", "unknown key in a section", """
                deployment:
                  name: acme
                  framework: fraiseql
                  patern: small-saas
                platform:
                  domain: acme.example.com
                """));
        cases.add(c("database.backup.retension", "unknown key two levels down", with("database:\n  backup:\n    retension: 7\n")));
        cases.add(c("kubernetes.ingress.tls", "unknown key in kubernetes.ingress", with("kubernetes:\n  ingress:\n    tls: true\n")));
        cases.add(c("monitoring.alerts.rules[0].severty", "unknown key in a list item", with("""
                monitoring:
                  alerts:
                    rules:
                      - name: Down
                        condition: up == 0
                        severty: critical
                """)));
        cases.add(c("cicd.environments[1].approval", "unknown key in a later list item", with("""
                cicd:
                  environments:
                    - name: staging
                    - name: production
                      approval: true
                """)));

        // Wrong types.
        cases.add(c("deployment.name", "a number for a name", """
                deployment:
                  name: 123
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                """));
        cases.add(c("platform", "a string for a section", DEPLOYMENT + "platform: aws\n"));
        cases.add(c("application.port", "a quoted number for an integer", with("application:\n  port: \"8000\"\n")));
        cases.add(c("application.port", "a boolean for an integer", with("application:\n  port: true\n")));
        cases.add(c("database.multi_az", "a quoted boolean", with("database:\n  multi_az: \"true\"\n")));
        cases.add(c("monitoring.alarms", "a mapping for a list", with("monitoring:\n  alarms:\n    type: cpu\n    threshold: 80\n")));
        cases.add(c("application.secrets", "a string for a list", with("application:\n  secrets: API_TOKEN\n")));
        cases.add(c("environment.dev", "a list for a mapping", with("environment:\n  dev: [LOG_LEVEL]\n")));
        cases.add(c("environment.dev.LOG_LEVEL", "a mapping for a value", with("environment:\n  dev:\n    LOG_LEVEL:\n      level: info\n")));
        cases.add(c("environment.dev.LOG_LEVEL", "no value", with("environment:\n  dev:\n    LOG_LEVEL:\n")));
        cases.add(c("monitoring.alarms[0]", "an empty list item", with("monitoring:\n  alarms:\n    -\n")));
        cases.add(c("platform.availability_zones", "a string for a count or list", with("platform:\n  domain: acme.example.com\n  availability_zones: two\n")
                .replace("platform:\n  domain: acme.example.com\nplatform:\n", "platform:\n")));
        cases.add(c("application.memory", "a boolean for a quantity", with("application:\n  memory: true\n")));
        cases.add(c("monitoring.alarms[0].threshold", "a string for a number", with("""
                monitoring:
                  alarms:
                    - type: cpu
                      threshold: high
                """)));
        cases.add(c("deployment.description", "an empty value for a string", """
                deployment:
                  name: acme
                  framework: fraiseql
                  description:
                platform:
                  domain: acme.example.com
                """));
        cases.add(c("", "a list for the whole spec", "- deployment\n"));

        // Words that are not in the list.
        cases.add(c("deployment.framework", "framework typo", """
                deployment:
                  name: acme
                  framework: fraisql
                platform:
                  domain: acme.example.com
                """));
        cases.add(c("deployment.pattern", "pattern with '_'", """
                deployment:
                  name: acme
                  framework: fraiseql
                  pattern: small_saas
                platform:
                  domain: acme.example.com
                """));
        cases.add(c("platform.region", "no such region", """
                deployment:
                  name: acme
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                  region: us-east-7
                """));
        cases.add(c("database.version", "unsupported PostgreSQL version, unquoted", with("database:\n  version: 13\n")));
        cases.add(c("database.version", "unsupported PostgreSQL version, quoted", with("database:\n  version: \"19\"\n")));
        cases.add(c("application.runtime_version", "unknown runtime version", with("application:\n  runtime_version: 2.7\n")));
        cases.add(c("monitoring.level", "monitoring level typo", with("monitoring:\n  level: advanced\n")));
        cases.add(c("cicd.provider", "CI provider typo", with("cicd:\n  provider: github\n")));
        cases.add(c("kubernetes.ingress.ssl", "unknown TLS mode", with("kubernetes:\n  ingress:\n    ssl: letsencrypt\n")));
        cases.add(c("monitoring.dashboards[0]", "unknown dashboard", with("monitoring:\n  dashboards: [grafana]\n")));
        cases.add(c("cicd.triggers[0].event", "unknown trigger event", with("cicd:\n  triggers:\n    - event: commit\n      action: test\n")));
        cases.add(c("database.engine", "another engine", with("database:\n  engine: mysql\n")));

        // Numbers out of range.
        cases.add(c("application.port", "a privileged port", with("application:\n  port: 80\n")));
        cases.add(c("database.backup.retention", "retention above 35 days", with("database:\n  backup:\n    retention: 90\n")));
        cases.add(c("application.autoscale.target_cpu", "target below 10%", with("application:\n  autoscale:\n    target_cpu: 5\n")));
        cases.add(c("kubernetes.database.replicas", "too many database replicas", with("kubernetes:\n  database:\n    replicas: 10\n")));
        cases.add(c("platform.availability_zones", "too many zones", """
                deployment:
                  name: acme
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                  availability_zones: 7
                """));
        cases.add(c("monitoring.alarms[0].threshold", "a negative threshold", with("""
                monitoring:
                  alarms:
                    - type: cpu
                      threshold: -1
                """)));
        cases.add(c("application.memory", "memory below 128 MiB", with("application:\n  memory: 64\n")));
        cases.add(c("application.memory", "memory not a multiple of 128 MiB", with("application:\n  memory: 1000\n")));
        cases.add(c("application.cpu", "not a Fargate CPU size", with("application:\n  cpu: 300\n")));
        cases.add(c("application.cpu", "a fraction of a CPU unit", with("application:\n  cpu: 512.5\n")));
        cases.add(c("database.storage", "storage below 20 GiB", with("database:\n  storage: 10\n")));
        cases.add(c("application.memory", "an unknown unit", with("application:\n  memory: 1 PB\n")));
        cases.add(c("application.port", "a leading zero (octal in YAML 1.1)", with("application:\n  port: 01024\n")));

        // List and mapping sizes.
        cases.add(c("cicd.environments", "no environments", with("cicd:\n  environments: []\n")));
        cases.add(c("application.secrets", "a repeated secret", with("application:\n  secrets: [API_TOKEN, API_TOKEN]\n")));
        cases.add(c("platform.availability_zones", "seven zone names", """
                deployment:
                  name: acme
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                  availability_zones: [us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f, us-east-1g]
                """));
        cases.add(c("environment", "nine environments", with("""
                environment:
                  dev: {}
                  e1: {}
                  e2: {}
                  e3: {}
                  e4: {}
                  e5: {}
                  e6: {}
                  e7: {}
                  e8: {}
                """)));

        // Missing required keys.
        cases.add(c("deployment", "no deployment section", "platform:\n  domain: acme.example.com\n"));
        cases.add(c("deployment.framework", "no framework", "deployment:\n  name: acme\nplatform:\n  domain: acme.example.com\n"));
        cases.add(c("monitoring.alarms[0].threshold", "an alarm without threshold", with("monitoring:\n  alarms:\n    - type: cpu\n")));
        cases.add(c("monitoring.alerts.channels[0].type", "a channel without type", with("""
                monitoring:
                  alerts:
                    channels:
                      - to: ops@example.com
                """)));
        cases.add(c("monitoring.alerts.rules[0].condition", "a rule without condition", with("""
                monitoring:
                  alerts:
                    rules:
                      - name: Down
                """)));
        cases.add(c("cicd.triggers[0].action", "a trigger without action", with("cicd:\n  triggers:\n    - event: push\n")));
        cases.add(c("cicd.environments[0].name", "an environment without name", with("cicd:\n  environments:\n    - auto_deploy: true\n")));

        // One malformed value per format.
        cases.add(c("deployment.name", "NAME: uppercase and '_'", """
                deployment:
                  name: Acme_CRM
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                """));
        cases.add(c("deployment.name", "NAME: longer than 24", """
                deployment:
                  name: a-name-that-is-far-too-long
                  framework: fraiseql
                platform:
                  domain: acme.example.com
                """));
        cases.add(c("cicd.environments[0].name", "ENVIRONMENT_NAME: uppercase", with("cicd:\n  environments:\n    - name: Staging\n")));
        cases.add(c("environment.Prod", "ENVIRONMENT_NAME: uppercase key", with("environment:\n  Prod:\n    LOG_LEVEL: info\n")));
        cases.add(c("kubernetes.namespace", "DNS_LABEL: '_'", with("kubernetes:\n  namespace: my_ns\n")));
        cases.add(c("platform.domain", "DOMAIN: no dot", DEPLOYMENT + "platform:\n  domain: localhost\n"));
        cases.add(c("platform.domain", "DOMAIN: a URL", DEPLOYMENT + "platform:\n  domain: https://acme.example.com\n"));
        cases.add(c("platform.domain", "DOMAIN: longer than 253", DEPLOYMENT + "platform:\n  domain: "
                + ("a".repeat(60) + ".").repeat(4) + "example.com\n"));
        cases.add(c("platform.acme_email", "EMAIL: no @", DEPLOYMENT + "platform:\n  domain: acme.example.com\n  acme_email: ops.example.com\n"));
        cases.add(c("application.secrets[0]", "ENV_VAR: lowercase", with("application:\n  secrets: [api-key]\n")));
        cases.add(c("environment.dev.log-level", "ENV_VAR: lowercase key", with("environment:\n  dev:\n    log-level: info\n")));
        cases.add(c("application.health_path", "URL_PATH: relative", set("application", "health_path", "health")));
        cases.add(c("application.metrics_path", "URL_PATH: a space", set("application", "metrics_path", "/my metrics")));
        cases.add(c("specql.registry", "RELATIVE_PATH: absolute", set("specql", "registry", "/etc/registry.yaml")));
        cases.add(c("specql.entities[0]", "RELATIVE_PATH: a space", with("specql:\n  entities: [my entities/*.yaml]\n")));
        cases.add(c("specql.schema_dir", "RELATIVE_PATH: an option-like start", set("specql", "schema_dir", "-rf")));
        cases.add(c("specql.entities[0]", "RELATIVE_PATH: an option-like part", with("specql:\n  entities: [entities/--help]\n")));
        cases.add(c("application.module", "PYTHON_TARGET: a file path", set("application", "module", "src/main.py:app")));
        cases.add(c("database.user", "SQL_IDENTIFIER: '-'", set("database", "user", "app-user")));
        cases.add(c("database.size", "DB_INSTANCE_CLASS: no db. prefix", set("database", "size", "t4g.micro")));
        cases.add(c("platform.instance_type", "EC2_INSTANCE_TYPE: uppercase", DEPLOYMENT
                + "platform:\n  domain: acme.example.com\n  instance_type: T4G.small\n"));
        cases.add(c("monitoring.metrics.retention", "DURATION: words", with("monitoring:\n  metrics:\n    retention: 15 days\n")));
        cases.add(c("bluegreen.traffic_shift.interval", "DURATION: no unit", with("bluegreen:\n  traffic_shift:\n    interval: \"300\"\n")));
        cases.add(c("database.backup.window", "TIME_WINDOW: am/pm", with("database:\n  backup:\n    window: 3am-4am\n")));
        cases.add(c("database.backup.window", "TIME_WINDOW: hour 24", with("database:\n  backup:\n    window: \"24:00-01:00\"\n")));
        cases.add(c("kubernetes.database.size", "K8S_QUANTITY: GB", with("kubernetes:\n  database:\n    size: 10GB\n")));
        cases.add(c("cicd.default_branch", "GIT_REF_PATTERN: a space", set("cicd", "default_branch", "\"my branch\"")));
        cases.add(c("monitoring.alerts.rules[0].name", "ALERT_NAME: snake case", with("""
                monitoring:
                  alerts:
                    rules:
                      - name: checkout_latency
                        condition: up == 0
                """)));
        cases.add(c("monitoring.alerts.channels[0].webhook_url", "ENV_REFERENCE: the secret itself", with("""
                monitoring:
                  alerts:
                    channels:
                      - type: slack
                        webhook_url: https://hooks.slack.com/services/T000/B000/XXXX
                """)));
        // Either a count or a list: the schema's oneOf reports the key as well as the item.
        cases.add(c("platform.availability_zones", "AVAILABILITY_ZONE: a region", DEPLOYMENT
                + "platform:\n  domain: acme.example.com\n  availability_zones: [us-east-1]\n"));
        cases.add(c("monitoring.alerts.rules[0].condition", "PROMQL: two lines", with("""
                monitoring:
                  alerts:
                    rules:
                      - name: Down
                        condition: |-
                          up == 0
                          or absent(up)
                """)));
        cases.add(c("deployment.description", "TEXT: longer than 200", DEPLOYMENT.replace("framework: fraiseql\n",
                "framework: fraiseql\n  description: " + "x".repeat(201) + "\n") + "platform:\n  domain: acme.example.com\n"));
        cases.add(c("environment.dev.BANNER", "ENV_VALUE: two lines", with("environment:\n  dev:\n    BANNER: |-\n      one\n      two\n")));
        cases.add(c("environment.dev.BLOB", "ENV_VALUE: longer than 1024", with("environment:\n  dev:\n    BLOB: " + "x".repeat(1025) + "\n")));
        cases.add(c("application.cpu", "a quantity in words", with("application:\n  cpu: half a vCPU\n")));
        return cases.stream();
    }

    /** Valid to the schema, refused by the rules across keys. */
    static Stream<Arguments> semantic() {
        return Stream.of(
                c("platform.domain", "hobby-project serves HTTPS and needs a domain", DEPLOYMENT),
                c("application.autoscale.min", "autoscaling min above max", with("""
                        application:
                          autoscale:
                            min: 5
                            max: 3
                        """)),
                c("environment.production.DB_PASSWORD", "a secret in plain sight", with("""
                        environment:
                          production:
                            DB_PASSWORD: hunter2
                        """)),
                c("platform.instance_type", "an arm64 server for a framework with x86_64 wheels only", DEPLOYMENT + """
                        platform:
                          domain: acme.example.com
                          instance_type: t4g.small
                        """),
                c("monitoring.dashboards[1]", "another framework's dashboard", with("monitoring:\n  dashboards: [postgres, rails]\n")),
                c("monitoring.dashboards[0]", "the aws dashboard on a pattern without ECS", with("monitoring:\n  dashboards: [aws]\n")),
                c("monitoring.logs.retention", "a log retention under Loki's 24h index period",
                        with("monitoring:\n  level: standard\n  logs:\n    retention: 12h\n")),
                c("multiregion.strategy", "active-active regions over one PostgreSQL writer", SMALL_SAAS + """
                        multiregion:
                          enabled: true
                          strategy: active-active
                          dr_region: us-west-2
                        """),
                c("multiregion.replication.database", "a second region without a database replica", SMALL_SAAS + """
                        multiregion:
                          enabled: true
                          dr_region: us-west-2
                          replication:
                            database: false
                        """),
                c("multiregion.replication.storage", "a second region without image replication", SMALL_SAAS + """
                        multiregion:
                          enabled: true
                          dr_region: us-west-2
                          replication:
                            storage: false
                        """),
                c("multiregion.primary_region", "a primary region other than the platform's", SMALL_SAAS + """
                        multiregion:
                          enabled: true
                          primary_region: eu-west-1
                          dr_region: us-west-2
                        """),
                c("bluegreen.traffic_shift.increment", "a gradual shift ECS has no strategy for", SMALL_SAAS + """
                        bluegreen:
                          enabled: true
                          traffic_shift:
                            initial: 5
                            increment: 20
                        """),
                c("bluegreen.traffic_shift.increment", "linear steps under ECS's 3%", SMALL_SAAS + """
                        bluegreen:
                          enabled: true
                          traffic_shift:
                            initial: 2
                            increment: 2
                        """),
                c("bluegreen.traffic_shift.interval", "a step interval that is not whole minutes", SMALL_SAAS + """
                        bluegreen:
                          enabled: true
                          traffic_shift:
                            interval: 2m30s
                        """),
                c("bluegreen.traffic_shift.interval", "a deployment longer than a deploy job can follow", SMALL_SAAS + """
                        bluegreen:
                          enabled: true
                          traffic_shift:
                            initial: 10
                            increment: 10
                            interval: 1h
                        """),
                c("bluegreen.traffic_shift.interval", "a bake time over ECS's day", SMALL_SAAS + """
                        bluegreen:
                          enabled: true
                          strategy: instant
                          traffic_shift:
                            interval: 25h
                        """),
                c("bluegreen.enabled", "blue/green on the kubernetes pattern", """
                        deployment:
                          name: acme
                          framework: fraiseql
                          pattern: kubernetes
                        platform:
                          domain: acme.example.com
                        bluegreen:
                          enabled: true
                        """),
                c("application.memory", "a CPU and memory pair Fargate does not offer", SMALL_SAAS + """
                        application:
                          cpu: 256
                          memory: 4096
                        """));
    }

    /** Valid to the schema, refused by the validator, which sees the YAML text and not only the data. */
    static Stream<Arguments> textLevel() {
        return Stream.of(
                c("database.multi_az", "YAML 1.1 'yes'", with("database:\n  multi_az: yes\n")),
                c("application.port", "a hex integer", with("application:\n  port: 0x1F90\n")),
                c("application.port", "an integer with '_'", with("application:\n  port: 8_000\n")),
                c("database.backup.retention", "a leading zero, octal 8 in YAML 1.1", with("database:\n  backup:\n    retention: 010\n")),
                c("application.port", "an integer written as a decimal", with("application:\n  port: 8000.0\n")),
                c("database.version", "a version written as a decimal", with("database:\n  version: 16.0\n")),
                c("application.health_path", "'//' in a URL path", set("application", "health_path", "/a//b")),
                c("specql.registry", "'..' leaving the project", set("specql", "registry", "../registry.yaml")),
                c("cicd.default_branch", "a ref ending in .lock", set("cicd", "default_branch", "main.lock")),
                c("application.cpu", "an amount with a unit that is no Fargate size", with("application:\n  cpu: 0.3 vCPU\n")),
                c("application.memory", "a quoted amount that is no multiple of 128", with("application:\n  memory: \"1000\"\n")),
                c("deployment.name", "a trailing newline", """
                        deployment:
                          name: "acme\\n"
                          framework: fraiseql
                        platform:
                          domain: acme.example.com
                        """));
    }
}
