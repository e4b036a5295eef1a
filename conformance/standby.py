#!/usr/bin/env python3
"""The disaster recovery standby against moto: the README's "Disaster recovery" set-up, failover and fail-back, run.

For a case whose spec turns multiregion on, in one moto (every region): the bootstrap (both state stores), the
primary environment (kept: the replica needs its source), the standby root with its backend in its own region
(the bootstrap's standby_backend_config), a second plan (nothing replaced); then the README's failover and
fail-back as they are written (conformance/runbook.py reads the steps): its AWS CLI lines run with the real CLI,
its `deploy.sh` and `tofu` lines applied to the root they name (what moto cannot create excluded, as in every
emulator apply), its `promoted = ...` written where a step says so. Checked on the way (Drill): the primary's
records pinned unhealthy and kept so by its applies, the app created in the standby's region, the old primary
kept as a final snapshot and the restored primary planned without a replacement, DNS given back, the standby a
read replica again without containers. Then both roots are destroyed.

What moto stands in for, and how it differs: the replica is a record that names its source across regions, not a
streaming copy; promotion flips that record; snapshots and their cross-region copies are records, not data, so the
restored database holds nothing to compare; Route 53 health checks are stored, never probed, so that a threshold
above the children's count reads as unhealthy is AWS's documented rule, not something moto shows; ACM
certificates are issued at once; no ECS task runs, so `deploy.sh`'s migrations, login task and waits are not
exercised here (conformance/deployscript.py runs the script with stand-ins).

Not part of .ci/run's default stage (it adds the production-sized primary root and four applies of the standby
and the primary, about 20 minutes): run it by hand on a generated case directory,
    conformance-python conformance/standby.py CASE_DIR
"""

import json
import re
import sys
import tempfile
import time
from pathlib import Path

import emulator
import runbook
from common import TOOLS, run, tool
from emulator import Moto, Root, StepFailed, apply_bootstrap, copy_case, hosted_zones, moto_env, module_overrides, \
    provider_override, backend_override, summary

STANDBY_SUFFIX = "-dr"


def init_with_backend(root, directory, moto):
    overrides, _ = module_overrides(directory)
    (directory / "emulator_override.tf").write_text(provider_override(moto.url) + overrides)
    (directory / "emulator-backend.hcl").write_text(backend_override(moto.url))
    root.step("init", ["init", "-input=false", "-no-color", "-backend-config=backend.hcl",
                       "-backend-config=emulator-backend.hcl"])


def region_of(root):
    """The region a root's provider names (providers.tf)."""
    return re.search(r'region\s*=\s*"([^"]+)"', (root / "providers.tf").read_text()).group(1)


def aws(env, region, *arguments):
    """The AWS CLI's JSON answer (tools cache's aws, against moto's endpoint)."""
    code, out = run([tool("aws"), "--endpoint-url", env["AWS_ENDPOINT_URL"], "--region", region, "--output", "json"]
                    + list(arguments), env=env)
    if code != 0:
        raise StepFailed(f"aws {' '.join(arguments)}: {out.strip()[-1500:]}")
    return json.loads(out) if out.strip() else {}


class Drill:
    """The README's failover and fail-back, run step by step: its shell lines with the AWS CLI, its deploy.sh and
    tofu lines as emulator applies of the root they name (what moto cannot create excluded), and its prose's
    `promoted = true|false` written to the standby's terraform.tfvars where a step says to set it. Checked on the way:
    the failover pins the primary's records unhealthy and no apply of the primary lifts the pin; the standby runs
    the app once failed over; the primary's restore leaves the old database as a final snapshot and a second plan
    replaces nothing; the fail-back gives DNS back and makes the standby a read replica again, without containers."""

    def __init__(self, case, opentofu, primary, standby, primary_root, env, primary_vars, moto, log):
        self.case, self.opentofu, self.primary, self.standby = case, opentofu, primary, standby
        self.primary_root, self.env, self.primary_vars, self.moto, self.log = primary_root, env, primary_vars, moto, log
        # The AWS CLI (v1) sends RDS calls for us-east-1 to rds.amazonaws.com whatever AWS_ENDPOINT_URL says; an
        # `aws` first on the runbook's PATH adds --endpoint-url, which it does follow.
        shim = opentofu.parent / "cli-shim"
        shim.mkdir(exist_ok=True)
        (shim / "aws").write_text(f'#!/bin/sh\nexec "{tool("aws")}" --endpoint-url "$AWS_ENDPOINT_URL" "$@"\n')
        (shim / "aws").chmod(0o755)
        self.cli_env = dict(env, PATH=f"{shim}:{TOOLS}:{env.get('PATH', '')}", AWS_DEFAULT_REGION=region_of(primary))
        self.roots = {}
        self.section = None
        self.primary_region, self.standby_region = region_of(primary), region_of(standby)
        self.pinned = None
        self.standby_cluster = None

    def root(self, directory):
        key = (self.section, directory.name)
        if key not in self.roots:
            label = {"fail over": "failed over", "fail back": "failed back"}[self.section]
            var_files = self.primary_vars if directory == self.primary else []
            self.roots[key] = Root(self.case, directory, f"environments/{directory.name} {label}", self.env, var_files,
                                   self.log)
        return self.roots[key]

    def results(self):
        return [root.result for root in self.roots.values()]

    def fail(self, message):
        target = next(reversed(self.roots.values()), self.primary_root)
        target.result.failures.append(f"{self.case}: {message}")

    def handle(self, kind, argv):
        if kind == "deploy":
            directory = self.opentofu / "environments" / argv[0]
            arguments = argv[1:]
        else:
            chdir = next(a for a in argv if a.startswith("-chdir="))
            directory = self.opentofu / chdir.split("=", 1)[1]
            command = [a for a in argv if not a.startswith("-")][0]
            if command == "apply":
                self.log(f"    (applied with the plan above: {' '.join(argv)})")
                return
            arguments = []
        root = self.root(directory)
        self.log(f"  {self.case}/{root.result.root}: plan, apply {' '.join(arguments)} ...")
        plan_args = root.plan_and_apply(arguments)
        self.log(f"  {self.case}/{root.result.root}: {summary(root.result)}")
        if directory == self.primary and self.section == "fail back":
            root.check_no_replacement(plan_args)
            self.check_pin_held()

    def health_check(self):
        """The primary's calculated health check, as the primary's state names it."""
        state = self.primary_root.step("state", ["state", "show", "-no-color", "module.edge.aws_route53_health_check.this[0]"])
        check_id = re.search(r'^\s+id\s+=\s+"([^"]+)"', state, re.M).group(1)
        return aws(self.cli_env, self.primary_region, "route53", "get-health-check", "--health-check-id", check_id)["HealthCheck"]

    def check_pin_held(self):
        threshold = self.health_check()["HealthCheckConfig"]["HealthThreshold"]
        if threshold != self.pinned:
            self.fail(f"an apply of the primary during the fail-back set its health threshold to {threshold} "
                      f"(pinned at {self.pinned}): DNS would go back to it before its database is restored")

    def after_step(self, section, number, text):
        if section == "fail over" and "update-health-check" in text:
            config = self.health_check()["HealthCheckConfig"]
            self.pinned = config["HealthThreshold"]
            if self.pinned <= len(config.get("ChildHealthChecks", [])):
                self.fail(f"the failover's pin left the primary's health threshold at {self.pinned}, with "
                          f"{len(config.get('ChildHealthChecks', []))} children: Route 53 can still find it healthy")
        if section == "fail over" and "`promoted = true`" in text:
            root = self.root(self.standby)
            self.standby_cluster = output(root, "cluster_name")
            if not self.standby_cluster:
                self.fail("the failed-over standby runs no ECS cluster")
            if not str(output(root, "database_secret_arn")).startswith("arn:"):
                self.fail("the failed-over standby has no master secret of its own")
        if section == "fail back" and "restore_snapshot=" in text:
            source = self.primary_root.step("state", ["state", "show", "-no-color", "module.database.aws_db_instance.this"])
            identifier = re.search(r'^\s+identifier\s+=\s+"([^"]+)"', source, re.M).group(1)
            snapshots = aws(self.cli_env, self.primary_region, "rds", "describe-db-snapshots")["DBSnapshots"]
            if f"{identifier}-before-failback" not in {s["DBSnapshotIdentifier"] for s in snapshots}:
                self.fail(f"the old primary {identifier} was not kept as a final snapshot")
        if section == "fail back" and "--health-threshold 1" in text:
            if self.health_check()["HealthCheckConfig"]["HealthThreshold"] != 1:
                self.fail("the fail-back left the primary's records pinned unhealthy")
        if section == "fail back" and "`promoted = false`" in text:
            root = self.root(self.standby)
            # A deleted cluster stays listed as INACTIVE for a while, in AWS as in moto.
            clusters = aws(self.cli_env, self.standby_region, "ecs", "describe-clusters", "--clusters",
                           self.standby_cluster)["clusters"]
            if output(root, "cluster_name") or any(c["status"] == "ACTIVE" for c in clusters):
                self.fail(f"the rebuilt standby still runs its ECS cluster {self.standby_cluster}")
            replica = root.step("state", ["state", "show", "-no-color", "module.database.aws_db_instance.this"])
            name = re.search(r'^\s+identifier\s+=\s+"([^"]+)"', replica, re.M).group(1)
            instance = aws(self.cli_env, self.standby_region, "rds", "describe-db-instances", "--db-instance-identifier",
                           name)["DBInstances"][0]
            if not instance.get("ReadReplicaSourceDBInstanceIdentifier"):
                self.fail(f"the rebuilt standby's database {name} is not a read replica")

    def run(self, placeholders):
        # ECR creates a replicated repository in the standby's region with the first image it copies; moto keeps
        # the replication configuration and copies nothing, so the repositories are made here, empty.
        for repository in aws(self.cli_env, self.primary_region, "ecr", "describe-repositories")["repositories"]:
            aws(self.cli_env, self.standby_region, "ecr", "create-repository", "--repository-name",
                repository["repositoryName"])
        runner = runbook.Runner(self.cli_env, self.opentofu, placeholders, self.log)
        for section, number, text, blocks in runbook.steps((self.opentofu / "README.md").read_text()):
            self.section = section
            self.log(f"  {self.case}: {section}, step {number}")
            for flag in ("true", "false"):
                if f"`promoted = {flag}`" in text:
                    (self.standby / "terraform.tfvars").write_text(f"promoted = {flag}\n")
            for block in blocks:
                runner.run_block(block, self.handle)
            self.after_step(section, number, text)

    def destroy(self):
        standby = self.roots.get(("fail back", self.standby.name)) or self.root(self.standby)
        standby.destroy([])


def output(root, name):
    """The root's output `name`, None when null: tofu keeps no null output in state, and `output -raw` fails on one."""
    return json.loads(root.step("output", ["output", "-json"])).get(name, {}).get("value")


def run_case(case_dir, log=print):
    """[RootResult] of the bootstrap, the primary, the standby standing by, and the standby failed over."""
    case = Path(case_dir).name
    work = Path(tempfile.mkdtemp(prefix=f"specql-standby-{case}-"))
    opentofu = copy_case(case_dir, work)
    standbys = [p for p in (opentofu / "environments").iterdir() if p.name.endswith(STANDBY_SUFFIX)]
    if len(standbys) != 1:
        raise SystemExit(f"{case}: expected one environments/*{STANDBY_SUFFIX} root, found {len(standbys)}")
    standby = standbys[0]
    primary = opentofu / "environments" / standby.name[:-len(STANDBY_SUFFIX)]
    results = []
    with Moto(work / "moto.log") as moto:
        env = moto_env(moto.url)
        for zone in hosted_zones(opentofu):
            moto.create_hosted_zone(zone)
        bootstrap = apply_bootstrap(case, opentofu, moto, env, [primary.name], log)
        results.append(bootstrap)
        if bootstrap.failures:
            return results, work
        reader = Root(case, opentofu / "bootstrap", "bootstrap", env, [], log)
        (standby / "backend.hcl").write_text(reader.step("output", ["output", "-raw", "standby_backend_config"]))
        log(f"  {case}: standby backend: " + " ".join((standby / "backend.hcl").read_text().split()))

        primary_vars = ["terraform.tfvars.example"] if (primary / "terraform.tfvars.example").is_file() else []
        first = Root(case, primary, f"environments/{primary.name}", env, primary_vars, log)
        second = Root(case, standby, f"environments/{standby.name}", env, [], log)
        results += [first.result, second.result]
        started = time.monotonic()
        try:
            log(f"  {case}/{first.result.root}: init, plan, apply (kept for the replica) ...")
            init_with_backend(first, primary, moto)
            first.plan_and_apply()
            log(f"  {case}/{first.result.root}: {summary(first.result)}")
            log(f"  {case}/{second.result.root}: init (state in its own region), plan, apply, plan ...")
            init_with_backend(second, standby, moto)
            standby_args = second.plan_and_apply()
            second.check_no_replacement(standby_args)
            source = second.step("output", ["output", "-json"])
            log(f"  {case}/{second.result.root}: {summary(second.result)}")
            standby_source = source
            kms_key = first.step("output", ["output", "-raw", "kms_key_arn"]).strip()
            image = re.search(r'^image = "([^"]+)"$', (primary / "terraform.tfvars.example").read_text(), re.M).group(1)
            drill = Drill(case, opentofu, primary, standby, first, env, primary_vars, moto, log)
            drill.run({"account": emulator.MOTO_ACCOUNT, "kms_key_arn": kms_key, "digest": image.split("@sha256:")[1]})
            results += drill.results()
            if '"database_secret_arn"' not in standby_source:
                second.result.failures.append(f"{case}: the standby's outputs lack database_secret_arn")
            drill.destroy()
            first.destroy([f"-var-file={f}" for f in primary_vars])
        except StepFailed as failure:
            (second if second.result.planned else first).result.failures.append(f"{case}: {failure}")
        except runbook.RunbookFailed as failure:
            second.result.failures.append(f"{case}: the README's runbook failed: {failure}")
        first.result.seconds = round(time.monotonic() - started, 1)
    return results, work


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    started = time.monotonic()
    results, work = run_case(Path(sys.argv[1]).resolve(), log=lambda message: print(message, flush=True))
    print()
    emulator.print_table(results)
    failures = [failure for r in results for failure in r.failures]
    for failure in failures:
        print("FAILURE: " + failure.replace("\n", "\n    "))
    print(f"\n{len(results)} roots, {time.monotonic() - started:.0f} s; logs in {work}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
