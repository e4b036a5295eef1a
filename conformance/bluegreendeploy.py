"""Runs a generated deploy-ecs.sh whose app service deploys blue/green with stand-in `aws`, `curl` and `sleep`
commands, and checks how it follows ECS's deployment: the new revision is smoke-tested through the test route (the
test header) once it takes test traffic and at the public URL while the old one bakes; a failed smoke test asks ECS
to roll the deployment back (stop-service-deployment --stop-type ROLLBACK) and fails the deploy; a deployment that
ECS rolled back itself (its alarm) fails the deploy without a second rollback; a successful one passes.

What the stand-ins differ in from ECS: the lifecycle stages are a script of answers, one per DescribeServiceDeployments
call (ECS moves through them on its own clock); nothing is deployed. That ECS accepts the generated deployment
configuration is checked by tofu validate and the module tests against the real provider's schema, not here. Stand-ins
rather than the emulator: moto 5.2.5 keeps no service deployments (no currentServiceDeployment, DescribeServiceDeployments
answers every ARN with a failure) and drops the deployment strategy, so a blue/green deploy cannot be followed there."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import is_standby, root_configuration, tool

DEPLOYMENT = "arn:aws:ecs:us-east-1:123456789012:service-deployment/cluster/service/abc"
REVISION = "arn:aws:ecs:us-east-1:123456789012:task-definition/app:7"
TASK_DEFINITION = {"taskDefinition": {"family": "app", "containerDefinitions": [{"name": "app", "image": "old"}]}, "tags": []}

# One stand-in for aws, curl and sleep: records every call; aws answers by what it is asked, and the deployment's
# (status, stage) pairs come one per call from the scenario, the last repeating. After a ROLLBACK request, the
# deployment answers the scenario's "after_rollback" pairs instead.
STUB = """#!{python}
import json, os, sys
name, args = os.path.basename(sys.argv[0]), sys.argv[1:]
state_file = os.environ["STUB_STATE"]
state = json.load(open(state_file))
state["calls"].append([name] + args)
def save():
    with open(state_file + ".tmp", "w") as out:
        json.dump(state, out)
    os.replace(state_file + ".tmp", state_file)
def query():
    return args[args.index("--query") + 1] if "--query" in args else ""
if name == "sleep":
    save(); sys.exit(0)
if name == "curl":
    header = "--header" in args
    ok = state["test_route_ok"] if header else state["public_ok"]
    save(); sys.exit(0 if ok else 22)
line = " ".join(args)
out = ""
if "sts get-caller-identity" in line:
    out = "123456789012"
elif "describe-task-definition" in line:
    out = json.dumps(state["task_definition"])
elif "register-task-definition" in line:
    out = state["revision"]
elif "run-task" in line:
    out = "arn:aws:ecs:us-east-1:123456789012:task/cluster/migrate"
elif "describe-tasks" in line:
    out = "0"
elif "describe-services" in line:
    q = query()
    out = {{"services[0].status": "ACTIVE", "services[0].currentServiceDeployment": state["deployment"],
           "services[0].taskDefinition": state["running"], "services[0].networkConfiguration": "{{}}"}}.get(q, "")
elif "describe-service-deployments" in line:
    steps = state["after_rollback"] if state["rolled_back"] else state["stages"]
    index = state["after_rollback_index" if state["rolled_back"] else "index"]
    status, stage = steps[min(index, len(steps) - 1)]
    state["after_rollback_index" if state["rolled_back"] else "index"] = index + 1
    if status.startswith("ROLLBACK"):
        state["running"] = state["previous"]
    out = status + "\\t" + stage
elif "stop-service-deployment" in line:
    state["rolled_back"] = True
    out = "{{}}"
save()
if out:
    print(out)
"""

SCENARIOS = {
    "a deployment that passes both smoke tests succeeds": {
        "stages": [["IN_PROGRESS", "SCALE_UP"], ["IN_PROGRESS", "TEST_TRAFFIC_SHIFT"], ["IN_PROGRESS", "POST_TEST_TRAFFIC_SHIFT"],
                   ["IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"], ["IN_PROGRESS", "BAKE_TIME"], ["SUCCESSFUL", "CLEAN_UP"]],
        "test_route_ok": True, "public_ok": True,
        "expect": {"exit": 0, "rollback_requests": 0, "test_route_checks": 1, "public_checks": 1},
    },
    "a failed test-route smoke test rolls the deployment back before production traffic moves": {
        "stages": [["IN_PROGRESS", "POST_TEST_TRAFFIC_SHIFT"], ["IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"]],
        "after_rollback": [["ROLLBACK_IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"], ["ROLLBACK_SUCCESSFUL", "CLEAN_UP"]],
        "test_route_ok": False, "public_ok": True,
        "expect": {"exit": 1, "rollback_requests": 1, "test_route_checks": 3, "public_checks": 0},
    },
    "a failed public smoke test during the bake time rolls back": {
        "stages": [["IN_PROGRESS", "BAKE_TIME"], ["IN_PROGRESS", "BAKE_TIME"]],
        "after_rollback": [["ROLLBACK_SUCCESSFUL", "CLEAN_UP"]],
        "test_route_ok": True, "public_ok": False,
        "expect": {"exit": 1, "rollback_requests": 1, "test_route_checks": 1, "public_checks": 3},
    },
    "a deployment that does not end within the script's time fails the deploy": {
        "stages": [["IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"]],
        "test_route_ok": True, "public_ok": True, "timeout_minutes": 0,
        "expect": {"exit": 1, "rollback_requests": 0, "test_route_checks": 1, "public_checks": 0},
    },
    "a service ECS reports no deployment of fails at once": {
        "stages": [["IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"]], "deployment": "None",
        "test_route_ok": True, "public_ok": True,
        "expect": {"exit": 1, "rollback_requests": 0, "test_route_checks": 0, "public_checks": 0},
    },
    "a deployment ECS rolled back on its alarm fails the deploy without a second rollback": {
        "stages": [["IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"], ["ROLLBACK_IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"],
                   ["ROLLBACK_SUCCESSFUL", "CLEAN_UP"]],
        "test_route_ok": True, "public_ok": True,
        "expect": {"exit": 1, "rollback_requests": 0, "test_route_checks": 1, "public_checks": 0},
    },
}


def blue_green(script):
    return script.exists() and re.search(r"^follow_blue_green\(\) \{$", script.read_text(), re.M) is not None


def run_scenario(script, environment, scenario):
    work = Path(tempfile.mkdtemp(prefix="deploy-ecs-bluegreen-"))
    try:
        # The script's own limit, cut to a minute (sleep is a stand-in, so a minute is many polls), or to none where
        # the scenario is that time runs out.
        limit = scenario.get("timeout_minutes", 1)
        text = re.sub(r"^timeout_minutes=[0-9]+$", f"timeout_minutes={limit}", script.read_text(), count=1, flags=re.M)
        (work / "deploy-ecs.sh").write_text(text)
        bin_dir = work / "bin"
        bin_dir.mkdir()
        for name in ("aws", "curl", "sleep"):
            (bin_dir / name).write_text(STUB.format(python=sys.executable))
            (bin_dir / name).chmod(0o755)
        (bin_dir / "jq").symlink_to(tool("gojq"))
        state = work / "state.json"
        state.write_text(json.dumps({"calls": [], "stages": scenario["stages"], "after_rollback": scenario.get("after_rollback", []),
                                     "index": 0, "after_rollback_index": 0, "rolled_back": False,
                                     "deployment": scenario.get("deployment", DEPLOYMENT),
                                     "revision": REVISION, "running": REVISION, "previous": REVISION.replace(":7", ":6"),
                                     "task_definition": TASK_DEFINITION, "test_route_ok": scenario["test_route_ok"],
                                     "public_ok": scenario["public_ok"]}))
        env = dict(os.environ, PATH=f"{bin_dir}:/usr/bin:/bin", STUB_STATE=str(state))
        try:
            result = subprocess.run(["bash", str(work / "deploy-ecs.sh"), "deploy", environment, "sha256:" + "a" * 64],
                                    cwd=work, env=env, capture_output=True, text=True, timeout=150)
        except subprocess.TimeoutExpired as expired:
            # A script that never ends (it waits on a deployment nothing will end) is a failure, not a crash.
            result = subprocess.CompletedProcess(expired.cmd, "did not end within 150 seconds", "",
                                                 (expired.stderr or b"").decode(errors="replace"))
        calls = json.loads(state.read_text())["calls"]
        return result, calls
    finally:
        shutil.rmtree(work, ignore_errors=True)


def observed(result, calls, test_header):
    curls = [call for call in calls if call[0] == "curl"]
    return {"exit": result.returncode,
            "rollback_requests": sum(1 for call in calls if call[:3] == ["aws", "ecs", "stop-service-deployment"]
                                     and "--stop-type" in call and call[call.index("--stop-type") + 1] == "ROLLBACK"),
            "test_route_checks": sum(1 for call in curls if f"{test_header}: 1" in call),
            "public_checks": sum(1 for call in curls if "--header" not in call)}


def consistency(script_text, environments):
    """The script smoke-tests each environment where its root serves it: the edge module's domain and health check
    path, and the test route by the header the edge module's test rule matches; ECS deploys it blue/green there."""
    problems = []
    header = re.search(r"^test_header='([^']+)'$", script_text, re.M)
    # The disaster recovery standby rolls (one target group) and is deployed by hand, not by this script.
    for main in sorted(m for m in environments.glob("*/main.tf") if not is_standby(m.parent)):
        text = root_configuration(main.parent)
        name = main.parent.name
        domain = re.search(r'^  domain\s+= "([^"]+)"$', text, re.M)
        health = re.search(r'^  health_check_path\s+= "([^"]+)"$', text, re.M)
        root_header = re.search(r'^  test_header_name = "([^"]+)"$', text, re.M)
        url = re.search(rf"^  '?{re.escape(name)}'?\)\n(?:    .*\n)*?    url='([^']+)'$", script_text, re.M)
        if not (domain and health and url) or url.group(1) != f"https://{domain.group(1)}{health.group(1)}":
            problems.append(f"{name}: the script checks {url and url.group(1)}, the root serves "
                            f"https://{domain and domain.group(1)}{health and health.group(1)}")
        if not root_header or not header or root_header.group(1) != header.group(1):
            problems.append(f"{name}: the test rule matches {root_header and root_header.group(1)}, the script sends "
                            f"{header and header.group(1)}")
        if not re.search(r"^    strategy\s+= \"(BLUE_GREEN|LINEAR|CANARY)\"$", text, re.M):
            problems.append(f"{name}: the script follows a blue/green deployment, the root's service does not deploy blue/green")
    return problems


def check(tally, case, target):
    script = target / "generated/cicd/deploy-ecs.sh"
    if not blue_green(script):
        return
    if not tool("gojq"):
        tally.failures.append(f"blue/green deploy: {case}: gojq is not installed (conformance/install-tools.sh installs it)")
        return
    text = script.read_text()
    problems = consistency(text, target / "generated/infrastructure/opentofu/environments")
    tally.record("consistency", f"{case} (blue/green deploy script and roots)", not problems, "; ".join(problems))
    environment = re.search(r"^# Environments: ([a-z][a-z0-9-]*)", text, re.M).group(1)
    test_header = re.search(r"^test_header='([^']+)'$", text, re.M).group(1)
    for name, scenario in SCENARIOS.items():
        result, calls = run_scenario(script, environment, scenario)
        seen = observed(result, calls, test_header)
        tally.record("blue/green deploy", f"{case}: {name}", seen == scenario["expect"],
                     f"expected {scenario['expect']}, observed {seen}; stderr: {result.stderr.strip()[-600:]}")
