// The observability goal alone, for a hobby server at the standard level: Prometheus, its rules and their tests,
// Alertmanager routing to the webhook, the Compose services to run beside the stack; the webhook's URL stays a secret.
def out = new File(basedir, 'generated/observability')
['prometheus/prometheus.yml', 'prometheus/rules/app.yml', 'prometheus/rules/probes.yml', 'prometheus/tests/postgres.yml',
 'alertmanager/alertmanager.yml', 'alertmanager/templates/notification.tmpl', 'blackbox/blackbox.yml', 'compose.yaml',
 'README.md'].each {
    assert new File(out, it).isFile() : "missing generated/observability/$it"
}
assert !new File(out, 'prometheus/rules/slo.yml').exists() : 'the SLO alerts are for the enterprise level'
assert !new File(basedir, 'generated/deployment').exists() : 'the observability goal writes phase 4 only'
def alertmanager = new File(out, 'alertmanager/alertmanager.yml').text
assert alertmanager.contains('url_file: "/run/secrets/alert_webhook_url"')
assert !alertmanager.contains('ALERT_WEBHOOK_URL')
assert new File(out, 'compose.yaml').text.contains('environment: "ALERT_WEBHOOK_URL"')
def log = new File(basedir, 'build.log').text
assert log =~ /specql-deploy: \d+ created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted \(observability in generated\)/
assert log.contains('observability: the app\'s dependencies do not show django-prometheus')
true
