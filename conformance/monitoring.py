"""The generated monitoring, run for real beside a sample app's production stack: Prometheus, Alertmanager and
postgres_exporter from generated/observability/compose.yaml merged over compose.production.yaml, with a webhook
receiver as the alert channel. Asserted: every target the started services give is up, every rules file is loaded
and evaluates, every metric the app and PostgreSQL alerts read is exposed, and stopping the app fires TargetDown,
which reaches the receiver through Alertmanager's route. Every query of every generated dashboard runs on this
Prometheus without error, and those of the app's and PostgreSQL's dashboards return data (Grafana itself is not
started: its server is AGPL-licensed and not built here). node_exporter, cAdvisor and blackbox_exporter are not
started (they read the host, which is this machine's, and the public URL, which does not resolve here); their jobs
are the expected down targets.
"""
import json
import re
import time
from pathlib import Path

import yaml

from runtime import PHASE1_DIR, STANDINS, RuntimeError_, Stack, content_hash, curl, fill_env, logs_of

OBSERVABILITY_DIR = "generated/observability"
STARTED = ["prometheus", "alertmanager", "postgres-exporter"]
NOT_STARTED = {"node-exporter": "node", "cadvisor": "cadvisor", "blackbox-exporter": "blackbox"}
# Services of the overlay this run cannot start, and why.
NEVER_STARTED = {
    "grafana": "Grafana's server is AGPL-licensed and not built here (its dashboards' queries run on Prometheus instead)",
    "loki": "Loki is AGPL-licensed and not built here, so no log line is followed from the app to a query",
    "alloy": "Alloy's full build (hundreds of components) does not fit the suite's time; its configuration is checked by alloy-check",
}
RECEIVER_IMAGE = "specql-test/webhook-receiver:local"
RECEIVER_URL = "http://receiver:8080/cgi-bin/hook"
PROMETHEUS = "http://127.0.0.1:9090"
ALERTMANAGER = "http://127.0.0.1:9093"
# The rules files whose every metric a running stack must expose (the others read exporters not started here).
EXPOSED_RULES = ["app.yml", "postgres.yml"]
# The dashboards whose every query must show data here (the containers' reads cAdvisor and node_exporter).
SHOWN_DASHBOARDS = ["app.json", "postgres.json"]
# Grafana's rate window at a 15 s scrape interval: four intervals.
RATE_INTERVAL = "1m"
# PromQL words that are not metric names.
NOT_METRICS = {"rate", "increase", "sum", "max", "by", "and", "or", "unless", "histogram_quantile", "absent", "time",
               "predict_linear", "on", "without", "vector"}


def applies(project):
    """Whether the spec turned Prometheus on, so that there is a monitoring stack to run."""
    return (project / OBSERVABILITY_DIR / "compose.yaml").is_file()


def reason_not_to_run(project):
    """Why the monitoring of this project cannot run here, or None: the app must serve the metrics its alerts read
    (the generated README says when its dependency files lack the library)."""
    if "do not show it yet" in (project / OBSERVABILITY_DIR / "README.md").read_text():
        return "the sample app lacks the metrics library its alerts read (its README says which)"
    return None


def prove(engine, standins, project, proof, work):
    directory = project / PHASE1_DIR
    observability = project / OBSERVABILITY_DIR
    overlay = yaml.safe_load((observability / "compose.yaml").read_text())
    for service in STARTED:
        ref = overlay["services"][service]["image"]
        try:
            kind = standins.ensure(ref)
            proof.facts.setdefault("stand-ins", []).append((ref, kind, standins.version(ref, kind)))
        except RuntimeError_ as error:
            proof.check(f"stand-in for {ref}", False, error)
            return
    standins.base("trixie")
    standins.build(RECEIVER_IMAGE, STANDINS / "receiver", content_hash(STANDINS / "receiver"))
    receiver = work / "receiver.yaml"
    receiver.write_text(yaml.safe_dump({"services": {"receiver": {"image": RECEIVER_IMAGE, "networks": ["backend"]}}}))
    stack = Stack(engine, directory, "compose.production.yaml", [observability / "compose.yaml", receiver])
    fill_env(directory / ".env.example", directory / ".env")
    with open(directory / ".env", "a") as env:
        # Every secret the monitoring reads that the stack's own .env lacks: the webhook channel to the receiver.
        for secret in overlay.get("secrets", {}).values():
            if secret["environment"] not in (directory / ".env").read_text():
                env.write(f"{secret['environment']}={RECEIVER_URL}\n")
    started = time.monotonic()
    try:
        code, out = stack.compose("up", "--detach", "--build", "--wait", "--wait-timeout", "300", "--pull", "never",
                                  "app", *STARTED, "receiver", timeout=1800)
        proof.facts["monitoring up s"] = round(time.monotonic() - started)
        if not proof.check("compose.production.yaml + observability/compose.yaml up --wait", code == 0,
                           out + "".join(logs_of(stack, s) for s in STARTED)):
            return
        prove_targets(stack, proof, overlay)
        prove_rules(stack, proof, observability)
        prove_exposed(proof, observability)
        prove_dashboards(proof, observability)
        webhook = "webhook_configs" in (observability / "alertmanager/alertmanager.yml").read_text()
        prove_alert(stack, proof, webhook)
        proof.facts["monitoring s"] = round(time.monotonic() - started)
        for service, why in NEVER_STARTED.items():
            if service in overlay["services"]:
                proof.not_run.append(f"NOT RUN: monitoring of {proof.name}: {service} is not started: {why}")
    finally:
        stack.compose("down", "--volumes", "--remove-orphans", timeout=300)
        (directory / ".env").unlink(missing_ok=True)
    left = stack.leftovers()
    proof.check("monitoring: down --volumes leaves nothing", not left, left)


def api(path):
    code, out = curl("--globoff", f"{PROMETHEUS}{path}")
    try:
        return json.loads(out)["data"] if code == 0 else None
    except (ValueError, KeyError):
        return None


def until(predicate, seconds, step=5):
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def prove_targets(stack, proof, overlay):
    """Every scrape job of a started service is up; the jobs of the services not started are the only ones down."""
    expected_down = {job for service, job in NOT_STARTED.items() if service in overlay["services"]}

    def job_health():
        data = api("/api/v1/targets")
        if not data:
            return None
        jobs = {}
        for target in data["activeTargets"]:
            jobs.setdefault(target["labels"]["job"], set()).add(target["health"])
        return jobs

    def up(jobs):
        return {job for job, states in jobs.items() if states == {"up"}}

    def settled():
        jobs = job_health()
        return jobs if jobs and up(jobs) | expected_down >= set(jobs) else None

    jobs = until(settled, 120)
    ok = jobs is not None and {"app", "postgres", "prometheus", "alertmanager"} <= up(jobs)
    proof.check("monitoring: app, postgres, prometheus and alertmanager targets up", ok,
                f"{jobs or job_health()}{logs_of(stack, 'prometheus')}")
    if ok:
        proof.facts["targets up"] = len(up(jobs))


def prove_rules(stack, proof, observability):
    """Prometheus loaded every rules file as a group, and every rule evaluates without error."""
    files = sorted(p.name for p in (observability / "prometheus/rules").glob("*.yml"))

    def evaluated():
        data = api("/api/v1/rules")
        if not data or len(data["groups"]) != len(files):
            return None
        rules = [rule for group in data["groups"] for rule in group["rules"]]
        return data if all(rule["health"] != "unknown" for rule in rules) else None

    data = until(evaluated, 90) or api("/api/v1/rules") or {"groups": []}
    rules = [rule for group in data["groups"] for rule in group["rules"]]
    broken = [f"{rule['name']}: {rule.get('lastError')}" for rule in rules if rule["health"] != "ok"]
    proof.check(f"monitoring: {len(files)} rules files loaded", len(data["groups"]) == len(files),
                f"{[g['file'] for g in data['groups']]}{logs_of(stack, 'prometheus')}")
    proof.check("monitoring: every rule evaluates", rules and not broken, broken)
    proof.facts["rules loaded"] = len(rules)


def prove_exposed(proof, observability):
    """Each metric the app and PostgreSQL alerts read has a series: a rule on a name nothing exports never fires."""
    missing = []
    for name in EXPOSED_RULES:
        path = observability / "prometheus/rules" / name
        if not path.is_file():
            continue
        exprs = [rule["expr"] for group in yaml.safe_load(path.read_text())["groups"] for rule in group["rules"]]
        metrics = {m for expr in exprs for m in re.findall(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{\[]", expr)} - NOT_METRICS
        for metric in sorted(metrics):
            data = until(lambda: (api(f"/api/v1/series?match[]={metric}") or None), 60)
            if not data:
                missing.append(f"{name}: {metric}")
    proof.check("monitoring: every metric the app and PostgreSQL alerts read is exposed", not missing, missing)


def query(expr):
    """(ok, series count or error) of an instant query, as Grafana's Prometheus datasource sends it."""
    code, out = curl("--globoff", "--data-urlencode", f"query={expr}", f"{PROMETHEUS}/api/v1/query")
    try:
        answer = json.loads(out)
    except ValueError:
        return False, out
    if code != 0 or answer.get("status") != "success":
        return False, answer.get("error", out)
    return True, len(answer["data"]["result"]) if answer["data"]["resultType"] == "vector" else 1


def prove_dashboards(proof, observability):
    """Each panel query of the generated dashboards, with Grafana's rate window filled in, runs without error; on the
    app's and PostgreSQL's dashboards each also returns a series, so no panel of theirs says No data."""
    boards = sorted((observability / "grafana/dashboards").glob("*.json"))
    if not boards:
        return
    # Prometheus's queries only: the logs panel asks Loki, which is not started (NEVER_STARTED).
    queries = [(board.name, panel["title"], target["refId"], target["expr"].replace("$__rate_interval", RATE_INTERVAL))
               for board in boards for panel in json.loads(board.read_text())["panels"] for target in panel.get("targets", [])
               if target["datasource"]["type"] == "prometheus"]

    def answers():
        return [(where, query(expr)) for *where, expr in queries]

    def complete():
        found = answers()
        return found if all(ok and (series or where[0] not in SHOWN_DASHBOARDS) for where, (ok, series) in found) else None

    # Rates need two scrapes inside their window: the first answers may be empty for a minute.
    found = until(complete, 120, step=10) or answers()
    failed = [f"{board} {title!r} {ref}: {series}" for (board, title, ref), (ok, series) in found if not ok]
    empty = [f"{board} {title!r} {ref}" for (board, title, ref), (ok, series) in found
             if ok and not series and board in SHOWN_DASHBOARDS]
    proof.check(f"monitoring: the dashboards' {len(queries)} queries run on Prometheus", not failed, failed)
    proof.check("monitoring: every panel of the app and PostgreSQL dashboards shows data", not empty, empty)
    proof.facts["dashboard queries"] = len(queries)
    if any(board.name not in SHOWN_DASHBOARDS for board in boards):
        proof.not_run.append(f"NOT RUN: monitoring of {proof.name}: the containers and host dashboard's data (cAdvisor and "
                             "node_exporter read this machine and are not started); its queries run, with no data to show")


def prove_alert(stack, proof, webhook):
    """The app stops: TargetDown fires for its job, Alertmanager holds it and, where the spec has a webhook channel,
    posts it there (the receiver)."""
    stopped = time.monotonic()
    stack.compose("stop", "app", timeout=120)

    def firing():
        data = api("/api/v1/alerts")
        return data and any(a["labels"].get("alertname") == "TargetDown" and a["labels"].get("job") == "app"
                            and a["state"] == "firing" for a in data["alerts"])

    fired = until(firing, 240)
    proof.check("monitoring: stopping the app fires TargetDown", fired, api("/api/v1/alerts"))
    if not fired:
        return
    proof.facts["TargetDown firing s"] = round(time.monotonic() - stopped)

    def held():
        code, out = curl("--globoff", f"{ALERTMANAGER}/api/v2/alerts?filter=alertname%3D%22TargetDown%22&filter=job%3D%22app%22")
        try:
            return code == 0 and json.loads(out)
        except ValueError:
            return None

    proof.check("monitoring: Alertmanager holds the TargetDown alert Prometheus sent", until(held, 60),
                logs_of(stack, "alertmanager"))
    if not webhook:
        proof.not_run.append(f"NOT RUN: monitoring of {proof.name}: the spec names no webhook channel, so no notification "
                             "is followed to a receiver (Alertmanager holding the alert is asserted)")
        return

    def received():
        code, out = stack.compose("exec", "-T", "receiver", "sh", "-c", "cat /received/*.json 2>/dev/null; true", timeout=60)
        found, decoder, text, at = [], json.JSONDecoder(), out.strip(), 0
        while at < len(text):
            try:
                document, end = decoder.raw_decode(text, at)
            except ValueError:
                break
            found.append(document)
            at = end
            while at < len(text) and text[at].isspace():
                at += 1
        return [n for n in found if n.get("status") == "firing" and any(
            a["labels"].get("alertname") == "TargetDown" and a["labels"].get("job") == "app" for a in n.get("alerts", []))]

    notifications = until(received, 120)
    proof.check("monitoring: TargetDown reaches the webhook through Alertmanager", bool(notifications),
                logs_of(stack, "alertmanager") + logs_of(stack, "receiver"))
    if notifications:
        proof.facts["notified s"] = round(time.monotonic() - stopped)
        proof.check("monitoring: the notification names the receiver the route chose", notifications[0]["receiver"] == "critical",
                    notifications[0]["receiver"])
