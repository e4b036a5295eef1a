"""The ECS monitoring task's start, for real where it can be: after the emulator stage has applied an environment root
against moto, the task's first container (`config`) runs as its task definition says, against what the apply created.

Its script (module observability's config-init.sh, as embedded in the applied task definition) runs with the
definition's environment, the values of the secrets it names (read from moto's Secrets Manager, a test value put
first where the operator has not set one yet), the AWS CLI and moto's endpoint, in a mount namespace where the
task's volumes are directories of a scratch folder bound at /volumes. Then:
- it exits 0 and logs the configuration version;
- every file another container of the task opens (--config.file=...) is in the volume that container mounts there;
- the copied Prometheus configuration passes `promtool check config` with the copied rules, and Alertmanager's
  `amtool check-config`;
- Grafana's provisioning and each dashboard of DASHBOARDS are there;
- each secret file holds its value, readable by its reader's user only (mode 0400), and each data volume belongs
  to the user its server runs as.

What stands in, and how it differs: moto's S3 and Secrets Manager for AWS's (no IAM: the task role's policy is the
module tests' business); the AWS CLI 1.x of the tool cache for the pinned 2.x image (both take `s3 cp --recursive
--only-show-errors`); this machine's /bin/sh (dash) for the image's; a bind mount for Fargate's task volumes. The
servers themselves are not started here (the runtime stage starts the same configuration on Compose).
"""

import json
import os
import re
import shlex
import stat
import tempfile
import time
from pathlib import Path

from common import run, tool

VOLUMES = "/volumes"


def region_of(root):
    for path in sorted(root.glob("*.tf")):
        found = re.search(r'^\s*region\s*=\s*"([a-z0-9-]+)"', path.read_text(), re.M)
        if found:
            return found.group(1)
    return None


def check(root, env, log):
    """Failures (empty when the task's start works, or when the root runs no monitoring task) and seconds taken, for
    the applied root at `root`."""
    started = time.monotonic()
    try:
        failures = start(root, env, log)
    except Exception as error:  # a fault of this check is a failure of the stage's row, not the end of the stage
        failures = [f"monitoring task: the check itself failed: {type(error).__name__}: {error}"]
    return failures, round(time.monotonic() - started, 1)


def start(root, env, log):
    aws, promtool, amtool = tool("aws"), tool("promtool"), tool("amtool")
    if not aws or not promtool or not amtool:
        return ["monitoring task: aws, promtool or amtool not installed (conformance/install-tools.sh)"]
    region = region_of(root)
    env = dict(env, AWS_DEFAULT_REGION=region or "us-east-1")

    def aws_json(*arguments):
        code, out = run([aws, "--output", "json", *arguments], env=env, timeout=120)
        if code != 0:
            raise RuntimeError(f"aws {' '.join(arguments[:2])}: {out.strip()[-500:]}")
        return json.loads(out) if out.strip() else {}

    try:
        arns = aws_json("ecs", "list-task-definitions")["taskDefinitionArns"]
        monitoring = [arn for arn in arns if re.search(r":task-definition/[a-z0-9-]+-monitoring:\d+$", arn)]
        runs_task = 'module "observability"' in (root / "main.tf").read_text()
        if not monitoring:
            # A root that runs the task must have registered its definition: nothing to check is a failure there.
            return ["monitoring task: the root calls module observability, but moto holds no <prefix>-monitoring task "
                    "definition"] if runs_task else []
        if not runs_task:
            return [f"monitoring task: {monitoring[-1]} is registered, but the root calls no module observability"]
        definition = aws_json("ecs", "describe-task-definition", "--task-definition", monitoring[-1])["taskDefinition"]
        containers = {c["name"]: c for c in definition["containerDefinitions"]}
        config = containers["config"]
        values = {}
        for secret in config.get("secrets", []):
            arn = secret["valueFrom"]
            try:
                values[secret["name"]] = aws_json("secretsmanager", "get-secret-value", "--secret-id", arn)["SecretString"]
            except RuntimeError:
                # An empty secret the operator sets (README); the test's own value stands in.
                aws_json("secretsmanager", "put-secret-value", "--secret-id", arn, "--secret-string", f"emulator-{secret['name']}")
                values[secret["name"]] = f"emulator-{secret['name']}"
    except (RuntimeError, KeyError) as error:
        return [f"monitoring task: reading the applied task definition: {error}"]
    with tempfile.TemporaryDirectory(prefix="monitoring-task-") as scratch:
        return run_config(Path(scratch), definition, containers, config, values, env, (promtool, amtool), log)


def run_config(scratch, definition, containers, config, values, env, checkers, log):
    volumes = scratch / "volumes"
    for volume in definition.get("volumes", []):
        (volumes / volume["name"]).mkdir(parents=True)
    task_env = {e["name"]: e["value"] for e in config.get("environment", [])}
    script = config["command"][0]
    (scratch / "config-init.sh").write_text(script)
    # The AWS CLI of the tool cache, first on the PATH; moto's endpoint and keys from the emulator's environment.
    bin_dir = scratch / "bin"
    bin_dir.mkdir()
    (bin_dir / "aws").symlink_to(tool("aws"))
    environment = {**env, **task_env, **values, "PATH": f"{bin_dir}:{os.environ['PATH']}", "HOME": str(scratch)}
    # The task's /volumes/<name> mounts, as one bind mount of the scratch folder, in a namespace of its own.
    inner = f"mkdir -p {VOLUMES} && mount --bind {shlex.quote(str(volumes))} {VOLUMES} && exec sh {shlex.quote(str(scratch / 'config-init.sh'))}"
    code, out = run(["unshare", "--mount", "sh", "-c", inner], env=environment, timeout=300)
    try:
        os.rmdir(VOLUMES)
    except OSError:
        pass
    failures = []
    if code != 0 or "config-init: configuration" not in out:
        return [f"monitoring task: the config container's script failed (exit {code}): {out.strip()[-1500:]}"]
    failures += opened_files(containers, volumes)
    failures += validated(containers, volumes, checkers)
    failures += grafana_files(task_env, volumes)
    failures += secret_files(task_env, values, volumes)
    for volume, owner in (("prometheus-data", 65534), ("alertmanager-data", 65534), ("grafana-data", 472)):
        if (volumes / volume).stat().st_uid != owner:
            failures.append(f"volume {volume} belongs to {(volumes / volume).stat().st_uid}, its server runs as {owner}")
    log(f"    monitoring task: config container ran, {sum(1 for _ in volumes.rglob('*') if _.is_file())} files in its volumes, "
        f"{len(failures)} problems")
    return [f"monitoring task: {f}" for f in failures]


def in_volume(container, path, volumes):
    """Where a path a container opens lies in the scratch volumes, through that container's mount points."""
    for mount in container.get("mountPoints", []):
        prefix = mount["containerPath"].rstrip("/") + "/"
        if path.startswith(prefix):
            return volumes / mount["sourceVolume"] / path[len(prefix):]
    return None


def opened_files(containers, volumes):
    failures = []
    for name, container in containers.items():
        for argument in container.get("command", []) or []:
            found = re.fullmatch(r"--config\.file=(\S+)", argument)
            if not found:
                continue
            local = in_volume(container, found.group(1), volumes)
            if local is None or not local.is_file():
                failures.append(f"{name} opens {found.group(1)}, which the config container did not put in its volume")
    for secret in re.findall(r"/run/secrets/[a-z0-9_]+", json.dumps([c.get("environment", []) for c in containers.values()])):
        readers = [c for c in containers.values() if secret in json.dumps(c.get("environment", []))]
        for reader in readers:
            local = in_volume(reader, secret, volumes)
            if local is None or not local.is_file():
                failures.append(f"{reader['name']} reads {secret}, which is not in its volume")
    return failures


def validated(containers, volumes, checkers):
    promtool, amtool = checkers
    failures = []
    prometheus = containers.get("prometheus", {})
    config = next((a.split("=", 1)[1] for a in prometheus.get("command", []) if a.startswith("--config.file=")), None)
    local = in_volume(prometheus, config, volumes) if config else None
    if local and local.is_file():
        # promtool opens the credentials files: /run/secrets/ is read where the task mounts it, the secrets volume.
        secrets = in_volume(prometheus, "/run/secrets/", volumes)
        checked = local.parent / f"checked-{local.name}"
        checked.write_text(local.read_text().replace("/run/secrets/", f"{secrets}/") if secrets else local.read_text())
        code, out = run([promtool, "check", "config", checked.name], cwd=local.parent)
        checked.unlink()
        if code != 0:
            failures.append(f"promtool check config on the copied {config}: {out.strip()[-800:]}")
    alertmanager = volumes / "alertmanager" / "alertmanager.yml"
    code, out = run([amtool, "check-config", str(alertmanager)]) if alertmanager.is_file() else (1, "no alertmanager.yml copied")
    if code != 0:
        failures.append(f"amtool check-config on the copied alertmanager.yml: {out.strip()[-800:]}")
    return failures


def grafana_files(task_env, volumes):
    dashboards = task_env.get("DASHBOARDS", "").split()
    if not dashboards:
        return []
    wanted = [volumes / "grafana-provisioning/datasources/datasources.yaml", volumes / "grafana-provisioning/dashboards/dashboards.yaml"]
    wanted += [volumes / "grafana-dashboards" / d for d in dashboards]
    return [f"Grafana's {path.relative_to(volumes)} was not copied" for path in wanted if not path.is_file()]


def secret_files(task_env, values, volumes):
    failures = []
    for entry in task_env.get("SECRET_FILES", "").split():
        file, variable, owner = entry.split("=")
        path = volumes / "secrets" / file
        if not path.is_file():
            failures.append(f"secret file {file} was not written")
            continue
        info = path.stat()
        if path.read_text() != values.get(variable) or stat.S_IMODE(info.st_mode) != 0o400 or info.st_uid != int(owner):
            failures.append(f"secret file {file}: mode {oct(stat.S_IMODE(info.st_mode))}, owner {info.st_uid}, its value "
                            f"{'matches' if path.read_text() == values.get(variable) else 'differs'}; want 0o400, {owner}, {variable}'s value")
    return failures


# A config container that does its work, on a task of two containers, for the negative control to break.
_CONTROL_SCRIPT = """mkdir -p /volumes/prometheus/ecs && echo 'global: {}' > /volumes/prometheus/ecs/staging.yml
printf 'route: {receiver: a}\\nreceivers: [{name: a}]\\n' > /volumes/alertmanager/alertmanager.yml
chown 65534 /volumes/prometheus-data /volumes/alertmanager-data && chown 472 /volumes/grafana-data
umask 0377 && printf '%s' "$TOKEN" > /volumes/secrets/token && chown 65534 /volumes/secrets/token
echo 'config-init: configuration 0123456789ab copied'"""
_CONTROL_BREAKS = {
    "the script fails": ("echo 'config-init: configuration", "exit 3; echo '"),
    "Prometheus's file is elsewhere": ("ecs/staging.yml", "ecs/other.yml"),
    "a secret others may read": ("umask 0377", "umask 0022"),
    "a data volume kept by root": ("chown 472", "chown 0"),
    "Alertmanager's file is invalid": ("receivers: [{name: a}]", "receivers: []"),
}


def negative_control(tally):
    """The checks above on a stand-in task, offline: the working script must pass and each broken one fail, or the
    emulator stage's row could not tell a broken monitoring task from a working one."""
    definition = {"volumes": [{"name": n} for n in ("prometheus", "alertmanager", "secrets", "prometheus-data",
                                                      "alertmanager-data", "grafana-data")]}
    checkers = (tool("promtool"), tool("amtool"))
    if not all(checkers):
        tally.failures.append("monitoring task negative control: promtool or amtool not installed")
        return
    for name, (old, new) in [("the working script", ("", ""))] + list(_CONTROL_BREAKS.items()):
        script = _CONTROL_SCRIPT.replace(old, new) if old else _CONTROL_SCRIPT
        config = {"name": "config", "command": [script], "environment": [{"name": "SECRET_FILES", "value": "token=TOKEN=65534"}]}
        prometheus = {"name": "prometheus", "command": ["--config.file=/etc/prometheus/ecs/staging.yml"],
                      "mountPoints": [{"sourceVolume": "prometheus", "containerPath": "/etc/prometheus"}]}
        with tempfile.TemporaryDirectory(prefix="monitoring-task-control-") as scratch:
            failures = run_config(Path(scratch), definition, {"config": config, "prometheus": prometheus}, config,
                                  {"TOKEN": "control"}, {}, checkers, lambda message: None)
        expected = not old
        tally.record("monitoring task control", name, (not failures) == expected,
                     "passed though broken" if failures == [] else "; ".join(failures))
