// The observability goal alone, for a hobby server at the standard level: Prometheus, its rules and their tests,
// Alertmanager routing to the webhook, Grafana's dashboards, Loki and Alloy, the Compose services to run beside the
// stack; the webhook's URL and Grafana's password stay secrets.
def out = new File(basedir, 'generated/observability')
['prometheus/prometheus.yml', 'prometheus/rules/app.yml', 'prometheus/rules/probes.yml', 'prometheus/tests/postgres.yml',
 'alertmanager/alertmanager.yml', 'alertmanager/templates/notification.tmpl', 'blackbox/blackbox.yml', 'compose.yaml',
 'grafana/provisioning/datasources/datasources.yaml', 'grafana/provisioning/dashboards/dashboards.yaml',
 'grafana/dashboards/app.json', 'grafana/dashboards/postgres.json', 'grafana/dashboards/containers.json',
 'loki/loki.yaml', 'alloy/config.alloy', 'README.md'].each {
    assert new File(out, it).isFile() : "missing generated/observability/$it"
}
assert !new File(out, 'prometheus/rules/slo.yml').exists() : 'the SLO alerts are for the enterprise level'
assert !new File(basedir, 'generated/deployment').exists() : 'the observability goal writes phase 4 only'
def alertmanager = new File(out, 'alertmanager/alertmanager.yml').text
assert alertmanager.contains('url_file: "/run/secrets/alert_webhook_url"')
assert !alertmanager.contains('ALERT_WEBHOOK_URL')
def compose = new File(out, 'compose.yaml').text
assert compose.contains('environment: "ALERT_WEBHOOK_URL"')
assert compose.contains('environment: "GRAFANA_ADMIN_PASSWORD"') && compose.contains('GF_SECURITY_ADMIN_PASSWORD__FILE')
assert new groovy.json.JsonSlurper().parse(new File(out, 'grafana/dashboards/app.json')).uid == 'bookshelf-app'
assert new File(out, 'loki/loki.yaml').text.contains('retention_period: "7d"')
def log = new File(basedir, 'build.log').text
assert log =~ /specql-deploy: \d+ created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted \(observability in generated\)/
assert log.contains('observability: the app\'s dependencies do not show django-prometheus')
true
