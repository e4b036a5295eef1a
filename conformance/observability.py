"""Phase 4's files, checked by Prometheus's and Alertmanager's own tools: promtool loads the configuration and the
rules and runs every generated unit test; amtool loads Alertmanager's configuration and renders each notification
template it names. Beyond the tools: every built-in alert has a test that fires and one that stays silent, the rules
select only jobs Prometheus scrapes, the app job scrapes phase 1's port and metrics path, and no receiver holds a
secret inline. A negative control proves the unit tests can fail: with every alert expression replaced by one that
never fires, each firing test must fail."""

import re
import shutil
import tempfile
from pathlib import Path

import yaml

from common import run, tool

OBSERVABILITY_DIR = "generated/observability"
PHASE1_DIR = "generated/deployment"
# Where Compose mounts the secrets the configurations read.
SECRETS = "/run/secrets/"
# The spec's own rules come as PromQL without their expected behaviour: nothing to generate a test from.
UNTESTED_GROUPS = {"custom.yml"}
# Alertmanager keys that would hold a secret inline; the generated file must use their *_file twins.
INLINE_SECRETS = {"api_url", "routing_key", "service_key", "url", "auth_password", "auth_secret", "password"}


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


def check_config(promtool, prometheus):
    """promtool check config, which also opens every credentials file: where the configuration reads one under
    /run/secrets (mounted there by Compose), a copy of the directory reads it from a scratch directory holding a
    placeholder file of that name instead; nothing else in the file changes."""
    text = (prometheus / "prometheus.yml").read_text()
    if SECRETS not in text:
        return run([promtool, "check", "config", "prometheus.yml"], cwd=prometheus)
    with tempfile.TemporaryDirectory() as scratch:
        copy, secrets = Path(scratch) / "prometheus", Path(scratch) / "secrets"
        shutil.copytree(prometheus, copy)
        secrets.mkdir()
        for name in set(re.findall(re.escape(SECRETS) + r"([A-Za-z0-9_.-]+)", text)):
            (secrets / name).write_text("placeholder\n")
        (copy / "prometheus.yml").write_text(text.replace(SECRETS, f"{secrets}/"))
        return run([promtool, "check", "config", "prometheus.yml"], cwd=copy)


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
