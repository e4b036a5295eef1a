package dev.specql.deploy.model.reference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Specs that are valid to both checkers. Together they use every section, framework and pattern, both
 * forms of every either-or key, and empty sections.
 */
final class ValidSpecs {

    static final Map<String, String> ALL = new LinkedHashMap<>();

    private ValidSpecs() {
    }

    private static void add(String name, String yaml) {
        ALL.put(name, yaml);
    }

    static {
        add("minimal fraiseql hobby-project", """
                deployment:
                  name: acme-crm
                  framework: fraiseql
                platform:
                  domain: crm.acme.example
                """);

        add("django hobby-project with environments and a scheduler", """
                deployment:
                  name: shop
                  framework: django
                  pattern: hobby-project
                  description: "The shop: orders, invoices and a #1 storefront"
                platform:
                  domain: shop.example.org
                  acme_email: ops@example.org
                  instance_type: t4g.medium
                  availability_zones: 1
                database:
                  version: "18"
                  user: shop_app
                  name: shop_db
                  migration_tool: django
                application:
                  module: shop.config
                  runtime_version: "3.12"
                  package_manager: pip
                  health_path: /healthz/
                  worker:
                    enabled: true
                    concurrency: 8
                    scheduler: true
                environment:
                  dev:
                    DEBUG: true
                    LOG_LEVEL: debug
                    PAGE_SIZE: 50
                    RATIO: 0.75
                    EMPTY: ""
                  production:
                    LOG_LEVEL: info
                    RELEASED: 2024-05-01
                """);

        add("rails small-saas with alert channels and rules", """
                deployment:
                  name: ledger
                  framework: rails
                  pattern: small-saas
                platform:
                  region: eu-west-1
                  domain: ledger.example.com
                application:
                  runtime_version: "3.3"
                  package_manager: bundler
                  secrets: [STRIPE_API_KEY, SENTRY_DSN]
                  worker:
                    concurrency: 10
                monitoring:
                  level: standard
                  alerts:
                    channels:
                      - type: email
                        to: oncall@example.com
                      - type: slack
                        webhook_url: ${SLACK_WEBHOOK_URL}
                      - type: pagerduty
                        routing_key: ${PAGERDUTY_ROUTING_KEY}
                      - type: webhook
                        webhook_url: ${OPS_WEBHOOK}
                    smtp:
                      smarthost: smtp.example.com:587
                      from: alerts@example.com
                      password: ${SMTP_PASSWORD}
                    rules:
                      - name: CheckoutLatencyHigh
                        condition: histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket[5m])) by (le)) > 0.5
                        duration: 10m
                        severity: critical
                        summary: Checkout p95 latency is above 500 ms
                      - name: QueueBacklog
                        condition: sidekiq_queue_size > 1000
                """);

        add("fraiseql 1 small-saas with every database and application key", """
                deployment:
                  name: api
                  framework: fraiseql
                  framework_major: 1
                  pattern: small-saas
                platform:
                  provider: aws
                  region: us-west-2
                  availability_zones: [us-west-2a, us-west-2b, us-west-2c]
                  domain: api.xn--bcher-kva.example
                database:
                  engine: postgresql
                  version: 16
                  name: api
                  user: api
                  size: db.t4g.small
                  storage: 50GB
                  max_storage: 1TB
                  multi_az: true
                  pool_size: 4
                  migration_tool: confiture
                  backup:
                    frequency: daily
                    retention: 35
                    window: "22:30-23:30"
                application:
                  port: 8080
                  health_path: /health
                  metrics_path: /internal/metrics
                  module: src.app.main:application
                  workers: 4
                  instances: 3
                  cpu: 0.5 vCPU
                  memory: 2GB
                  autoscale:
                    enabled: true
                    min: 2
                    max: 5
                    target_cpu: 65
                  runtime_version: 3.13
                  package_manager: uv
                  rust_extension: true
                  secrets: [JWT_SIGNING_KEY]
                  worker:
                    enabled: false
                """);

        add("django production-saas with cicd, multiregion and bluegreen", """
                deployment:
                  name: payments
                  framework: django
                  pattern: production-saas
                platform:
                  region: eu-central-1
                  domain: pay.example.com
                database:
                  storage: 200
                  max_storage: 2000
                application:
                  cpu: 2048
                  memory: 4096
                cicd:
                  provider: gitlab-ci
                  default_branch: trunk
                  registry: gitlab
                  triggers:
                    - event: pull_request
                      action: test
                    - event: push
                      branch: trunk
                      action: deploy
                      environment: staging
                    - event: tag
                      branch: v*
                      action: promote
                      environment: production
                    - event: schedule
                      action: test
                  environments:
                    - name: staging
                      auto_deploy: true
                    - name: production
                      approval_required: true
                  migrations:
                    auto_run: true
                    rollback_on_failure: false
                multiregion:
                  enabled: true
                  strategy: active-passive
                  primary_region: eu-central-1
                  dr_region: eu-west-1
                  replication:
                    database: true
                    storage: true
                bluegreen:
                  enabled: true
                  strategy: gradual
                  traffic_shift:
                    initial: 5
                    increment: 95
                    interval: 2m
                  rollback_on_error: true
                environment:
                  staging:
                    FEATURE_FLAGS: beta,search
                  production:
                    FEATURE_FLAGS: search
                """);

        add("fraiseql kubernetes with every kubernetes key", """
                deployment:
                  name: graph
                  framework: fraiseql
                  pattern: kubernetes
                kubernetes:
                  cluster: prod-eks
                  namespace: graph-prod
                  replicas: 4
                  autoscaling:
                    enabled: true
                    min: 3
                    max: 12
                    target_cpu: 75
                  database:
                    operator: cloudnative-pg
                    size: 50Gi
                    replicas: 3
                  ingress:
                    class: traefik
                    ssl: cert-manager
                    cluster_issuer: letsencrypt-staging
                    domain: graph.example.net
                  monitoring:
                    prometheus_operator: true
                    grafana: false
                """);

        add("rails kubernetes taking its ingress host from platform.domain", """
                deployment:
                  name: storefront
                  framework: rails
                  pattern: kubernetes
                platform:
                  domain: store.example.com
                kubernetes:
                  ingress:
                    ssl: none
                """);

        add("fraiseql with a specql section", """
                deployment:
                  name: crm
                  framework: fraiseql
                platform:
                  domain: crm.example.com
                database:
                  migration_tool: confiture
                specql:
                  entities: [entities/*.yaml, extra/contacts.yaml]
                  registry: registry/domain_registry.yaml
                  schema_dir: db/schema
                  migrations_dir: db/migrations
                """);

        add("empty sections", """
                deployment:
                  name: quiet
                  framework: django
                platform:
                  domain: quiet.example.com
                database:
                application:
                monitoring:
                cicd:
                kubernetes:
                multiregion:
                bluegreen:
                specql:
                environment:
                """);

        add("rails production-saas with enterprise monitoring", """
                deployment:
                  name: billing
                  framework: rails
                  pattern: production-saas
                platform:
                  domain: billing.example.com
                  availability_zones: 3
                database:
                  size: db.r7g.xlarge
                  storage: 1 TiB
                  max_storage: 4TB
                  backup:
                    retention: 30
                application:
                  instances: 6
                  cpu: 4096
                  memory: 16 GiB
                  autoscale:
                    min: 6
                    max: 60
                monitoring:
                  level: enterprise
                  alarms:
                    - type: error_rate
                      threshold: 2.5
                      email: ops@example.com
                    - type: response_time
                      threshold: 0.75
                    - type: db_storage
                      threshold: 900
                  metrics:
                    prometheus: true
                    retention: 90d
                  logs:
                    loki: true
                    retention: 1y
                  dashboards: [rails, postgres, aws, containers]
                """);

        add("django small-saas with github-actions and hobby-sized overrides", """
                deployment:
                  name: forms
                  framework: django
                  pattern: small-saas
                platform:
                  domain: forms.example.io
                application:
                  cpu: 256
                  memory: 512MB
                  instances: 2
                  autoscale:
                    enabled: false
                  worker:
                    enabled: false
                cicd:
                  provider: github-actions
                  registry: ghcr
                  triggers:
                    - event: push
                      branch: release/*
                      action: deploy
                      environment: staging
                    - event: manual
                      action: promote
                      environment: production
                  environments:
                    - name: staging
                    - name: production
                      auto_deploy: false
                      approval_required: true
                """);

        add("fraiseql small-saas with a second region on standby", """
                deployment:
                  name: realtime
                  framework: fraiseql
                  pattern: small-saas
                platform:
                  region: ap-southeast-2
                  domain: rt.example.com.au
                multiregion:
                  enabled: true
                  strategy: active-passive
                  dr_region: ap-southeast-4
                bluegreen:
                  enabled: true
                  traffic_shift:
                    initial: 50
                    increment: 50
                    interval: 1h
                monitoring:
                  alarms:
                    - type: cpu
                      threshold: 80
                    - type: unhealthy_hosts
                      threshold: 1
                  metrics:
                    prometheus: false
                  logs:
                    loki: false
                """);

        add("django hobby-project with migrations off and a custom database", """
                deployment:
                  name: notes
                  framework: django
                platform:
                  domain: notes.example.dev
                database:
                  version: 14
                  migration_tool: none
                  backup:
                    frequency: hourly
                application:
                  port: 65535
                  workers: 64
                environment:
                  dev:
                    ENABLE_RELOAD: "true"
                    _PRIVATE_FLAG: x
                """);
    }
}
