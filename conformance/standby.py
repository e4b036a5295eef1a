#!/usr/bin/env python3
"""The disaster recovery standby against moto: the README's "Disaster recovery" set-up and failover, applied.

For a case whose spec turns multiregion on, in one moto (every region): the bootstrap (both state stores), the
primary environment (kept: the replica needs its source), the standby root with its backend in its own region
(the bootstrap's standby_backend_config), a second plan (nothing replaced), then the failover as the runbook
records it (`promoted = true` and the image in the standby's terraform.tfvars, plan, apply: the app's containers
created in the standby's region), then both roots destroyed.

What moto stands in for, and how it differs: the replica is a record that names its source across regions, not a
streaming copy; promotion flips that record; Route 53 health checks are stored, never probed; ACM certificates
are issued at once, so the standby's certificate does not wait for the primary's validation record as in AWS.

Not part of .ci/run's default stage (it adds the production-sized primary root and two applies of the standby,
about a quarter of an hour): run it by hand on a generated case directory,
    conformance-python conformance/standby.py CASE_DIR
"""

import re
import sys
import tempfile
import time
from pathlib import Path

import emulator
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
        promoted = Root(case, standby, f"environments/{standby.name} promoted", env, [], log)
        results += [first.result, second.result, promoted.result]
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
            # The runbook's failover: promoted, and the image production ran, from the standby region's replica of
            # the repository (moto's account; the digest need not exist for ECS to accept the task definitions).
            image = re.search(r'^image = "([^"]+)"$', (primary / "terraform.tfvars.example").read_text(), re.M).group(1)
            image = re.sub(r"\.dkr\.ecr\.[a-z0-9-]+\.", f".dkr.ecr.{region_of(standby)}.", image)
            (standby / "terraform.tfvars").write_text(f'promoted = true\nimage    = "{image}"\n')
            log(f"  {case}/{promoted.result.root}: promoted = true, image {image}, plan, apply ...")
            promoted.plan_and_apply()
            cluster = promoted.step("output", ["output", "-raw", "cluster_name"]).strip()
            if not cluster:
                promoted.result.failures.append(f"{case}: the promoted standby runs no ECS cluster")
            secret = promoted.step("output", ["output", "-raw", "database_secret_arn"]).strip()
            if not secret.startswith("arn:"):
                promoted.result.failures.append(f"{case}: the promoted standby has no master secret of its own ({secret!r})")
            if '"database_secret_arn"' not in source:
                second.result.failures.append(f"{case}: the standby's outputs lack database_secret_arn")
            promoted.destroy([])
            first.destroy([f"-var-file={f}" for f in primary_vars])
        except StepFailed as failure:
            (promoted if promoted.result.applied else second if second.result.planned else first).result.failures.append(
                f"{case}: {failure}")
        first.result.seconds = promoted.result.seconds = round(time.monotonic() - started, 1)
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
