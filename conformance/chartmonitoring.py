"""The chart's own monitoring (the release's Prometheus, its rules, Alertmanager and dashboards), through the tools
that run them: every PrometheusRule of a render, as the operator hands it to Prometheus, through promtool check rules;
the chart's promtool tests, with their coverage and the negative control that makes them fail against rules that never
fire; the dashboards through dashboard-check with the datasource the render provisions. Beyond the tools: the rules,
the routes and the template are the observability phase's files byte for byte (only the PostgreSQL group differs: it
reads CloudNativePG's metrics), each PrometheusRule holds its file's groups unchanged, the Prometheus selects every
monitor and rule of the release and runs the Prometheus release promtool is, the app's targets are job "app" as the
rules expect, and every secret file Alertmanager's configuration reads is mounted from the app's Secret.
"""

import json
import re
import tempfile
from pathlib import Path

import yaml

import observability
from common import run, tool

FILES = "files"
# The observability phase's files the chart carries unchanged, relative to files/ and to generated/observability.
SHARED = ["alertmanager/alertmanager.yml", "alertmanager/templates/notification.tmpl"]
# Rule files only the cluster has: PostgreSQL as CloudNativePG exports it.
CLUSTER_ONLY_RULES = {"cloudnative-pg.yml"}
SELECTOR = "specql.dev/prometheus"


def check(tally, case, target, chart, render):
    """Run where the chart carries the observability phase's files (the spec's Prometheus and the operator on)."""
    files = chart / FILES
    label = f"{case}/{chart.name}"
    if not files.is_dir():
        return
    promtool, checker = tool("promtool"), tool("dashboard-check")
    if not promtool or not checker:
        tally.failures.append(f"chart monitoring: {label}: promtool or dashboard-check not installed")
        return
    docs = [doc for doc in yaml.safe_load_all(render.read_text()) if doc]
    rules(tally, label, files, docs, promtool)
    prometheus = files / "prometheus"
    for tests in sorted((prometheus / "tests").glob("*.yml")):
        code, out = run([promtool, "test", "rules", tests.name], cwd=tests.parent)
        tally.record("promtool test rules (chart)", f"{label}/tests/{tests.name}", code == 0, out)
    observability.check_coverage(tally, label, prometheus)
    with tempfile.TemporaryDirectory(prefix="chart-rules-") as scratch:
        observability.negative_control(tally, prometheus, Path(scratch) / "prometheus")
    dashboards(tally, label, files, docs, checker)
    consistency(tally, label, target, files, docs, promtool)


def rules(tally, label, files, docs, promtool):
    """Each PrometheusRule's groups pass promtool and are its file's groups; each rules file has its PrometheusRule."""
    found = {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == "PrometheusRule"}
    files_seen = sorted(p.name for p in (files / "prometheus/rules").glob("*.yml"))
    tally.record("consistency", f"{label} (PrometheusRules)", len(found) == len(files_seen) and bool(files_seen),
                 f"{len(found)} PrometheusRules for rules files {files_seen}")
    with tempfile.TemporaryDirectory(prefix="prometheusrule-") as scratch:
        for name, doc in sorted(found.items()):
            path = Path(scratch) / f"{name}.yml"
            path.write_text(yaml.safe_dump({"groups": doc["spec"]["groups"]}, sort_keys=False))
            code, out = run([promtool, "check", "rules", str(path)])
            tally.record("promtool check rules (PrometheusRule)", f"{label}/{name}", code == 0, out)
            source = next((files / "prometheus/rules" / f for f in files_seen if name.endswith("-" + Path(f).stem)), None)
            same = source is not None and yaml.safe_load(source.read_text())["groups"] == doc["spec"]["groups"]
            tally.record("consistency", f"{label} (PrometheusRule {name})", same, f"its groups are not those of {source}")


def dashboards(tally, label, files, docs, checker):
    """dashboard-check on the chart's dashboards with the datasource ConfigMap the render provisions."""
    boards = sorted((files / "grafana/dashboards").glob("*.json"))
    configmaps = [doc for doc in docs if doc["kind"] == "ConfigMap"]
    sources = [doc for doc in configmaps if "grafana_datasource" in (doc["metadata"].get("labels") or {})]
    loaded = [doc for doc in configmaps if "grafana_dashboard" in (doc["metadata"].get("labels") or {})]
    if not boards:
        tally.record("consistency", f"{label} (dashboards)", not sources and not loaded, "dashboard ConfigMaps without dashboard files")
        return
    with tempfile.TemporaryDirectory(prefix="chart-grafana-") as scratch:
        provisioning = Path(scratch) / "provisioning/datasources"
        provisioning.mkdir(parents=True)
        for doc in sources:
            for key, text in doc["data"].items():
                (provisioning / key).write_text(text)
        code, out = run([checker, str(Path(scratch) / "provisioning"), str(files / "grafana/dashboards")])
        tally.record("dashboard-check", f"{label}/files/grafana (the render's datasource)", code == 0 and bool(sources), out)
    if code != 0:
        return
    report = json.loads(out[:out.rindex("}") + 1])
    shipped = {name: text for doc in loaded for name, text in doc["data"].items()}
    problems = [f"{board.name} is not shipped unchanged in a ConfigMap" for board in boards if shipped.get(board.name) != board.read_text().rstrip("\n")]
    # The release's Prometheus scrapes the app and CloudNativePG only: a metric of any exporter job is never there.
    for dashboard in report["dashboards"]:
        for metric in dashboard["metrics"]:
            if observability.job_of(metric) not in (None, "app"):
                problems.append(f"{dashboard['file']} reads {metric}, which nothing on the cluster exports to the release's Prometheus")
    tally.record("consistency", f"{label} (dashboards)", not problems, "; ".join(sorted(set(problems))))


def consistency(tally, label, target, files, docs, promtool):
    problems = []
    for shared in SHARED:
        mine, theirs = files / shared, target / observability.OBSERVABILITY_DIR / shared
        if not theirs.is_file() or mine.read_bytes() != theirs.read_bytes():
            problems.append(f"files/{shared} is not generated/observability/{shared}")
    for rules in sorted((files / "prometheus/rules").glob("*.yml")):
        theirs = target / observability.OBSERVABILITY_DIR / "prometheus/rules" / rules.name
        if rules.name not in CLUSTER_ONLY_RULES and (not theirs.is_file() or rules.read_bytes() != theirs.read_bytes()):
            problems.append(f"files/prometheus/rules/{rules.name} is not the observability phase's")
    prometheus = [doc for doc in docs if doc["kind"] == "Prometheus"]
    if len(prometheus) != 1:
        problems.append(f"{len(prometheus)} Prometheus resources, not 1")
    else:
        spec = prometheus[0]["spec"]
        wanted = {kind: spec.get(key, {}).get("matchLabels", {}) for kind, key in
                  (("ServiceMonitor", "serviceMonitorSelector"), ("PodMonitor", "podMonitorSelector"), ("PrometheusRule", "ruleSelector"))}
        for doc in docs:
            if doc["kind"] in wanted:
                labels = doc["metadata"].get("labels") or {}
                if not wanted[doc["kind"]] or any(labels.get(k) != v for k, v in wanted[doc["kind"]].items()):
                    problems.append(f"{doc['kind']} {doc['metadata']['name']} is not selected by the release's Prometheus")
        # The rules are tested by this promtool: the release's Prometheus must be the same release.
        _, version = run([promtool, "--version"])
        found = re.search(r"version (\d+\.\d+\.\d+) ", version)
        pinned = "v" + found.group(1) if found else "(promtool printed no version)"
        if spec.get("version") != pinned or not spec.get("image", "").endswith(":" + pinned):
            problems.append(f"the release's Prometheus runs {spec.get('image')} ({spec.get('version')}), promtool is {pinned}")
    for doc in docs:
        if doc["kind"] == "ServiceMonitor":
            relabels = [r for e in doc["spec"]["endpoints"] for r in e.get("relabelings", [])]
            if {"targetLabel": "job", "replacement": "app"} not in relabels:
                problems.append(f"ServiceMonitor {doc['metadata']['name']} does not name the app's targets job \"app\", which the rules select")
    read = set(re.findall(r"/run/secrets/([A-Za-z0-9_.-]+)", (files / "alertmanager/alertmanager.yml").read_text()))
    mounted = set()
    for doc in docs:
        if doc["kind"] == "StatefulSet" and (doc["metadata"].get("labels") or {}).get("app.kubernetes.io/component") == "alertmanager":
            pod = doc["spec"]["template"]["spec"]
            mounts = {m["name"]: m["mountPath"] for m in pod["containers"][0].get("volumeMounts", [])}
            for volume in pod.get("volumes", []):
                if "secret" in volume and mounts.get(volume["name"]) == "/run/secrets":
                    mounted |= {item["path"] for item in volume["secret"].get("items", [])}
    if read - mounted:
        problems.append(f"Alertmanager reads /run/secrets/{sorted(read - mounted)}, which no volume mounts")
    tally.record("consistency", f"{label} (monitoring)", not problems, "; ".join(problems))

