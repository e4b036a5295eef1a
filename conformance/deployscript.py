"""Runs a generated deploy.sh with stand-in `tofu` and `aws` commands that record their calls, and checks the order
in which it deploys: on ECS, the services change only after a plan that excludes them has been applied, every app
secret has a value, the migration task and then the database login task have exited 0 (the login's password
generated on the first deploy); a failed migration or a secret without a value stops the
deploy before the services change; without -var image=..., every plan keeps the image the service runs. On the
hobby server, one reviewed plan is applied."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import is_standby, root_configuration

STUB = """#!{python}
import json, os, sys
args = sys.argv[1:]
with open(os.environ["STUB_LOG"], "a") as log:
    log.write(json.dumps([os.path.basename(sys.argv[0])] + args) + "\\n")
answers = json.loads(os.environ["STUB_ANSWERS"])
for key, value in answers.items():
    if all(part in args for part in key.split(" ")):
        if value == FAIL:
            sys.exit(1)
        print(value)
        break
""".replace("FAIL", repr("!fail"))
# An answer that makes the stand-in exit 1, as `tofu output` does for a null output.
FAIL = "!fail"


def _run(script, environment, answers, image=True):
    work = Path(tempfile.mkdtemp(prefix="deploy-sh-"))
    try:
        shutil.copy(script, work / "deploy.sh")
        (work / "environments" / environment).mkdir(parents=True)
        (work / "environments" / environment / "backend.hcl").write_text("bucket = \"stand-in\"\n")
        bin_dir = work / "bin"
        bin_dir.mkdir()
        for name in ("tofu", "aws"):
            (bin_dir / name).write_text(STUB.format(python=sys.executable))
            (bin_dir / name).chmod(0o755)
        log = work / "calls.jsonl"
        env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", STUB_LOG=str(log), STUB_ANSWERS=json.dumps(answers))
        extra = ["-var", "image=stand-in"] if image else []
        result = subprocess.run(["bash", str(work / "deploy.sh"), environment, *extra], input=f"{environment}\n" * 2,
                                capture_output=True, text=True, env=env, timeout=120)
        calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        return result.returncode, calls, result.stdout + result.stderr
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _plans(calls):
    """Each tofu plan as True when it excludes something."""
    return [any(a.startswith("-exclude=") for a in call) for call in calls if call[:1] == ["tofu"] and "plan" in call]


def check(tally, case, root, opentofu_dir):
    directory = root / opentofu_dir
    script = directory / "deploy.sh"
    environments = sorted(p.name for p in (directory / "environments").iterdir() if p.is_dir()) if script.is_file() else []
    if not environments:
        return
    environment = environments[0]
    ecs = "module \"compute\"" in root_configuration(directory / "environments" / environment)
    problems = []
    if not ecs:
        code, calls, out = _run(script, environment, {})
        if code != 0 or _plans(calls) != [False] or any(call[0] == "aws" for call in calls):
            problems.append(f"hobby: exit {code}, plans {_plans(calls)}: {out[-400:]}")
        tally.record("deploy.sh order", f"{case}/{environment}", not problems, "; ".join(problems))
        return
    outputs = (directory / "environments" / environment / "outputs.tf").read_text()
    secrets = "values(module.secrets.arns)" in outputs
    migrates = "migrates=true" in script.read_text()
    login = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:login"
    base = {"output -raw cluster_name": "stand-in-cluster", "output -raw migration_task_definition_family": "stand-in-migrate",
            "output -raw database_access_task_definition_family": "stand-in-access",
            "output -raw database_password_secret_arn": login,
            "output -raw run_task_network_configuration": "{\"awsvpcConfiguration\": {}}", "output -raw log_group_name": "/ecs/stand-in",
            "output -raw app_secret_arns": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a" if secrets else "",
            "ecs run-task": "arn:aws:ecs:eu-west-1:123456789012:task/stand-in"}

    code, calls, out = _run(script, environment, dict(base, **{"list-secret-version-ids": "1", "ecs describe-tasks": "0"}))
    ran = [call[1:3] for call in calls if call[0] == "aws"]
    first_migration = next((i for i, call in enumerate(calls) if call[:3] == ["aws", "ecs", "run-task"]), None)
    plans = _plans(calls)
    tasks = [call[call.index("--task-definition") + 1] for call in calls if call[:3] == ["aws", "ecs", "run-task"]]
    if code != 0 or plans != [True, False]:
        problems.append(f"deploy: exit {code}, plans (excluding services?) {plans}: {out[-600:]}")
    elif migrates and (first_migration is None or first_migration > [i for i, c in enumerate(calls) if "plan" in c][1]):
        problems.append(f"deploy: the migration task does not run between the two plans: {ran}")
    elif tasks != (["stand-in-migrate"] if migrates else []) + ["stand-in-access"]:
        problems.append(f"deploy: one-off tasks {tasks}, expected the migrations (if any) and then the database login")
    elif any(call[1:3] == ["secretsmanager", "put-secret-value"] for call in calls):
        problems.append("deploy: the database password was replaced although it had a value")

    # A first deploy: the login's password has no value yet, and is generated before the login task runs.
    code, calls, out = _run(script, environment, dict({f"list-secret-version-ids {login}": "0"}, **base,
                                                      **{"list-secret-version-ids": "1", "ecs describe-tasks": "0"}))
    stored = next((i for i, call in enumerate(calls) if call[1:3] == ["secretsmanager", "put-secret-value"]), None)
    access = next((i for i, call in enumerate(calls) if "stand-in-access" in call), None)
    if code != 0 or stored is None or access is None or stored > access or "file:///dev/stdin" not in calls[stored]:
        problems.append(f"first deploy: exit {code}, the password must be generated (from stdin) before the login task: {out[-400:]}")
    if migrates:
        code, calls, out = _run(script, environment, dict(base, **{"list-secret-version-ids": "1", "ecs describe-tasks": "1"}))
        if code == 0 or _plans(calls) != [True]:
            problems.append(f"failed migration: exit {code}, plans {_plans(calls)}: the services must not change")
    if secrets:
        code, calls, out = _run(script, environment, dict(base, **{"list-secret-version-ids": "0", "ecs describe-tasks": "0"}))
        if code == 0 or _plans(calls) != [True] or any(call[1:3] == ["ecs", "run-task"] for call in calls):
            problems.append(f"secret without a value: exit {code}, plans {_plans(calls)}: nothing may start")
    # Without -var image=..., a running environment keeps the image its service runs (the pipelines deploy images
    # without OpenTofu): every plan gets that image, never terraform.tfvars' one.
    running = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "ab" * 32
    code, calls, out = _run(script, environment, dict(base, **{"list-secret-version-ids": "1", "ecs describe-tasks": "0",
                                                               "output -raw service_name": "stand-in-service",
                                                               "ecs describe-services": "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:7",
                                                               "ecs describe-task-definition": running}), image=False)
    plans = [call for call in calls if call[:1] == ["tofu"] and "plan" in call]
    if code != 0 or not plans or any(f"image={running}" not in call for call in plans):
        problems.append(f"no -var image: exit {code}, plans {plans}: each must keep the running image: {out[-400:]}")
    tally.record("deploy.sh order", f"{case}/{environment}", not problems, "; ".join(problems))
    for standby in environments:
        if is_standby(directory / "environments" / standby):
            check_standby(tally, case, script, directory / "environments" / standby, base)


def check_standby(tally, case, script, root, base):
    """The disaster recovery standby, in its own region: standing by (no cluster yet), deploy.sh applies one plan that
    excludes the services of its counted compute module and stops; promoted, it deploys as production does, every AWS
    call in the standby's region."""
    standby = root.name
    region = re.search(r'region\s*=\s*"([^"]+)"', (root / "providers.tf").read_text()).group(1)
    problems = []
    code, calls, out = _run(script, standby, dict(base, **{"output -raw cluster_name": FAIL}))
    excluded = [a for call in calls if call[:1] == ["tofu"] and "plan" in call for a in call if a.startswith("-exclude=")]
    if code != 0 or _plans(calls) != [True] or any(call[0] == "aws" for call in calls):
        problems.append(f"standing by: exit {code}, plans {_plans(calls)}, aws calls {[c[1:3] for c in calls if c[0] == 'aws']}: "
                        f"one plan and no AWS call expected: {out[-400:]}")
    elif not excluded or not all(a.startswith("-exclude=module.compute[0].") for a in excluded):
        problems.append(f"standing by: the plan excludes {excluded}, not the counted compute module's services")
    code, calls, out = _run(script, standby, dict(base, **{"list-secret-version-ids": "1", "ecs describe-tasks": "0"}))
    regions = {call[call.index("--region") + 1] for call in calls if call[0] == "aws" and "--region" in call}
    if code != 0 or _plans(calls) != [True, False] or regions != {region}:
        problems.append(f"promoted: exit {code}, plans {_plans(calls)}, regions {sorted(regions)} (expected {region}): {out[-400:]}")
    tally.record("deploy.sh order", f"{case}/{standby}", not problems, "; ".join(problems))
    for standby in environments:
        if is_standby(directory / "environments" / standby):
            check_standby(tally, case, script, directory / "environments" / standby, base)


def check_standby(tally, case, script, root, base):
    """The disaster recovery standby, in its own region: standing by (no cluster yet), deploy.sh applies one plan that
    excludes the services of its counted compute module and stops; promoted, it deploys as production does, every AWS
    call in the standby's region."""
    standby = root.name
    region = re.search(r'region\s*=\s*"([^"]+)"', (root / "providers.tf").read_text()).group(1)
    problems = []
    code, calls, out = _run(script, standby, dict(base, **{"output -raw cluster_name": FAIL}))
    excluded = [a for call in calls if call[:1] == ["tofu"] and "plan" in call for a in call if a.startswith("-exclude=")]
    if code != 0 or _plans(calls) != [True] or any(call[0] == "aws" for call in calls):
        problems.append(f"standing by: exit {code}, plans {_plans(calls)}, aws calls {[c[1:3] for c in calls if c[0] == 'aws']}: "
                        f"one plan and no AWS call expected: {out[-400:]}")
    elif not excluded or not all(a.startswith("-exclude=module.compute[0].") for a in excluded):
        problems.append(f"standing by: the plan excludes {excluded}, not the counted compute module's services")
    code, calls, out = _run(script, standby, dict(base, **{"list-secret-version-ids": "1", "ecs describe-tasks": "0"}))
    regions = {call[call.index("--region") + 1] for call in calls if call[0] == "aws" and "--region" in call}
    if code != 0 or _plans(calls) != [True, False] or regions != {region}:
        problems.append(f"promoted: exit {code}, plans {_plans(calls)}, regions {sorted(regions)} (expected {region}): {out[-400:]}")
    tally.record("deploy.sh order", f"{case}/{standby}", not problems, "; ".join(problems))
