"""Phase 4's files, checked by Prometheus's and Alertmanager's own tools: promtool loads the configuration and the
rules and runs every generated unit test; amtool loads Alertmanager's configuration and renders each notification
template it names. Beyond the tools: every built-in alert has a test that fires and one that stays silent, the rules
select only jobs Prometheus scrapes, the app job scrapes phase 1's port and metrics path, and no receiver holds a
secret inline. A negative control proves the unit tests can fail: with every alert expression replaced by one that
never fires, each firing test must fail. Grafana's dashboards go through dashboard-check (the Grafana Foundation SDK's
schema, current panel types, provisioned datasource uids, every query through Prometheus's parser; its own Go tests
are its negative control), and each metric they read must come from a job Prometheus scrapes. Alloy's configuration
goes through alloy-check (Alloy's own parser and printer, as alloy fmt --test, and each component's documented
arguments and exports). Loki's configuration is NOT validated by Loki (AGPL-licensed, ruled out here): lokischema
reads it as strictly as Loki does, against the keys and types of Loki 3's reference, with a negative control; its
retention settings are checked against what Loki 3 requires, and it is tied to the services that reach it."""

import json

import re
import shutil
import tempfile
from pathlib import Path

import yaml

import lokischema
from common import run, tool

OBSERVABILITY_DIR = "generated/observability"
PHASE1_DIR = "generated/deployment"
# Where Compose mounts the secrets the configurations read.
SECRETS = "/run/secrets/"
# The spec's own rules come as PromQL without their expected behaviour: nothing to generate a test from.
UNTESTED_GROUPS = {"custom.yml"}
# Alertmanager keys that would hold a secret inline; the generated file must use their *_file twins.
INLINE_SECRETS = {"api_url", "routing_key", "service_key", "url", "auth_password", "auth_secret", "password"}
# Which scrape job exposes a metric, by its name's prefix; any other name is the app's (its framework's library).
METRIC_JOBS = (("pg_", "postgres"), ("node_", "node"), ("container_", "cadvisor"), ("probe_", "blackbox"),
               ("prometheus_", "prometheus"), ("alertmanager_", "alertmanager"))
# The dashboard file each entry of monitoring.dashboards gives; a framework's name gives app.json.
DASHBOARD_FILES = {"postgres": "postgres.json", "containers": "containers.json"}
# Where the Grafana service mounts the provisioning and the dashboards (the provider's options.path).
GRAFANA_MOUNTS = {"grafana/provisioning": "/etc/grafana/provisioning", "grafana/dashboards": "/etc/grafana/dashboards"}


def tools():
    return {"promtool": tool("promtool"), "amtool": tool("amtool")}


def check(tally, case, target, effective):
    directory = target / OBSERVABILITY_DIR
    if not directory.is_dir():
        return
    found = tools()
    missing = [name for name, path in found.items() if not path]
    if missing:
        tally.failures.append(f"observability: {case}: {missing} not installed (conformance/install-tools.sh installs them)")
        return
    promtool, amtool = found["promtool"], found["amtool"]
    prometheus = directory / "prometheus"
    code, out = check_config(promtool, prometheus)
    tally.record("promtool check config", f"{case}/prometheus.yml", code == 0, out)
    for rules in sorted((prometheus / "rules").glob("*.yml")):
        code, out = run([promtool, "check", "rules", rules.name], cwd=rules.parent)
        tally.record("promtool check rules", f"{case}/rules/{rules.name}", code == 0, out)
    for tests in sorted((prometheus / "tests").glob("*.yml")):
        code, out = run([promtool, "test", "rules", tests.name], cwd=tests.parent)
        tally.record("promtool test rules", f"{case}/tests/{tests.name}", code == 0, out)
    check_coverage(tally, case, prometheus)
    check_scrape(tally, case, prometheus, effective)
    alertmanager = directory / "alertmanager"
    code, out = run([amtool, "check-config", "alertmanager.yml"], cwd=alertmanager)
    tally.record("amtool check-config", f"{case}/alertmanager.yml", code == 0, out)
    check_templates(tally, case, amtool, alertmanager)
    config = yaml.safe_load((alertmanager / "alertmanager.yml").read_text())
    inline = sorted(set(secret_keys(config)))
    tally.record("no inline secret", f"{case}/alertmanager.yml", not inline, f"secrets written inline at {inline}")
    check_overlay(tally, case, target)
    # dashboard-check once per case: the dashboards' and the logs' checks both read its report.
    report, out = dashboard_report(directory) if (directory / "grafana").is_dir() else (None, "")
    check_dashboards(tally, case, directory, effective, report, out)
    check_logs(tally, case, directory, effective, report)
    check_ecs(tally, case, target, promtool)


def check_ecs(tally, case, target, promtool):
    """On the ECS patterns, each environment's Prometheus configuration loads (promtool, with the rules it names), the
    dashboards load with the ECS datasources, and the files agree with the Compose stack's and with the OpenTofu root
    that runs them: the same jobs (but cAdvisor's and node_exporter's) at phase 1's metrics path, the app's port and
    ECS service, the rules without the containers' and host's."""
    directory = target / OBSERVABILITY_DIR
    ecs = directory / "prometheus/ecs"
    roots = target / "generated/infrastructure/opentofu/environments"
    calls = {root.name: (root / "main.tf").read_text() for root in sorted(roots.glob("*")) if (root / "main.tf").exists()}
    runs = {name for name, text in calls.items() if 'module "observability"' in text}
    if not ecs.is_dir():
        tally.record("consistency", f"{case} (observability on ECS)", not runs, f"roots {sorted(runs)} run the monitoring task without its files")
        return
    compose = yaml.safe_load((directory / "prometheus/prometheus.yml").read_text())
    compose_jobs = {job["job_name"]: job for job in compose["scrape_configs"]}
    problems = []
    spec = yaml.safe_load((target / "deployment.yaml").read_text())
    if sorted(runs) != sorted(p.stem for p in ecs.glob("*.yml")):
        problems.append(f"ECS configurations {sorted(p.stem for p in ecs.glob('*.yml'))}, roots running the monitoring task {sorted(runs)}")
    for file in sorted(ecs.glob("*.yml")):
        code, out = check_config(promtool, directory / "prometheus", f"ecs/{file.name}")
        tally.record("promtool check config", f"{case}/ecs/{file.name}", code == 0, out)
        config = yaml.safe_load(file.read_text())
        jobs = {job["job_name"]: job for job in config["scrape_configs"]}
        expected = set(compose_jobs) - {"node", "cadvisor"}
        if set(jobs) != expected:
            problems.append(f"{file.name}: jobs {sorted(jobs)}, the Compose stack's without cAdvisor and node_exporter are {sorted(expected)}")
        app = jobs.get("app", {})
        if app.get("metrics_path") != compose_jobs["app"].get("metrics_path"):
            problems.append(f"{file.name}: the app job scrapes {app.get('metrics_path')}, Compose {compose_jobs['app'].get('metrics_path')}")
        port = compose_jobs["app"]["static_configs"][0]["targets"][0].rsplit(":", 1)[1]
        discovery = (app.get("aws_sd_configs") or [{}])[0]
        main = calls.get(file.stem, "")
        name = re.search(r'name\s*=\s*"([^"]+)"', main)
        if str(discovery.get("port")) != port or discovery.get("role") != "ecs":
            problems.append(f"{file.name}: ECS discovery {discovery}, the app listens on {port}")
        if not name or discovery.get("clusters") != [name.group(1)]:
            problems.append(f"{file.name}: discovers cluster {discovery.get('clusters')}, the root names its cluster {name and name.group(1)}")
        kept = [r.get("regex") for r in app.get("relabel_configs", []) if r.get("action") == "keep" and r["source_labels"] == ["__meta_ecs_service"]]
        if not name or kept != [name.group(1)]:
            problems.append(f"{file.name}: keeps ECS services {kept}, the app's service is {name and name.group(1)}")
        rules = sorted(Path(r).name for r in config["rule_files"])
        wanted = sorted(p.name for p in (directory / "prometheus/rules").glob("*.yml") if p.name not in ("containers.yml", "host.yml"))
        if rules != wanted:
            problems.append(f"{file.name}: loads rules {rules}, expected {wanted}")
        listed = re.search(r'dashboards\s*=\s*(\[[^\]]*\])', main)
        # The aws dashboard is each environment's own; the others are shared.
        shipped = sorted(p.name for p in (directory / "grafana/ecs/dashboards").glob("*.json")
                         if not p.name.startswith("aws-") or p.name == f"aws-{file.stem}.json")
        if not listed or sorted(json.loads(listed.group(1))) != shipped:
            problems.append(f"{file.stem}'s root loads dashboards {listed and listed.group(1)}, the ECS dashboards are {shipped}")
        if not re.search(r'prometheus_config\s*=\s*"ecs/' + re.escape(file.name) + '"', main):
            problems.append(f"{file.stem}'s root does not pass ecs/{file.name} to the monitoring task")
        problems += one_page_per_failure(file, config, main, spec)
    provisioning = directory / "grafana/ecs/provisioning"
    if provisioning.is_dir():
        checker = tool("dashboard-check")
        code, out = run([checker, str(provisioning), str(directory / "grafana/ecs/dashboards")]) if checker else (1, "dashboard-check not installed")
        tally.record("dashboard-check", f"{case}/grafana (ECS datasources)", code == 0, out)
        if code == 0:
            problems += aws_dashboards(json.loads(out[:out.rindex("}") + 1]), calls, target)
    tally.record("consistency", f"{case} (observability on ECS)", not problems, "; ".join(problems))


def aws_dashboards(report, calls, target):
    """Each environment's aws dashboard reads that environment's resources, named as the OpenTofu modules name them
    from the root's name: the cluster and its services, the RDS instance, and (through its variables' regexes, AWS
    picking the rest) the load balancer and target group."""
    modules = target / "generated/infrastructure/opentofu/modules"
    suffix = {}
    for module, anchor, attribute, key in (("database", "locals {", "identifier", "database"),
                                           ("edge", 'resource "aws_lb" "this"', "name", "alb"),
                                           ("edge", 'resource "aws_lb_target_group" "this"', "name", "tg")):
        text = (modules / module / "main.tf").read_text()
        found = re.search(attribute + r'\s*=\s*"\$\{var\.name\}(-[a-z]+)"', text[max(text.find(anchor), 0):])
        suffix[key] = found.group(1) if found else None
    problems = []
    for entry in report["dashboards"]:
        environment = re.fullmatch(r"aws-(.+)\.json", entry["file"])
        if not environment:
            continue
        name = re.search(r'name\s*=\s*"([^"]+)"', calls.get(environment.group(1), ""))
        if not name:
            problems.append(f"{entry['file']}: no environment root {environment.group(1)}")
            continue
        name = name.group(1)
        dims = entry.get("dimensions") or {}
        expected = {"ClusterName": [name], "DBInstanceIdentifier": [name + str(suffix["database"])]}
        for dimension, values in expected.items():
            if dims.get(dimension) != values:
                problems.append(f"{entry['file']}: {dimension} {dims.get(dimension)}, the root's resources are {values}")
        if name not in dims.get("ServiceName", []) or not set(dims.get("ServiceName", [])) <= {name, name + "-worker"}:
            problems.append(f"{entry['file']}: ServiceName {dims.get('ServiceName')}, the root's services are {name} (and {name}-worker)")
        regexes = " ".join(entry.get("variable_regexes") or [])
        for key in ("alb", "tg"):
            if f"\\/{name}{suffix[key]}\\/" not in regexes:
                problems.append(f"{entry['file']}: no variable keeps the {key} named {name}{suffix[key]}: {regexes}")
    return problems


# The CloudWatch alarms (module monitoring) that watch what a Prometheus alert watches, with the spec's alarm type
# that asks for the alarm by name (None: no type names it). Stated here independently of the generator's table.
HANDOVERS = {
    "alb-5xx-rate": ("error_rate", "AppHigh5xxRatio"),
    "alb-p95-response-time": ("response_time", "AppHighLatencyP95"),
    "alb-unhealthy-hosts": ("unhealthy_hosts", "TargetDown"),
    "alb-no-healthy-hosts": (None, "AppAbsent"),
    "rds-connections": ("db_connections", "PostgresqlTooManyConnections"),
}


def one_page_per_failure(file, config, main, spec):
    """Where the monitoring task runs, each CloudWatch alarm whose condition a loaded Prometheus alert also watches
    notifies no one (quiet_alarms), unless the spec asks for it by type; and CloudWatch watches the monitoring task."""
    alerts = set()
    for rules in config["rule_files"]:
        for group in yaml.safe_load((file.parent / rules).read_text())["groups"]:
            alerts |= {rule["alert"] for rule in group["rules"] if "alert" in rule}
    asked = {alarm.get("type") for alarm in ((spec.get("monitoring") or {}).get("alarms") or [])}
    expected = {alarm for alarm, (kind, alert) in HANDOVERS.items() if alert in alerts and kind not in asked}
    found = re.search(r'quiet_alarms\s*=\s*(\[[^\]]*\])', main)
    quiet = set(json.loads(found.group(1))) if found else set()
    problems = []
    if quiet != expected:
        problems.append(f"{file.stem}'s root quiets alarms {sorted(quiet)}; Prometheus pages for {sorted(expected)}: "
                        "an alarm left out pages twice, one too many pages no one")
    if not re.search(r'alarm_topic_arn\s*=\s*module\.monitoring\.sns_topic_arn', main):
        problems.append(f"{file.stem}'s root does not tell the alarm topic when the monitoring task stops")
    return problems


def check_logs(tally, case, directory, effective, report):
    """Where logs are on: config.alloy through alloy-check; loki.yaml holds the retention Loki 3 needs (TSDB at schema
    v13 with a 24h index, the compactor deleting with a delete-request store, the spec's retention, no key 3.0 removed);
    Alloy pushes to Loki's port, Grafana reads it there, and the dashboards select labels Alloy sets."""
    logs = effective["monitoring"]["logs"]
    alloy_file, loki_file = directory / "alloy/config.alloy", directory / "loki/loki.yaml"
    if not logs["loki"]:
        tally.record("consistency", f"{case} (logs)", not alloy_file.exists() and not loki_file.exists(),
                     "Loki or Alloy files written with monitoring.logs.loki off")
        return
    checker = tool("alloy-check")
    if not checker:
        tally.failures.append(f"observability: {case}: alloy-check not installed (conformance/install-tools.sh installs it)")
        return
    code, out = run([checker, str(alloy_file)])
    tally.record("alloy-check", f"{case}/alloy/config.alloy", code == 0, out)
    message = ("NOT RUN: loki -verify-config on the generated loki.yaml files: Loki is AGPL-licensed and ruled out on this "
               "machine; lokischema reads them strictly against Loki 3's reference instead, their retention settings and ties "
               "to Alloy, Grafana and Compose are checked, and Loki is not started")
    if message not in tally.not_run:
        tally.not_run.append(message)
    loki = yaml.safe_load(loki_file.read_text())
    found = lokischema.problems(loki)
    tally.record("loki schema", f"{case}/loki/loki.yaml", not found, "; ".join(found))
    missed = [change for change, broken in lokischema.broken_copies(loki).items() if not lokischema.problems(broken)]
    tally.record("loki schema negative control", case, not missed, f"lokischema accepted: {missed}")
    problems = []
    schema = loki["schema_config"]["configs"][-1]
    if (schema["store"], schema["schema"], schema["index"]["period"]) != ("tsdb", "v13", "24h"):
        problems.append(f"the newest schema is {schema['store']} {schema['schema']} at {schema['index']['period']}, retention needs tsdb v13 at 24h")
    compactor = loki.get("compactor", {})
    if not compactor.get("retention_enabled") or not compactor.get("delete_request_store"):
        problems.append("the compactor does not delete with a delete-request store: Loki keeps logs forever or refuses to start")
    if loki["limits_config"]["retention_period"] != logs["retention"]:
        problems.append(f"retention_period {loki['limits_config']['retention_period']}, the spec says {logs['retention']}")
    port = loki["server"]["http_listen_port"]
    alloy_text = alloy_file.read_text()
    if f'url = "http://loki:{port}/loki/api/v1/push"' not in alloy_text:
        problems.append(f"Alloy does not push to http://loki:{port}/loki/api/v1/push")
    services = yaml.safe_load((directory / "compose.yaml").read_text())["services"]
    volumes = {v.split(":")[1]: v.split(":")[0] for v in services.get("loki", {}).get("volumes", [])}
    if volumes.get("/etc/loki") != "../observability/loki" or "-config.file=/etc/loki/loki.yaml" not in services["loki"]["command"]:
        problems.append(f"the loki service does not read loki/loki.yaml: {services.get('loki')}")
    if not volumes.get(loki["common"]["path_prefix"], "").endswith("-data"):
        problems.append(f"Loki's path_prefix {loki['common']['path_prefix']} is not on a volume")
    if "alloy" not in services or "/var/run/docker.sock:/var/run/docker.sock:ro" not in services["alloy"].get("volumes", []):
        problems.append("no alloy service reading Docker's socket read-only")
    datasources = directory / "grafana/provisioning/datasources/datasources.yaml"
    if datasources.exists():
        urls = [d["url"] for d in yaml.safe_load(datasources.read_text())["datasources"] if d["type"] == "loki"]
        if urls != [f"http://loki:{port}"]:
            problems.append(f"Grafana's Loki datasources {urls}, Loki listens on {port}")
        alloy_labels = set(re.findall(r'target_label\s*=\s*"([^"]+)"', alloy_text))
        for dashboard in (report or {}).get("dashboards", []):
            for label in dashboard.get("log_labels") or []:
                if label not in alloy_labels:
                    problems.append(f"{dashboard['file']} selects logs by {label}, which Alloy does not set ({sorted(alloy_labels)})")
    tally.record("consistency", f"{case} (logs)", not problems, "; ".join(problems))


def job_of(metric):
    if metric in ("up", "scrape_duration_seconds", "ALERTS"):
        return None
    return next((job for prefix, job in METRIC_JOBS if metric.startswith(prefix)), "app")


def dashboard_report(directory):
    """dashboard-check's report on the generated dashboards, or None (with the output) when it refuses them."""
    checker = tool("dashboard-check")
    if not checker:
        return None, "dashboard-check not installed (conformance/install-tools.sh installs it)"
    grafana = directory / "grafana"
    code, out = run([checker, str(grafana / "provisioning"), str(grafana / "dashboards")])
    if code != 0:
        return None, out
    return json.loads(out[:out.rindex("}") + 1]), out


def check_dashboards(tally, case, directory, effective, report, out):
    """The dashboards load (dashboard-check), are the ones the spec lists, read only metrics of scraped jobs, and fit
    the Grafana service: its mounts are the provider's path, its datasources reach the Compose services."""
    wanted = [name for name in effective["monitoring"].get("dashboards", []) if name != "aws"]
    grafana = directory / "grafana"
    if not wanted:
        tally.record("consistency", f"{case} (dashboards)", not grafana.exists(), "grafana/ written for a spec with no dashboard")
        return
    tally.record("dashboard-check", f"{case}/grafana", report is not None, out)
    if report is None:
        return
    problems = []
    files = sorted(d["file"] for d in report["dashboards"])
    expected = sorted(DASHBOARD_FILES.get(name, "app.json") for name in wanted)
    if files != expected:
        problems.append(f"dashboards {files}, the spec's monitoring.dashboards gives {expected}")
    jobs = {job["job_name"] for job in yaml.safe_load((directory / "prometheus/prometheus.yml").read_text())["scrape_configs"]}
    for dashboard in report["dashboards"]:
        for metric in dashboard["metrics"]:
            job = job_of(metric)
            if job and job not in jobs:
                problems.append(f"{dashboard['file']} reads {metric}, which job {job} would expose, and no scrape job is {job}")
    services = yaml.safe_load((directory / "compose.yaml").read_text())["services"]
    service = services.get("grafana")
    if not service:
        problems.append("no grafana service in compose.yaml")
    else:
        mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in service.get("volumes", [])}
        for local, inside in GRAFANA_MOUNTS.items():
            if mounts.get(f"../observability/{local}") != inside:
                problems.append(f"grafana mounts {local} at {mounts.get('../observability/' + local)}, not {inside}")
        provider = yaml.safe_load((grafana / "provisioning/dashboards/dashboards.yaml").read_text())["providers"][0]
        if provider["options"]["path"] != GRAFANA_MOUNTS["grafana/dashboards"]:
            problems.append(f"the dashboard provider reads {provider['options']['path']}")
        for variable, value in service.get("environment", {}).items():
            if variable.endswith("__FILE") and value.removeprefix(SECRETS) not in service.get("secrets", []):
                problems.append(f"grafana's {variable} reads {value}, which is not one of its secrets")
        datasources = yaml.safe_load((grafana / "provisioning/datasources/datasources.yaml").read_text())["datasources"]
        for source in datasources:
            host = source["url"].split("//")[1].split(":")[0]
            if host not in services:
                problems.append(f"datasource {source['uid']} reaches {source['url']}, and {host} is no service of compose.yaml")
    tally.record("consistency", f"{case} (dashboards)", not problems, "; ".join(problems))


def check_overlay(tally, case, target):
    """compose.yaml merged over phase 1's production stack loads in compose-go, and fits it: the exporter logs in to
    phase 1's database as its user, the mounted directories exist, and every file a configuration reads under
    /run/secrets is a secret of the service that reads it."""
    deployment, directory = target / PHASE1_DIR, target / OBSERVABILITY_DIR
    compose_check = tool("compose-check")
    if not compose_check:
        tally.failures.append(f"observability: {case}: compose-check not installed")
        return
    code, out = run([compose_check, "--env-file", str(deployment / ".env.example"), "--overlay", str(directory / "compose.yaml"),
                     str(deployment / "compose.production.yaml")])
    errors = [line for line in out.splitlines() if ": error: " in line]
    tally.record("compose-go", f"{case}/compose.production.yaml + observability/compose.yaml", code == 0 and not errors, out)
    base = yaml.safe_load((deployment / "compose.production.yaml").read_text())["services"]
    overlay = yaml.safe_load((directory / "compose.yaml").read_text())
    services = overlay["services"]
    problems = [f"{name} is also a service of phase 1" for name in services if name in base]
    db = base["db"]["environment"]
    exporter = services["postgres-exporter"]["environment"]
    if exporter.get("DATA_SOURCE_PASS") != db["POSTGRES_PASSWORD"]:
        problems.append(f"postgres-exporter's password {exporter.get('DATA_SOURCE_PASS')} is not the database's {db['POSTGRES_PASSWORD']}")
    if exporter["DATA_SOURCE_URI"] != f"db:5432/{db['POSTGRES_DB']}?sslmode=disable" or exporter["DATA_SOURCE_USER"] != db["POSTGRES_USER"]:
        problems.append(f"postgres-exporter reads {exporter['DATA_SOURCE_URI']} as {exporter['DATA_SOURCE_USER']}, "
                        f"phase 1's database is {db['POSTGRES_DB']} of {db['POSTGRES_USER']}")
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith(".") and not (deployment / source).exists():
                problems.append(f"{name} mounts {source}, which does not exist beside compose.production.yaml")
    reads = {"prometheus": (directory / "prometheus/prometheus.yml").read_text(),
             "alertmanager": (directory / "alertmanager/alertmanager.yml").read_text()}
    for name, text in reads.items():
        for secret in sorted(set(re.findall(r"/run/secrets/([a-z0-9_]+)", text))):
            if secret not in services[name].get("secrets", []):
                problems.append(f"{name} reads /run/secrets/{secret}, which is not one of its secrets")
            elif secret not in overlay.get("secrets", {}):
                problems.append(f"secret {secret} is not declared")
    for name, service in services.items():
        # Compose copies secrets from the environment into the container, which a read-only root refuses at start.
        if service.get("secrets") and service.get("read_only"):
            problems.append(f"{name} takes secrets from the environment on a read-only root: Compose cannot copy them in")
    tally.record("consistency", f"{case} (observability compose)", not problems, "; ".join(problems))


def check_config(promtool, prometheus, config="prometheus.yml"):
    """promtool check config on a configuration under the prometheus folder (rule paths relative to it), which also
    opens every credentials file: where the configuration reads one under /run/secrets (mounted there by Compose and
    by the ECS task), a copy of the folder reads it from a scratch directory holding a placeholder file of that name
    instead; nothing else in the file changes."""
    text = (prometheus / config).read_text()
    if SECRETS not in text:
        return run([promtool, "check", "config", Path(config).name], cwd=(prometheus / config).parent)
    with tempfile.TemporaryDirectory() as scratch:
        copy, secrets = Path(scratch) / "prometheus", Path(scratch) / "secrets"
        shutil.copytree(prometheus, copy)
        secrets.mkdir()
        for name in set(re.findall(re.escape(SECRETS) + r"([A-Za-z0-9_.-]+)", text)):
            (secrets / name).write_text("placeholder\n")
        (copy / config).write_text(text.replace(SECRETS, f"{secrets}/"))
        return run([promtool, "check", "config", Path(config).name], cwd=(copy / config).parent)


def alerts_of(rules_file):
    return [rule["alert"] for group in yaml.safe_load(rules_file.read_text())["groups"]
            for rule in group["rules"] if "alert" in rule]


def check_coverage(tally, case, prometheus):
    """Each built-in alert has a unit test where it fires and one where it stays silent, in the test file of its group."""
    for rules in sorted((prometheus / "rules").glob("*.yml")):
        alerts = alerts_of(rules)
        if rules.name in UNTESTED_GROUPS:
            for alert in alerts:
                tally.skip("alert test coverage", f"{case}/rules/{rules.name}", alert,
                           "the spec's own rule: its PromQL comes without an expected behaviour to test")
            continue
        tests = prometheus / "tests" / rules.name
        cases = yaml.safe_load(tests.read_text())["tests"] if tests.is_file() else []
        firing, silent = set(), set()
        for test in cases:
            for expectation in test.get("alert_rule_test", []):
                (firing if expectation.get("exp_alerts") else silent).add(expectation["alertname"])
        gaps = [f"{alert} has no {kind} test" for alert in alerts
                for kind, covered in (("firing", firing), ("silent", silent)) if alert not in covered]
        tally.record("alert test coverage", f"{case}/rules/{rules.name}", bool(alerts) and not gaps,
                     "; ".join(gaps) or "no alert in the group")


def check_scrape(tally, case, prometheus, effective):
    """The app job scrapes phase 1's port and metrics path; every job a rule selects is scraped."""
    config = yaml.safe_load((prometheus / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    problems = []
    application = effective["application"]
    app = jobs.get("app")
    if not app:
        problems.append("no app job")
    else:
        if app.get("metrics_path", "/metrics") != application["metrics_path"]:
            problems.append(f"the app job scrapes {app.get('metrics_path')}, phase 1 serves {application['metrics_path']}")
        targets = [t for static in app.get("static_configs", []) for t in static["targets"]]
        if targets != [f"app:{application['port']}"]:
            problems.append(f"the app job scrapes {targets}, phase 1's app listens on {application['port']}")
    for rules in sorted((prometheus / "rules").glob("*.yml")):
        text = rules.read_text()
        for job in sorted(set(re.findall(r'job\s*=~?\s*\\?"([^"\\]+)', text))):
            if not any(re.fullmatch(job, name) for name in jobs):
                problems.append(f"rules/{rules.name} selects job {job}, which no scrape job is")
    tally.record("consistency", f"{case} (observability)", not problems, "; ".join(problems))


def check_templates(tally, case, amtool, alertmanager):
    """Each template the receivers name renders with amtool's example alerts."""
    names = sorted(set(re.findall(r'template\s+\\?"([^"\\]+)', (alertmanager / "alertmanager.yml").read_text())))
    if not names:
        # A stack with no channel names no template: the file must still parse as templates.
        names = sorted(set(re.findall(r'define\s+"([^"]+)"', "".join(
            p.read_text() for p in sorted((alertmanager / "templates").glob("*.tmpl"))))))
    for name in names:
        code, out = run([amtool, "template", "render", "--template.glob=templates/*.tmpl",
                         "--template.text={{ template \"" + name + "\" . }}"], cwd=alertmanager)
        tally.record("amtool template render", f"{case}/{name}", code == 0 and out.strip() != "", out or "rendered nothing")


def secret_keys(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else str(key)
            if key in INLINE_SECRETS:
                yield here
            yield from secret_keys(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from secret_keys(value, f"{path}[{index}]")


def negative_control(tally, prometheus, scratch):
    """A copy of a generated rules directory with every alert's expression made never true: each firing test must
    fail, each silent one pass, or the generated tests cannot tell a broken rule from a working one."""
    promtool = tool("promtool")
    if not promtool:
        tally.failures.append("observability negative control: promtool not installed")
        return
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(prometheus, scratch)
    for rules in (scratch / "rules").glob("*.yml"):
        document = yaml.safe_load(rules.read_text())
        for group in document["groups"]:
            for rule in group["rules"]:
                if "alert" in rule:
                    rule["expr"] = "vector(1) == 0"
        rules.write_text(yaml.safe_dump(document, sort_keys=False))
    problems = []
    for tests in sorted((scratch / "tests").glob("*.yml")):
        firing = {test["name"] for test in yaml.safe_load(tests.read_text())["tests"]
                  for expectation in test.get("alert_rule_test", []) if expectation.get("exp_alerts")}
        code, out = run([promtool, "test", "rules", tests.name], cwd=tests.parent)
        # promtool prints each failed case as "name: <test name>," under FAILED:.
        failed = set(re.findall(r"^\s+name: (.*),$", out, re.MULTILINE))
        if firing and code == 0:
            problems.append(f"tests/{tests.name}: {len(firing)} firing tests passed against rules that never fire")
        if firing - failed:
            problems.append(f"tests/{tests.name}: firing tests that did not fail: {sorted(firing - failed)}")
        if failed - firing:
            problems.append(f"tests/{tests.name}: silent tests that failed: {sorted(failed - firing)}")
    tally.record("alert tests negative control", str(Path(prometheus).parent.parent.parent.name), not problems, "; ".join(problems))
