"""The kubernetes pattern's Helm chart, through the tools a platform team runs on a chart before accepting it.

helm lint --strict, then helm template with the default values and with every toggle flipped (RENDERS); each render
goes through k8s-check (the Kubernetes OpenAPI schemas of k8s.io/kubernetes, strict decoding into the typed API,
the CloudNativePG / Barman Cloud / Prometheus operator CRD schemas from their Go modules, and the Pod Security
Standards' restricted profile by the pod-security-admission library), kube-score and checkov's kubernetes framework,
both with zero findings (skips are annotations in the templates, each with its reason); then every render is created
in a real kube-apiserver of the same release (apiserver-check: semantic validation, defaulting, strict fields, the CRDs
installed, RBAC, admission with PodSecurity restricted enforced, every warning a failure). Beyond the tools: the chart
runs what phase 1 runs (the Dockerfile's command and port, the health path, the app's variables, the migration
command). Negative controls prove the checks can fail: values.schema.json must refuse a wrong type and an unknown
key, and k8s-check must refuse a render with a privileged container.
"""

import json
import re
import tempfile
from pathlib import Path

import yaml

import chartmonitoring
from common import run, tool

HELM_DIR = "generated/helm"
PHASE1_DIR = "generated/deployment"
NAMESPACE = "conformance"
# What each render sets besides the defaults: between them, every boolean of values.yaml flipped and every optional
# object written (backups, digest, registry secret, monitors, extra egress).
RENDERS = {
    "defaults": [],
    "flipped": ["autoscaling.enabled=false", "ingress.tls.enabled=false", "serviceAccount.create=false",
                "serviceAccount.name=default", "tests.enabled=false", "metrics.serviceMonitor.enabled=true",
                "metrics.podMonitor.enabled=true", "image.digest=sha256:" + "0" * 64, "imagePullSecrets[0].name=registry",
                "metrics.prometheus.enabled=false", "metrics.serviceMonitor.labels.release=kube-prometheus-stack"],
    "backups": ["database.backup.destinationPath=s3://backups/conformance", "database.backup.s3CredentialsSecret=backup-keys",
                "database.storage.storageClass=gp3", "ingress.enabled=false",
                "networkPolicy.extraEgress[0].to[0].ipBlock.cidr=0.0.0.0/0", "networkPolicy.extraEgress[0].ports[0].port=443",
                "metrics.serviceMonitor.enabled=true", "metrics.podMonitor.enabled=true", "metrics.prometheus.enabled=true",
                "metrics.rules.enabled=false", "metrics.alertmanager.enabled=false", "metrics.dashboards.enabled=false"],
    "switched": ["worker.enabled=false", "migrations.enabled=false", "valkey.enabled=false",
                 "metrics.serviceMonitor.enabled=false", "metrics.podMonitor.enabled=false", "metrics.prometheus.enabled=true",
                 "metrics.dashboards.enabled=true",
                 "database.backup.destinationPath=s3://backups/conformance"],
}
# Protections a platform may provide itself, turned off: schema-checked and linted, not reviewed (kube-score and
# checkov would rightly report the missing NetworkPolicies and PodDisruptionBudget).
UNPROTECTED = {"unprotected": ["networkPolicy.enabled=false", "podDisruptionBudget.enabled=false"]}
# Wrong values the schema must refuse (helm lint fails), one at a time.
REFUSED_VALUES = [["replicaCount=three"], ["app.unknownKey=1"], ["ingress.tls.clusterIssuer=Not_A_Name"]]


def validators():
    return {name: tool(name) for name in ("helm", "k8s-check", "kube-score", "checkov", "apiserver-check")}


def check(tally, case, target):
    charts = sorted(p for p in (target / HELM_DIR).glob("*") if (p / "Chart.yaml").is_file())
    if not charts:
        return
    found = validators()
    missing = [name for name, path in found.items() if not path]
    if missing:
        tally.failures.append(f"helm: {case}: {missing} not installed (conformance/install-tools.sh installs them)")
        return
    for chart in charts:
        check_chart(tally, case, target, chart, found)


def check_chart(tally, case, target, chart, found):
    release = chart.name
    code, out = run([found["helm"], "lint", "--strict", str(chart)])
    tally.record("helm lint --strict", f"{case}/{release}", code == 0, out)
    renders = {}
    with tempfile.TemporaryDirectory(prefix="helm-render-") as scratch:
        for render, settings in {**RENDERS, **UNPROTECTED}.items():
            args = [arg for setting in settings for arg in ("--set", setting)]
            code, out = run([found["helm"], "lint", "--strict", str(chart)] + args)
            tally.record("helm lint --strict", f"{case}/{release} ({render})", code == 0, out)
            code, out = run([found["helm"], "template", release, str(chart), "--namespace", NAMESPACE] + args)
            tally.record("helm template", f"{case}/{release} ({render})", code == 0, out)
            if code != 0:
                continue
            path = Path(scratch) / f"{render}.yaml"
            path.write_text(out)
            renders[render] = path
            code, report = run([found["k8s-check"], str(path)])
            tally.record("k8s-check (schemas, CRDs, PSS restricted)", f"{case}/{release} ({render})", code == 0, report)
            if render in UNPROTECTED:
                continue
            code, report = run([found["kube-score"], "score", "--output-format", "ci", str(path)])
            findings = [line for line in report.splitlines() if line.startswith(("[CRITICAL]", "[WARNING]"))]
            tally.record("kube-score", f"{case}/{release} ({render})", code == 0 and not findings, "\n".join(findings) or report)
            if render == "defaults":
                kube_score_ignores(tally, f"{case}/{release}", path)
            checkov(tally, f"{case}/{release} ({render})", path, found["checkov"])
        apiserver(tally, f"{case}/{release}", renders, found["apiserver-check"])
        refusals(tally, case, chart, found, renders.get("defaults"), Path(scratch))
        if "defaults" in renders:
            consistency(tally, case, target, release, renders["defaults"])
            chartmonitoring.check(tally, case, target, chart, renders["defaults"])


def apiserver(tally, label, renders, apiserver_bin):
    """Every render created in a real kube-apiserver (one start per chart, a namespace per render): a refusal or any
    warning (PodSecurity's among them) is a failure, reported against its render."""
    if not renders:
        return
    paths = {str(path): render for render, path in renders.items()}
    code, out = run([apiserver_bin] + list(paths), timeout=900)
    problems = {render: [] for render in renders}
    for line in out.splitlines():
        path = next((p for p in paths if line.startswith(p + ": ")), None)
        if path:
            problems[paths[path]].append(line)
    # Exit 1 names the renders it refused; any other failure (2: no apiserver, a CRD refused) is the chart's as a whole.
    if code not in (0, 1) or (code == 1 and not any(problems.values())):
        tally.record("kube-apiserver create", label, False, out[-3000:])
        return
    for render, lines in problems.items():
        tally.record("kube-apiserver create", f"{label} ({render})", not lines, "\n".join(lines))


def checkov(tally, label, path, checkov_bin):
    code, out = run([checkov_bin, "--compact", "--framework", "kubernetes", "--output", "json", "--file", str(path),
                     "--skip-download", "--soft-fail"], timeout=900)
    try:
        report = json.loads(out[out.index("{"):]) if "{" in out else {}
    except ValueError:
        tally.record("checkov kubernetes", label, False, out[-2000:])
        return
    reports = report if isinstance(report, list) else [report]
    # A report without results, or with no check passed, means checkov read nothing: that is no pass.
    read = bool(reports) and all("results" in r and r.get("summary", {}).get("passed", 0) > 0 for r in reports)
    failed = [c for r in reports for c in r.get("results", {}).get("failed_checks", [])]
    for r in reports:
        for skipped in r.get("results", {}).get("skipped_checks", []):
            reason = (skipped.get("check_result") or {}).get("suppress_comment", "")
            tally.skip("checkov kubernetes", f"{label}: {skipped.get('resource')}", skipped["check_id"], reason or "NO REASON GIVEN")
            if not reason:
                tally.record("checkov kubernetes", f"{label}: {skipped.get('resource')}", False, "a skip without a written reason")
    detail = "\n".join(f"{c['check_id']} {c['check_name']} at {c.get('resource')}" for c in failed) or out[-2000:]
    tally.record("checkov kubernetes", label, read and not failed, detail if read else "checkov read no resource:\n" + out[-2000:])


def kube_score_ignores(tally, label, render):
    """kube-score's per-object ignores: each must say why, in the annotation beside it."""
    for doc in documents(render):
        annotations = doc.get("metadata", {}).get("annotations") or {}
        if "kube-score/ignore" in annotations:
            reason = annotations.get("specql.dev/kube-score-ignore-reason", "")
            where = f"{label}: {doc['kind']}/{doc['metadata']['name']}"
            tally.skip("kube-score", where, annotations["kube-score/ignore"], reason or "NO REASON GIVEN")
            if not reason:
                tally.record("kube-score", where, False, "kube-score/ignore without specql.dev/kube-score-ignore-reason")


def refusals(tally, case, chart, found, default_render, scratch):
    """The checks must be able to fail: the schema refuses wrong values, k8s-check a privileged container."""
    for settings in REFUSED_VALUES:
        args = [arg for setting in settings for arg in ("--set", setting)]
        code, out = run([found["helm"], "lint", "--strict", str(chart)] + args)
        tally.record("helm negative control", f"{case}/{chart.name}: {settings[0]} refused", code != 0,
                     f"helm lint accepted {settings}: values.schema.json lets it through\n{out}")
    if default_render is None:
        return
    text = default_render.read_text()
    broken = text.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", 1)
    if broken == text:
        tally.record("helm negative control", f"{case}/{chart.name}: privileged render refused", False,
                     "the default render has no allowPrivilegeEscalation: false to flip")
        return
    path = scratch / "privileged.yaml"
    path.write_text(broken)
    code, out = run([found["k8s-check"], str(path)])
    tally.record("helm negative control", f"{case}/{chart.name}: privileged render refused", code != 0 and "allowPrivilegeEscalation" in out,
                 f"k8s-check accepted a container with allowPrivilegeEscalation: true\n{out}")


def documents(path):
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def pod_specs(docs, component):
    """The pod specs of the objects labelled with this component."""
    specs = []
    for doc in docs:
        labels = doc.get("metadata", {}).get("labels", {})
        if labels.get("app.kubernetes.io/component") != component:
            continue
        if doc["kind"] in ("Deployment", "StatefulSet", "Job"):
            specs.append(doc["spec"]["template"]["spec"])
        elif doc["kind"] == "Pod":
            specs.append(doc["spec"])
    return specs


def dockerfile_facts(dockerfile):
    """The runtime stage's CMD (exec form) and EXPOSE of phase 1's Dockerfile."""
    text = dockerfile.read_text()
    final = text[text.rindex("\nFROM "):]
    cmd = re.search(r"^CMD (\[.*\])\s*$", final, re.M)
    expose = re.search(r"^EXPOSE (\d+)", final, re.M)
    return (json.loads(cmd.group(1)) if cmd else None), (int(expose.group(1)) if expose else None)


def consistency(tally, case, target, release, render):
    """The chart runs phase 1's command, port, health path, variables and migrations."""
    label = f"{case}/{release}"
    docs = documents(render)
    apps = pod_specs(docs, "app")
    if len(apps) != 1:
        tally.record("helm consistency", label, False, f"{len(apps)} app pod specs in the default render, not 1")
        return
    app = next(c for c in apps[0]["containers"] if c["name"] == "app")
    problems = []
    # The kubelet reads $$ as $, Compose too: compare the texts the processes see.
    literal = lambda words: [w.replace("$$", "$") for w in words] if isinstance(words, list) else words
    command, port = dockerfile_facts(target / PHASE1_DIR / "Dockerfile")
    if command is None or port is None:
        problems.append("phase 1's Dockerfile has no exec-form CMD or no EXPOSE in its last stage to compare with")
    elif literal(app.get("command")) != command:
        problems.append(f"the app runs {app.get('command')}, the Dockerfile's CMD is {command}")
    if port is not None and app["ports"][0]["containerPort"] != port:
        problems.append(f"the app's port {app['ports'][0]['containerPort']} is not the Dockerfile's EXPOSE {port}")
    compose = yaml.safe_load((target / PHASE1_DIR / "compose.production.yaml").read_text())
    services = compose["services"]
    health = [s for s in json.dumps(services["app"].get("healthcheck", {}).get("test", [])).split("'") if s.startswith("http")]
    paths = {probe["httpGet"]["path"] for probe in (app["startupProbe"], app["readinessProbe"])}
    if app["livenessProbe"].get("tcpSocket", {}).get("port") != "http":
        problems.append(f"the liveness probe is not a connection to the app's port: {app['livenessProbe']}")
    if not health:
        problems.append("phase 1's app health check names no URL to compare the probes with")
    else:
        wanted = "/" + health[0].split("/", 3)[3] if health[0].count("/") >= 3 else "/"
        if paths != {wanted}:
            problems.append(f"the probes check {sorted(paths)}, phase 1's health check {wanted}")
    env = {e["name"] for e in app.get("env", [])}
    compose_env = services["app"].get("environment", {})
    names = set(compose_env) if isinstance(compose_env, dict) else {e.split("=", 1)[0] for e in compose_env}
    missing = sorted(names - env - {"POSTGRES_PASSWORD"})
    if missing:
        problems.append(f"phase 1's app variables {missing} are not set in the chart's app container")
    migrate = services.get("migrate")
    jobs = pod_specs(docs, "migrations")
    if migrate and not jobs:
        problems.append("phase 1 runs migrations, the chart has no migration Job")
    if migrate and jobs:
        job_command = jobs[0]["containers"][0]["command"]
        compose_command = migrate.get("command") or migrate.get("entrypoint")
        if compose_command and literal(job_command) != literal(compose_command):
            problems.append(f"the migration Job runs {job_command}, phase 1's migrate service {compose_command}")
    worker = services.get("worker")
    workers = pod_specs(docs, "worker")
    if worker and workers and worker.get("command") and literal(workers[0]["containers"][0]["command"]) != literal(worker["command"]):
        problems.append(f"the worker runs {workers[0]['containers'][0]['command']}, phase 1's {worker['command']}")
    if bool(services.get("scheduler")) != bool(pod_specs(docs, "scheduler")):
        problems.append(f"phase 1 {'runs' if services.get('scheduler') else 'has no'} scheduler, the chart differs")
    if bool(worker) != bool(workers):
        problems.append(f"phase 1 {'runs' if worker else 'has no'} worker, the chart {'has one' if workers else 'has none'}")
    tally.record("helm consistency", label, not problems, "\n".join(problems))
