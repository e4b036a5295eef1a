"""Runs the test job of a generated GitHub CI workflow on a sample app, the way the runner would: its `run:` steps in
order, under `bash -e`, with the job's environment, against a real PostgreSQL; then proves the job can fail, by
running its checks on a copy of the app with a model change that has no migration.

The stand-in differs from GitHub's runner in: this machine's Python (not the version setup-python would install,
which the workflow names) in a fresh virtualenv with PyPI as the index; Debian's PostgreSQL of this machine (15)
rather than the service container's image, on a free local port that replaces 5432 in the job's variables,
trusting local TCP connections as the container does (POSTGRES_HOST_AUTH_METHOD=trust), with the job's database
user a superuser as the image makes POSTGRES_USER; no broker service (the sample app's tests do not queue jobs).
Apps installed with bundler are not run here: RubyGems is not reachable from this machine.

GitLab's test job is run the same way: the example is generated again with `cicd.provider: gitlab-ci`, and the job's
`script:` lines run in order under `bash -e` with its `variables:` as GitLab expands them ($$ read as $), the service
alias `postgres` standing for the local server. It differs from GitLab's runner as above, and in running on this
machine rather than in the job's image (the script installs what the image lacks itself, as it must there).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from localpg import Cluster, postgres_bin

WORKFLOW = ".github/workflows/ci.yml"
# A model change without its migration: `makemigrations --check` must fail on it.
UNMIGRATED = "\n\nclass Unmigrated(models.Model):\n    name = models.CharField(max_length=10)\n"


class Postgres(Cluster):
    """The CI service container's database: TCP on 127.0.0.1 trusting every connection, the job's user its superuser."""

    def __init__(self, binaries, user, database):
        super().__init__(binaries, superuser=user, options="-c listen_addresses=127.0.0.1")
        self.database = database

    def __enter__(self):
        super().__enter__()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", self.port, "-U", self.superuser, self.database],
                       check=True, capture_output=True, timeout=60)
        return self


def test_job(target):
    path = target / WORKFLOW
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text())["jobs"].get("test")


def runs_here(job):
    setup = next((step for step in job["steps"] if "uses" in step and "setup-" in step["uses"]), None)
    return setup is not None and "setup-ruby" not in setup["uses"]


def run_steps(job, app, port, venv):
    """[(step name, exit code, output tail)] of the job's run: steps in order, stopping at the first failure as a runner does."""
    env = dict(os.environ)
    env.update({key: str(value).replace("localhost:5432", f"localhost:{port}") for key, value in job.get("env", {}).items()})
    env["PATH"] = f"{venv}/bin:{env['PATH']}"
    env["VIRTUAL_ENV"] = str(venv)
    env.pop("PYTHONHOME", None)
    results = []
    for step in job["steps"]:
        if "run" not in step:
            continue
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=app, env=env, capture_output=True, text=True, timeout=900)
        results.append((step["name"], result.returncode, (result.stdout + result.stderr)[-1500:]))
        if result.returncode != 0:
            break
    return results


def gitlab_job(job, port):
    """GitLab's test job in the shape run_steps reads: its variables, expanded as GitLab does and with the database
    service's alias at localhost:5432, and one step per script line."""
    env = {}
    for key, value in job.get("variables", {}).items():
        value = str(value).replace("$$", "$").replace("@postgres:5432/", "@localhost:5432/")
        env[key] = "localhost" if value == "postgres" else value
    return {"env": env, "steps": [{"name": line, "run": line} for line in job["script"]]}


def check_gitlab(tally, name, target, generate, binaries):
    """The same app's GitLab test job: generated with cicd.provider gitlab-ci into a copy, then run. A line for the summary."""
    work = Path(tempfile.mkdtemp(prefix="citests-gitlab-"))
    try:
        app = work / "app"
        shutil.copytree(target, app, ignore=shutil.ignore_patterns("generated", ".github", ".specql-deploy"))
        spec = yaml.safe_load((app / "deployment.yaml").read_text())
        spec.setdefault("cicd", {})["provider"] = "gitlab-ci"
        (app / "deployment.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
        code, out = generate(app)
        pipeline = app / ".gitlab-ci.yml"
        if code != 0 or not pipeline.is_file():
            tally.record("ci test job", f"{name} (GitLab)", False, f"generating with gitlab-ci failed: {out[-800:]}")
            return f"{name} (GitLab): not generated"
        job = yaml.safe_load(pipeline.read_text()).get("test")
        if job is None:
            tally.record("ci test job", f"{name} (GitLab)", False, "the GitLab pipeline has no test job, the GitHub one has")
            return f"{name} (GitLab): no test job"
        database = next(service for service in job["services"] if service["alias"] == "postgres")["variables"]
        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        shutil.rmtree(app / "generated", ignore_errors=True)
        with Postgres(binaries, database["POSTGRES_USER"], database["POSTGRES_DB"]) as server:
            steps = gitlab_job(job, server.port)
            results = run_steps(steps, app, server.port, venv)
        ok = all(code == 0 for _, code, _ in results) and len(results) == len(steps["steps"])
        failed = next((f"{step} exited {code}: {out}" for step, code, out in results if code != 0), "")
        tally.record("ci test job", f"{name} (GitLab)", ok, failed)
        ran = [match.group(0) for _, _, out in results for match in [re.search(r"Ran \d+ tests?|\d+ passed", out)] if match]
        return f"{name} (GitLab): " + ", ".join(f"{step} -> exit {code}" for step, code, _ in results) + (f" ({ran[-1]})" if ran else "")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check(tally, cases, generate=None):
    """Runs the test job of every case that has one and whose toolchain is reachable here; returns lines for the summary."""
    binaries = postgres_bin()
    lines = []
    for name, target in cases:
        job = test_job(target)
        # A matrix spec has no app to test: only its spec and what was generated from it.
        app_files = [p for p in target.iterdir() if p.name not in {"deployment.yaml", "generated", ".github", ".dockerignore"}]
        if job is None or not app_files:
            continue
        if not runs_here(job):
            lines.append(f"NOT RUN: {name}: the CI test job sets up Ruby, and RubyGems is not reachable from this machine")
            continue
        if binaries is None:
            tally.failures.append(f"ci test job: {name}: no PostgreSQL server binaries on this machine (apt package postgresql)")
            continue
        postgres = job["services"]["postgres"]["env"]
        work = Path(tempfile.mkdtemp(prefix="citests-"))
        try:
            venv = work / "venv"
            subprocess.run([sys.executable, "-m", "venv", str(venv)],
                           check=True, capture_output=True, timeout=300)
            app = work / "app"
            shutil.copytree(target, app, ignore=shutil.ignore_patterns("generated", ".github"))
            with Postgres(binaries, postgres["POSTGRES_USER"], postgres["POSTGRES_DB"]) as server:
                results = run_steps(job, app, server.port, venv)
            ok = all(code == 0 for _, code, _ in results) and len(results) == sum(1 for step in job["steps"] if "run" in step)
            failed = next((f"{step} exited {code}: {out}" for step, code, out in results if code != 0), "")
            tally.record("ci test job", name, ok, failed)
            ran = [match.group(0) for _, _, out in results for match in [re.search(r"Ran \d+ tests?|\d+ passed", out)] if match]
            lines.append(f"{name}: " + ", ".join(f"{step} -> exit {code}" for step, code, _ in results) + (f" ({ran[-1]})" if ran else ""))
            # The job must be able to fail: a model change without a migration is rejected by its checks.
            models = next(iter(sorted(app.glob("*/models.py"))), None)
            if models and any("makemigrations" in step.get("run", "") for step in job["steps"]):
                models.write_text(models.read_text() + UNMIGRATED)
                with Postgres(binaries, postgres["POSTGRES_USER"], postgres["POSTGRES_DB"]) as server:
                    mutated = run_steps(job, app, server.port, venv)
                caught = any(code != 0 and "makemigrations" in step for step, code, _ in mutated)
                tally.record("ci test job negative control", name, caught,
                             "a model change without its migration passed the test job: " + repr([(s, c) for s, c, _ in mutated]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if generate is not None:
            lines.append(check_gitlab(tally, name, target, generate, binaries))
    return lines
