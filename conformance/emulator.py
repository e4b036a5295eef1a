#!/usr/bin/env python3
"""The emulator stage: generated OpenTofu roots are applied and destroyed against moto, a local AWS emulator.

`tofu validate` proves a configuration is well-formed; this stage proves it applies. For each selected case it
copies the generated files to a temporary directory, starts moto's server (conformance/emulator/server.py: moto
plus the few operations it lacks) on a free 127.0.0.1 port, creates the Route 53 hosted zone the spec's domain
lives in (a user creates it before the first apply, README "Before you start"), and then follows the generated
README the way a user does:
- bootstrap: `tofu init` with local state, plan, apply, `tofu output -raw backend_config > <env>/backend.hcl`.
  It is not destroyed: its state bucket has `prevent_destroy` by design; moto is stopped instead.
- each environment: `tofu init -backend-config=backend.hcl` (the real S3 backend, with S3 lock files, in moto's
  S3) and OpenTofu's enforced state and plan encryption with the aws_kms key provider (moto's KMS); plan with the
  root's terraform.tfvars.example, apply that saved plan, plan again (nothing may be REPLACED), destroy.
What makes a root talk to moto is written into the temporary copy only, never into the repository:
- `emulator_override.tf` (an OpenTofu override file, merged into the root's own blocks): fake keys, no
  credential or metadata checks, path-style S3, an endpoint for every service; and the module arguments that
  turn deletion and termination protection off (as the README says to do before a destroy).
- `emulator-backend.hcl`: the same keys and endpoints for the S3 backend, given as a second -backend-config.
- AWS_ENDPOINT_URL_KMS (the key provider's `endpoints` accept only iam and sts) and AWS_ENDPOINT_URL, so that
  nothing, whatever the configuration says, can reach a real AWS endpoint.
Resources moto cannot create are excluded by type (EXCLUDED, each with the reason) through `tofu plan -exclude`,
which also leaves out what depends on them; the counts say how many were planned, excluded, applied, destroyed.

By default (CI) one case per pattern is applied: its bootstrap and its staging environment. --all (everything=True)
applies every environment root of every case. moto's in-place read-back differences (ECS, RDS, security groups)
make "no changes after apply" unusable as a check; "nothing replaced" is what the second plan asserts.

Command line, on already generated case directories (each holding generated/infrastructure/opentofu):
    conformance-python conformance/emulator.py [--all] [--workers N] [--keep] CASE_DIR...
Needs tools/bin/tofu (with the AWS provider mirror) and tools/bin/moto_server (conformance/install-tools.sh).
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import monitoringtask
import pipelinedeploy
from common import REPO, TOOLS, run, tofu_env, tool

SERVER = REPO / "conformance/emulator/server.py"
OPENTOFU_DIR = "generated/infrastructure/opentofu"
PATTERNS = ("hobby-project", "small-saas", "production-saas")
# The environment applied by default (CI): the smaller one. Cases without it use their first environment.
DEFAULT_ENVIRONMENT = "staging"

# Resource types moto cannot create (moto 5.2.5 with conformance/emulator/server.py, measured 2026-11). Every planned
# resource of these types is left out with `tofu plan -exclude=ADDRESS`, and with it whatever depends on it; the
# counts show how many.
EXCLUDED = {
    "aws_dlm_lifecycle_policy": "moto has no Data Lifecycle Manager",
    "aws_ecr_repository_creation_template": "moto answers CreateRepositoryCreationTemplate with NotImplemented "
                                            "(the replication configuration itself is applied)",
}
# Filled in by conformance/emulator/server.py instead, so that they and what depends on them are applied: ElastiCache
# parameter groups (the replication group needs one, and the ECS task definitions its URL) and replication group
# members, S3 bucket policies with the TLS-only deny (moto applies it to every request; the ALB depends on the log
# bucket's policy), bucket tags (CreateBucket, S3 Control), ECS service deployments (wait_for_steady_state),
# Application Auto Scaling tags, EC2 MonitorInstances, ElastiCache DeleteCacheSubnetGroup.

# Module arguments that protect against deletion, turned off in the temporary copy so that destroy works.
PROTECTION_ARGUMENTS = {"deletion_protection": "false", "disable_api_termination": "false"}

# Every AWS service the generated configurations call (the provider's endpoint names).
SERVICES = ("acm", "appautoscaling", "cloudwatch", "dlm", "ec2", "ecr", "ecs", "elasticache", "elbv2", "iam", "kms",
            "logs", "rds", "route53", "s3", "s3control", "secretsmanager", "sns", "ssm", "sts", "wafv2")

ACCESS_KEY = "emulator-test"
# The account moto answers for (its default): what an ARN the README leaves as <account> names.
MOTO_ACCOUNT = "123456789012"
SECRET_KEY = "emulator-test"
MOTO_SETTINGS = {
    # AWS managed policies (AmazonRDSEnhancedMonitoringRole, ...) are attached by ARN and must exist.
    "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
    # ACM certificates validated by DNS become ISSUED after 5 s (the provider's validation resource waits for it).
    "MOTO_ACM_VALIDATION_WAIT": "5",
}
COMMAND_TIMEOUT = 1800


class EmulatorError(Exception):
    """The stage cannot run at all (a tool is missing, moto does not start)."""


@dataclass
class RootResult:
    case: str
    root: str
    planned: int = 0
    excluded: int = 0
    applied: int = 0
    destroyed: int | None = None  # None: not destroyed by design (the bootstrap)
    seconds: float = 0.0
    failures: list = field(default_factory=list)
    # Resource type -> how many were left out: the EXCLUDED types, and "<type> (dependent)" for what -exclude
    # removed with them.
    excluded_types: dict = field(default_factory=dict)
    # Phase -> seconds (init, plan, apply, second plan, destroy).
    phases: dict = field(default_factory=dict)
    replaced: list = field(default_factory=list)
    # Address -> the attributes the second plan changes in place (moto's read-back differences, not failures).
    updated: dict = field(default_factory=dict)


# ------------------------------------------------------------------------------------------------ tools

def moto_python():
    """The interpreter of moto's virtualenv: the directory the moto_server link points into."""
    server = tool("moto_server")
    if not server:
        return None
    python = Path(os.path.realpath(server)).parent / "python3"
    return str(python) if python.exists() else None


def moto_env(endpoint):
    """tofu with the provider mirror, and only moto's credentials and endpoints."""
    env = tofu_env()
    if endpoint:
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"):
            env.pop(name, None)
        env.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_CONFIG_FILE=os.devnull,
                   AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true",
                   AWS_ENDPOINT_URL=endpoint, AWS_ENDPOINT_URL_KMS=endpoint, AWS_ENDPOINT_URL_STS=endpoint)
    return env


def errors_of(output, limit=3000):
    """The diagnostics of a failed tofu command: from its first 'Error:' on, else its tail."""
    index = output.find("Error:")
    text = output[index:] if index >= 0 else output[-limit:]
    return text.strip()[:limit]


# ------------------------------------------------------------------------------------------------ moto

class Moto:
    """moto's server (with conformance/emulator/server.py's additions) on a free 127.0.0.1 port, for one `with`."""

    def __init__(self, log_path):
        self.log_path = log_path
        self.process = None
        self.url = None

    def __enter__(self):
        python = moto_python()
        if not python:
            raise EmulatorError(f"moto is not installed in {TOOLS} (moto_server); run conformance/install-tools.sh")
        for _ in range(3):
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen([python, str(SERVER), "-H", "127.0.0.1", "-p", str(port)],
                                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                env=dict(os.environ, **MOTO_SETTINGS))
            if self.wait_ready():
                return self
            self.stop()
        raise EmulatorError(f"moto did not start; its log: {self.log_path}:\n" + tail(self.log_path))

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.url + "/moto-api/", timeout=5) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()
        return False

    def create_hosted_zone(self, name):
        """The public hosted zone a user has before the first apply, through Route 53's REST API (moto reads the
        service from the signature's credential scope and does not check the signature)."""
        body = (f'<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/'
                f'2013-04-01/"><Name>{name}.</Name><CallerReference>emulator-{name}</CallerReference>'
                f'</CreateHostedZoneRequest>').encode()
        request = urllib.request.Request(self.url + "/2013-04-01/hostedzone", data=body, method="POST", headers={
            "Content-Type": "application/xml",
            "Authorization": f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20260101/us-east-1/route53/aws4_request, "
                             "SignedHeaders=host, Signature=0"})
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status not in (200, 201):
                raise EmulatorError(f"creating the hosted zone {name} in moto answered {response.status}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# ------------------------------------------------------------------------------------------- the files

def provider_override(url):
    endpoints = "\n".join(f"    {service:<14} = \"{url}\"" for service in SERVICES)
    return f"""# TEST ONLY: written by specql-deploy's conformance/emulator.py into a temporary copy, never into a project.
# Merged into this root's provider block (an OpenTofu override file): every AWS call goes to moto at {url}.
provider "aws" {{
  access_key                  = "{ACCESS_KEY}"
  secret_key                  = "{SECRET_KEY}"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  # moto answers STS: with true, some ARNs would lose the account ID.
  skip_requesting_account_id = false
  s3_use_path_style          = true
  # S3 Control (bucket tags) puts the account ID in front of the endpoint's host, and {{account}}.127.0.0.1 does
  # not resolve: the provider sends every request for a host other than the loopback address through moto, which
  # serves a proxied request like a direct one.
  http_proxy  = "{url}"
  https_proxy = "{url}"

  endpoints {{
{endpoints}
  }}
}}
"""


def module_overrides(root):
    """Override blocks that turn off the protection arguments of the root's modules that declare them. Returns
    (text, ["module.arg", ...])."""
    blocks, turned_off = [], []
    for path in sorted(root.glob("*.tf")):
        if path.name.endswith("_override.tf") or path.name == "override.tf":
            continue
        for match in re.finditer(r'(?m)^module\s+"([^"]+)"\s*\{\s*source\s*=\s*"([^"]+)"', path.read_text()):
            name, source = match.groups()
            module_dir = (root / source).resolve()
            declared = set()
            for module_file in module_dir.glob("*.tf"):
                declared |= set(re.findall(r'(?m)^variable\s+"([^"]+)"', module_file.read_text()))
            arguments = [(argument, value) for argument, value in PROTECTION_ARGUMENTS.items() if argument in declared]
            if arguments:
                lines = "\n".join(f"  {argument} = {value}" for argument, value in arguments)
                blocks.append(f'module "{name}" {{\n{lines}\n}}\n')
                turned_off += [f"module.{name}.{argument}" for argument, _ in arguments]
    header = "\n# Deletion and termination protection off, so that the test can destroy what it applied.\n"
    return (header + "\n".join(blocks) if blocks else ""), turned_off


def backend_override(url):
    return f"""# TEST ONLY: written by specql-deploy's conformance/emulator.py. The S3 backend in moto at {url}.
access_key                  = "{ACCESS_KEY}"
secret_key                  = "{SECRET_KEY}"
skip_credentials_validation = true
skip_region_validation      = true
skip_metadata_api_check     = true
use_path_style              = true
endpoints = {{
  s3  = "{url}"
  iam = "{url}"
  sts = "{url}"
}}
"""


def hosted_zones(opentofu):
    """The zone names every root looks its records up in (hosted_zone_name = "...")."""
    names = set()
    for path in opentofu.rglob("*.tf"):
        parts = path.relative_to(opentofu).parts
        if ".terraform" in parts or parts[0] == "modules":
            continue
        names |= set(re.findall(r'hosted_zone_name\s*=\s*"([^"]+)"', path.read_text()))
    return sorted(names)


# --------------------------------------------------------------------------------------------- plans

def planned_changes(tofu, root, env, plan_file):
    """resource_changes of a saved plan (managed resources only)."""
    code, out = run([tofu, f"-chdir={root}", "show", "-json", plan_file], env=env)
    if code != 0:
        raise StepFailed(f"tofu show -json {plan_file} failed: {errors_of(out)}")
    data = json.loads(out[out.index("{"):])
    return [change for change in data.get("resource_changes", []) if change.get("mode") == "managed"]


def state_addresses(tofu, root, env):
    code, out = run([tofu, f"-chdir={root}", "state", "list", "-no-color"], env=env)
    if code != 0:
        raise StepFailed(f"tofu state list failed: {errors_of(out)}")
    return [line.strip() for line in out.splitlines() if line.strip() and not line.startswith("data.")
            and ".data." not in line]


def changed_attributes(change):
    before, after = change.get("before") or {}, change.get("after") or {}
    unknown = change.get("after_unknown") or {}
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key) or unknown.get(key))


def resource_type(address):
    """aws_s3_bucket from module.x["k"].aws_s3_bucket.name[0]."""
    parts = re.sub(r'\[[^\]]*\]', "", address).split(".")
    if parts[0] == "data" or (len(parts) > 2 and parts[-3] == "data"):
        return None
    return parts[-2]


class StepFailed(Exception):
    pass


# ---------------------------------------------------------------------------------------------- roots

class Root:
    """One root being applied in the temporary copy, its result and its step timings."""

    def __init__(self, case, directory, name, env, var_files, log):
        self.directory = directory
        self.env = env
        self.var_files = var_files
        self.tofu = tool("tofu")
        self.log = log
        self.result = RootResult(case=case, root=name)

    def step(self, phase, arguments, timeout=COMMAND_TIMEOUT, log_name=None):
        started = time.monotonic()
        code, out = run([self.tofu, f"-chdir={self.directory}"] + arguments, env=self.env, timeout=timeout)
        self.result.phases[phase] = round(self.result.phases.get(phase, 0) + time.monotonic() - started, 1)
        (self.directory / f"emulator-{(log_name or phase).replace(' ', '-')}.log").write_text(out)
        if code != 0:
            raise StepFailed(f"tofu {arguments[0]} ({phase}) failed: {errors_of(out)}")
        return out

    def plan_and_apply(self, extra_args=()):
        """Plans (with the root's var files, then `extra_args`), excludes what moto cannot create, applies the saved
        plan; fills planned/excluded/applied. Returns the plan's arguments, for a second plan."""
        var_args = [f"-var-file={f}" for f in self.var_files] + list(extra_args)
        self.step("plan", ["plan", "-input=false", "-no-color", "-out=emulator-full.tfplan"] + var_args)
        changes = planned_changes(self.tofu, self.directory, self.env, "emulator-full.tfplan")
        planned = [c["address"] for c in changes if c["change"]["actions"] != ["no-op"]]
        excluded = [c["address"] for c in changes if c["type"] in EXCLUDED and c["change"]["actions"] != ["no-op"]]
        self.result.planned = len(planned)
        self.check_priced({c["type"] for c in changes})
        exclude_args = [f"-exclude={address}" for address in excluded]
        if excluded:
            self.step("plan", ["plan", "-input=false", "-no-color", "-out=emulator.tfplan"] + var_args + exclude_args,
                      log_name="plan-excluding")
            plan_file = "emulator.tfplan"
        else:
            plan_file = "emulator-full.tfplan"
        try:
            self.step("apply", ["apply", "-input=false", "-no-color", plan_file])
        finally:
            applied = set(state_addresses(self.tofu, self.directory, self.env))
            self.result.applied = len(applied)
            # Left out: what the plan creates or keeps that is not in the state, and what it deletes that still is.
            deleted = {c["address"] for c in changes if c["change"]["actions"] == ["delete"]}
            left_out = sorted((set(planned) - deleted - applied) | (deleted & applied))
            self.result.excluded = len(left_out)
            for address in left_out:
                kind = resource_type(address)
                key = kind if kind in EXCLUDED else f"{kind} (dependent)"
                self.result.excluded_types[key] = self.result.excluded_types.get(key, 0) + 1
        return var_args + exclude_args

    def check_priced(self, types):
        """Every type the real plan creates must be counted in the README's cost estimate: on a priced line, or named
        free. The list is generated from the catalogue a unit test keeps equal to the templates; this checks it
        against what the plan really creates."""
        readme = next(p / "README.md" for p in self.directory.parents if (p / "README.md").is_file())
        text = readme.read_text().replace("\\_", "_")
        marker = "Every resource type the configuration creates is counted:"
        counted = text[text.index(marker):] if marker in text else ""
        missing = sorted(t for t in types if not re.search(re.escape(t) + r"[ ,)]", counted))
        if missing:
            self.result.failures.append(f"{self.result.case}/{self.result.root}: planned resource types neither priced nor "
                                        f"listed free in {readme.name}'s cost estimate: {', '.join(missing)}")

    def check_no_replacement(self, plan_args):
        """A second plan after the apply: nothing may be replaced (in-place updates are moto read-back gaps)."""
        self.step("second plan", ["plan", "-input=false", "-no-color", "-out=emulator-second.tfplan"] + plan_args)
        changes = planned_changes(self.tofu, self.directory, self.env, "emulator-second.tfplan")
        for change in changes:
            actions = change["change"]["actions"]
            if "delete" in actions and "create" in actions:
                paths = change["change"].get("replace_paths") or []
                because = ", ".join(".".join(str(p) for p in path) for path in paths) or change.get("action_reason", "")
                self.result.replaced.append(change["address"])
                self.result.failures.append(
                    f"{self.result.case}/{self.result.root}: the second plan after apply REPLACES {change['address']} "
                    f"({'+'.join(actions)}; forced by: {because or 'not stated'})")
        for change in changes:
            if change["change"]["actions"] == ["update"]:
                self.result.updated[change["address"]] = changed_attributes(change["change"])
        if self.result.updated:
            self.log(f"  {self.result.case}/{self.result.root}: second plan updates in place (moto read-back): "
                     + "; ".join(f"{address} ({', '.join(attributes)})" for address, attributes in self.result.updated.items()))

    def destroy(self, var_args):
        before = len(state_addresses(self.tofu, self.directory, self.env))
        try:
            self.step("destroy", ["destroy", "-input=false", "-no-color", "-auto-approve"] + var_args)
        finally:
            remaining = state_addresses(self.tofu, self.directory, self.env)
            self.result.destroyed = before - len(remaining)
            if remaining:
                self.result.failures.append(f"{self.result.case}/{self.result.root}: {len(remaining)} resources left in "
                                            f"state after destroy: {', '.join(remaining[:20])}")


def copy_case(case_dir, work):
    """The case's generated files, without what an earlier tofu run left (providers, lock files, state, plans)."""
    shutil.copytree(Path(case_dir) / "generated", work / "generated",
                    ignore=shutil.ignore_patterns(".terraform", ".terraform.lock.hcl", "terraform.tfstate*", "*.tfplan",
                                                  "backend.hcl", "*_override.tf", "override.tf", "terraform.tfvars"))
    return work / OPENTOFU_DIR


def run_case(case, case_dir, environments, log=print, keep=False):
    """Applies one case's bootstrap and the named environments in a fresh moto. Returns [RootResult]. The temporary
    copy (with each root's emulator-*.log and moto.log) is kept when a root failed, or when `keep` is true."""
    results = []
    work = Path(tempfile.mkdtemp(prefix=f"specql-emulator-{case}-"))
    try:
        opentofu = copy_case(case_dir, work)
        with Moto(work / "moto.log") as moto:
            env = moto_env(moto.url)
            for zone in hosted_zones(opentofu):
                moto.create_hosted_zone(zone)
            bootstrap = apply_bootstrap(case, opentofu, moto, env, environments, log)
            results.append(bootstrap)
            for environment in environments:
                if bootstrap.failures:
                    results.append(RootResult(case=case, root=f"environments/{environment}",
                                              failures=[f"{case}/environments/{environment}: not run: the bootstrap failed"]))
                    continue
                results.append(apply_environment(case, opentofu, moto, env, environment, log))
        if keep or any(r.failures for r in results):
            log(f"  {case}: logs kept in {work} (emulator-*.log in each root, moto.log)")
        else:
            shutil.rmtree(work, ignore_errors=True)
    except EmulatorError:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return results


def apply_bootstrap(case, opentofu, moto, env, environments, log):
    directory = opentofu / "bootstrap"
    # The bootstrap's example values (the CI repository its roles trust) when it has them.
    var_files = ["terraform.tfvars.example"] if (directory / "terraform.tfvars.example").is_file() else []
    root = Root(case, directory, "bootstrap", env, var_files, log)
    started = time.monotonic()
    (directory / "emulator_override.tf").write_text(provider_override(moto.url))
    log(f"  {case}/bootstrap: init, plan, apply (local state) ...")
    try:
        root.step("init", ["init", "-input=false", "-no-color"])
        plan_args = root.plan_and_apply()
        root.check_no_replacement(plan_args)
        out = root.step("output", ["output", "-raw", "backend_config"])
        for environment in environments:
            (opentofu / "environments" / environment / "backend.hcl").write_text(out)
    except StepFailed as failure:
        root.result.failures.append(f"{case}/bootstrap: {failure}")
    root.result.seconds = round(time.monotonic() - started, 1)
    log(f"  {case}/bootstrap: {summary(root.result)}")
    return root.result


def apply_environment(case, opentofu, moto, env, environment, log):
    directory = opentofu / "environments" / environment
    var_files = ["terraform.tfvars.example"] if (directory / "terraform.tfvars.example").is_file() else []
    root = Root(case, directory, f"environments/{environment}", env, var_files, log)
    started = time.monotonic()
    overrides, turned_off = module_overrides(directory)
    (directory / "emulator_override.tf").write_text(provider_override(moto.url) + overrides)
    (directory / "emulator-backend.hcl").write_text(backend_override(moto.url))
    log(f"  {case}/environments/{environment}: init (S3 backend, KMS state encryption), plan, apply, plan, destroy; "
        f"protection off: {', '.join(turned_off) or 'none'} ...")
    plan_args = None
    try:
        root.step("init", ["init", "-input=false", "-no-color", "-backend-config=backend.hcl",
                           "-backend-config=emulator-backend.hcl"])
        plan_args = root.plan_and_apply()
        root.check_no_replacement(plan_args)
        script = next((opentofu.parents[1] / "cicd" / name for name in ("deploy-ecs.sh", "deploy-server.sh")
                       if (opentofu.parents[1] / "cicd" / name).is_file()), None)
        if script:
            failures, seconds = pipelinedeploy.check(script, environment, env, log)
            root.result.failures.extend(f"{case}/environments/{environment}: {failure}" for failure in failures)
            root.result.phases["pipeline deploy"] = seconds
        failures, seconds = monitoringtask.check(directory, env, log)
        root.result.failures.extend(f"{case}/environments/{environment}: {failure}" for failure in failures)
        root.result.phases["monitoring task"] = seconds
    except StepFailed as failure:
        root.result.failures.append(f"{case}/environments/{environment}: {failure}")
    if plan_args is not None or root.result.applied:
        try:
            root.destroy([f"-var-file={f}" for f in var_files])
        except StepFailed as failure:
            root.result.failures.append(f"{case}/environments/{environment}: {failure}")
    root.result.seconds = round(time.monotonic() - started, 1)
    log(f"  {case}/environments/{environment}: {summary(root.result)}")
    return root.result


def summary(result):
    destroyed = "kept" if result.destroyed is None else result.destroyed
    text = (f"planned {result.planned}, excluded {result.excluded}, applied {result.applied}, destroyed {destroyed}, "
            f"{result.seconds:.0f} s {result.phases}")
    return text + (f"; {len(result.failures)} FAILURES" if result.failures else "")


# ---------------------------------------------------------------------------------------------- stage

def pattern_of(case_dir):
    """The spec's pattern: `deployment: pattern:` (or a top-level `pattern:`) in deployment.yaml."""
    path = Path(case_dir) / "deployment.yaml"
    if not path.is_file():
        return None
    try:
        import yaml
        spec = yaml.safe_load(path.read_text()) or {}
        return (spec.get("deployment") or {}).get("pattern") or spec.get("pattern")
    except ImportError:
        match = re.search(r"(?m)^\s*pattern:\s*([\w-]+)", path.read_text())
        return match.group(1) if match else None


def environments_of(case_dir):
    directory = Path(case_dir) / OPENTOFU_DIR / "environments"
    return sorted(p.name for p in directory.iterdir() if p.is_dir()) if directory.is_dir() else []


def ci_system_of(case_dir):
    return "gitlab" if (Path(case_dir) / ".gitlab-ci.yml").is_file() else "github"


def select(cases, everything=False):
    """[(case, case_dir, [environment])]: every environment of every case, or one case of each pattern with its
    staging environment: the first whose CI system (whose deploy job runs against the environment) no pattern
    chosen before has, else the first."""
    selected, systems = [], set()
    candidates = {}
    for case, case_dir in cases:
        environments = environments_of(case_dir)
        if not environments or not (Path(case_dir) / OPENTOFU_DIR / "bootstrap").is_dir():
            continue
        if everything:
            selected.append((case, case_dir, environments))
            continue
        pattern = pattern_of(case_dir)
        if pattern in PATTERNS:
            candidates.setdefault(pattern, []).append((case, case_dir, environments))
    for pattern, found in candidates.items():
        case, case_dir, environments = next((c for c in found if ci_system_of(c[1]) not in systems), found[0])
        systems.add(ci_system_of(case_dir))
        environment = DEFAULT_ENVIRONMENT if DEFAULT_ENVIRONMENT in environments else environments[0]
        selected.append((case, case_dir, [environment]))
    return selected


def run_stage(cases, everything=False, log=print, workers=2, keep=False):
    """Applies and destroys the selected roots of `cases` ([(case_name, case_dir)]) against moto, one moto per
    case, `workers` cases at a time. Returns [RootResult]. Raises EmulatorError when tofu or moto is missing."""
    if not tool("tofu"):
        raise EmulatorError(f"tofu is not installed in {TOOLS}; run conformance/install-tools.sh")
    if not moto_python():
        raise EmulatorError(f"moto is not installed in {TOOLS} (moto_server); run conformance/install-tools.sh")
    selection = select(cases, everything)
    log(f"Emulator stage: {len(selection)} cases against moto ("
        + ", ".join(f"{case}: bootstrap + {', '.join(envs)}" for case, _, envs in selection) + ")")
    lock = threading.Lock()

    def locked_log(message):
        with lock:
            log(message)

    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(run_case, case, case_dir, envs, locked_log, keep) for case, case_dir, envs in selection]
        for future in futures:
            results += future.result()
    return results


def print_table(results):
    width = max([len("root")] + [len(f"{r.case}/{r.root}") for r in results])
    print(f"{'root':<{width}} {'planned':>7} {'excluded':>8} {'applied':>7} {'destroyed':>9} {'seconds':>7} {'failed':>6}")
    for r in results:
        destroyed = "kept" if r.destroyed is None else r.destroyed
        print(f"{r.case + '/' + r.root:<{width}} {r.planned:>7} {r.excluded:>8} {r.applied:>7} {destroyed:>9} "
              f"{r.seconds:>7.0f} {len(r.failures):>6}")
    excluded = {}
    for r in results:
        for kind, count in r.excluded_types.items():
            excluded.setdefault(kind, []).append(f"{r.case}/{r.root}: {count}")
    if excluded:
        print("Left out (moto cannot create them; 'dependent': removed by -exclude with them):")
        for kind, where in sorted(excluded.items()):
            reason = EXCLUDED.get(kind, "depends on an excluded resource")
            print(f"  {kind}: {'; '.join(where)} ({reason})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every environment root of every case (default: one case "
                                                           "per pattern, its bootstrap and staging environment)")
    parser.add_argument("--workers", type=int, default=2, help="cases applied at once (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies and their logs")
    parser.add_argument("cases", nargs="+", type=Path, help="case directories holding generated/infrastructure/opentofu")
    args = parser.parse_args()
    started = time.monotonic()
    cases = [(path.resolve().name, path.resolve()) for path in args.cases]
    missing = [str(path) for _, path in cases if not (path / OPENTOFU_DIR).is_dir()]
    if missing:
        sys.exit("no generated OpenTofu (generated/infrastructure/opentofu) in: " + ", ".join(missing))
    try:
        results = run_stage(cases, everything=args.all, log=lambda message: print(message, flush=True),
                            workers=args.workers, keep=args.keep)
    except EmulatorError as error:
        sys.exit(f"emulator stage: {error}")
    print()
    print_table(results)
    failures = [failure for r in results for failure in r.failures]
    if failures:
        print(f"\n{len(failures)} FAILURES:")
        for failure in failures:
            print("  " + failure.replace("\n", "\n    "))
    print(f"\n{len(results)} roots, {time.monotonic() - started:.0f} s")
    sys.exit(1 if failures or not results else 0)


if __name__ == "__main__":
    main()
