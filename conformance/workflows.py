"""The CI/CD stage: generated GitHub Actions workflows and GitLab CI pipelines through the validators their users run.

actionlint (keys, expressions, `needs:`, runner labels, and shellcheck on every `run:` block), zizmor's offline
audits (no findings at its default persona), check-jsonschema against its vendored GitHub workflow schema; then
what ties a workflow to phase 1: the Dockerfile and stage it builds exist, its PostgreSQL service runs the image
the development stack runs, and every action is pinned by a full commit SHA with its tag in a comment.
A negative control proves the validators can fail: a copy with a script injection must be rejected.
GitLab CI: check-jsonschema against its vendored GitLab CI schema (which does not resolve include: or extends:;
the generated file uses neither), and the same ties to phase 1.
"""

import re
from pathlib import Path

import yaml


from common import run, tool
import pipelinedeploy

WORKFLOWS = ".github/workflows"
GITLAB = ".gitlab-ci.yml"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*([A-Za-z0-9-]+/[A-Za-z0-9._/-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*$")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)")
# An untrusted value inlined into a shell: what both actionlint and zizmor exist to catch.
INJECTION = ('      - name: "Injected"\n'
             '        run: echo "${{ github.event.pull_request.title }}"\n')


def validators():
    return {"actionlint": tool("actionlint"), "zizmor": tool("zizmor"), "check-jsonschema": tool("check-jsonschema"),
            "shellcheck": tool("shellcheck")}


def lint(path, found):
    """[(validator, ok, output)] for one workflow file."""
    results = []
    code, out = run([found["actionlint"], "-no-color", "-shellcheck", found["shellcheck"], str(path)], cwd=path.parent)
    results.append(("actionlint", code == 0, out))
    code, out = run([found["zizmor"], "--offline", "--no-progress", "--no-exit-codes", "--format", "plain", str(path)])
    results.append(("zizmor", "No findings to report" in out, out))
    code, out = run([found["check-jsonschema"], "--builtin-schema", "vendor.github-workflows", str(path)])
    results.append(("check-jsonschema", code == 0, out))
    return results


def check(tally, case, target):
    found = validators()
    missing = [name for name, path in found.items() if not path]
    workflows = sorted((target / WORKFLOWS).glob("*.yml"))
    if (target / GITLAB).is_file():
        check_gitlab(tally, case, target, found)
    if not workflows:
        return
    if missing:
        tally.failures.append(f"workflows: {case}: {', '.join(missing)} not installed (conformance/install-tools.sh)")
        return
    for path in workflows:
        label = f"{case}/{WORKFLOWS}/{path.name}"
        for validator, ok, out in lint(path, found):
            tally.record(validator, label, ok, out[-1500:])
        check_pins(tally, label, path.read_text())
        consistency(tally, case, target, path)
    if (target / WORKFLOWS / "deploy.yml").is_file():
        delivery_consistency(tally, case, target)


def check_gitlab(tally, case, target, found):
    path = target / GITLAB
    label = f"{case}/{GITLAB}"
    if not found["check-jsonschema"]:
        tally.failures.append(f"gitlab: {case}: check-jsonschema not installed (conformance/install-tools.sh)")
        return
    code, out = run([found["check-jsonschema"], "--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci", str(path)])
    tally.record("check-jsonschema gitlab", label, code == 0, out)
    pipeline = yaml.safe_load(path.read_text())
    compose = yaml.safe_load((target / "generated/deployment/compose.yaml").read_text())
    problems = []
    build = " ".join(pipeline["build-image"]["script"])
    directory = re.search(r"--local dockerfile=(\S+)", build).group(1)
    name = re.search(r"--opt filename=(\S+)", build).group(1)
    stage = re.search(r"--opt target=(\S+)", build).group(1)
    dockerfile = target / directory / name
    if not dockerfile.is_file():
        problems.append(f"build-image builds {directory}/{name}, which phase 1 did not write")
    elif not re.search(rf"^FROM .* AS {re.escape(stage)}$", dockerfile.read_text(), re.M):
        problems.append(f"build-image builds the stage {stage}, which the Dockerfile lacks")
    if "image.tar" not in " ".join(pipeline["scan-image"]["script"]) or pipeline["scan-image"]["needs"] != ["build-image"]:
        problems.append("scan-image does not scan what build-image built")
    test = pipeline.get("test")
    if test:
        database = next(s for s in test["services"] if s["alias"] == "postgres")
        if database["name"] != compose["services"]["db"]["image"]:
            problems.append(f"test runs {database['name']}, the development stack runs {compose['services']['db']['image']}")
        if test["variables"].get("DATABASE_URL", "").rsplit("/", 1)[-1] != compose["services"]["db"]["environment"]["POSTGRES_DB"]:
            problems.append("test's DATABASE_URL names another database than the development stack's")
        # A limit GitLab enforces when it runs the pipeline, which its schema does not state.
        if len(test["cache"]["key"]["files"]) > 2:
            problems.append(f"test keys its cache on {len(test['cache']['key']['files'])} files; GitLab accepts at most two")
    tally.record("workflow consistency", label, not problems, "; ".join(problems))


def check_pins(tally, label, text):
    # A workflow of the same repository (uses: ./...) runs at the caller's commit: nothing to pin.
    lines = [line for line in text.splitlines() if USES.match(line) and not USES.match(line).group(1).startswith("./")]
    loose = [line.strip() for line in lines if not PINNED.match(line)]
    tally.record("action pins", label, bool(lines) and not loose,
                 "not pinned by a 40-digit commit with its vX.Y.Z tag in a comment: " + "; ".join(loose) if loose else "no uses: lines")


def consistency(tally, case, target, path):
    workflow = yaml.safe_load(path.read_text())
    problems = []
    compose = yaml.safe_load((target / "generated/deployment/compose.yaml").read_text())
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("docker/build-push-action@"):
                dockerfile = target / step["with"]["file"]
                if not dockerfile.is_file():
                    problems.append(f"{job_name} builds {step['with']['file']}, which phase 1 did not write")
                elif not re.search(rf"^FROM .* AS {re.escape(step['with']['target'])}$", dockerfile.read_text(), re.M):
                    problems.append(f"{job_name} builds the stage {step['with']['target']}, which the Dockerfile lacks")
        postgres = job.get("services", {}).get("postgres")
        if postgres and postgres["image"] != compose["services"]["db"]["image"]:
            problems.append(f"{job_name} tests against {postgres['image']}, the development stack runs {compose['services']['db']['image']}")
        if postgres and job.get("env", {}).get("DATABASE_URL", "").rsplit("/", 1)[-1] != compose["services"]["db"]["environment"]["POSTGRES_DB"]:
            problems.append(f"{job_name}'s DATABASE_URL names another database than the development stack's")
    tally.record("workflow consistency", f"{case}/{WORKFLOWS}/{path.name}", not problems, "; ".join(problems))


def delivery_consistency(tally, case, target):
    """The deploy workflow and its script name what phases 1 and 2 generate: the environments (one root each, in the
    same order), each environment's resource prefix (cluster, services, families, server), the region, the ECR
    repository of the bootstrap, the deploy script's path, and the health path the smoke tests request."""
    workflow = yaml.safe_load((target / WORKFLOWS / "deploy.yml").read_text())
    opentofu = target / "generated/infrastructure/opentofu"
    problems = []
    script_path = next((p for p in (target / "generated/cicd").glob("deploy-*.sh")), None)
    if script_path is None:
        tally.record("workflow consistency", f"{case}/deploy.yml", False, "no generated/cicd/deploy-*.sh")
        return
    region, repository, targets = pipelinedeploy.settings(script_path)
    prefixes = {name: prefix for name, (prefix, _) in targets.items()}
    bootstrap = (opentofu / "bootstrap/variables.tf").read_text()
    if f'default     = "{repository}"' not in bootstrap:
        problems.append(f"the script pushes to the repository {repository}, which is not the bootstrap's name")
    jobs = {name: job for name, job in workflow["jobs"].items() if name.startswith("deploy-")}
    roots = sorted(p.name for p in (opentofu / "environments").iterdir() if p.is_dir())
    if sorted(prefixes) != roots or sorted(job["environment"]["name"] for job in jobs.values()) != roots:
        problems.append(f"environments: script {sorted(prefixes)}, jobs {sorted(jobs)}, OpenTofu roots {roots}")
    compose = yaml.safe_load((target / "generated/deployment/compose.production.yaml").read_text())
    health = re.search(r"127\.0\.0\.1:\d+(/[^'\" ]*)", " ".join(compose["services"]["app"]["healthcheck"]["test"]))
    for environment, prefix in prefixes.items():
        root = opentofu / "environments" / environment
        if not root.is_dir():
            continue
        if f'name = "{prefix}"' not in (root / "main.tf").read_text():
            problems.append(f"{environment}: the script's prefix {prefix} is not the root's local.name")
        if f'region = "{region}"' not in (root / "providers.tf").read_text():
            problems.append(f"{environment}: the script deploys in {region}, the root's provider elsewhere")
        job = jobs.get(f"deploy-{environment}", {})
        steps = job.get("steps", [])
        runs = " ".join(str(step.get("run", "")) for step in steps)
        if f"./{script_path.relative_to(target)} deploy {environment} " not in runs:
            problems.append(f"{environment}: its job does not run ./{script_path.relative_to(target)} deploy {environment}")
        url = next((step.get("env", {}).get("HEALTH_URL") for step in steps if "HEALTH_URL" in step.get("env", {})), "")
        if health and not url.endswith(health.group(1)):
            problems.append(f"{environment}: the smoke test requests {url}, the app's health check {health.group(1)}")
        if not (root / "ci.tf").is_file() or f":environment:{environment}\"]" not in (root / "ci.tf").read_text():
            problems.append(f"{environment}: its root has no deploy role trusting exactly its environment")
    publish = workflow["jobs"]["publish"]
    pushed = next((step["env"]["REPOSITORY"] for step in publish["steps"] if "REPOSITORY" in step.get("env", {})), None)
    if pushed != repository:
        problems.append(f"the publish job pushes to {pushed}, the script deploys from {repository}")
    tally.record("workflow consistency", f"{case}/deploy.yml", not problems, "; ".join(problems))


def negative_control(tally, sample, scratch):
    """A copy of a generated workflow with a script injection added to its last job: every validator run must not pass it."""
    found = validators()
    if any(not path for path in found.values()):
        return
    text = sample.read_text().rstrip("\n") + "\n" + INJECTION
    scratch.mkdir(parents=True, exist_ok=True)
    mutated = scratch / "injected.yml"
    mutated.write_text(text)
    results = {validator: ok for validator, ok, _ in lint(mutated, found)}
    caught = [name for name in ("actionlint", "zizmor") if not results[name]]
    tally.record("workflow negative control", str(sample.name), caught == ["actionlint", "zizmor"],
                 f"a workflow with an injected ${{{{ github.event.pull_request.title }}}} passed: {sorted(set(['actionlint', 'zizmor']) - set(caught))}")
