"""The CI/CD stage: generated GitHub Actions workflows and GitLab CI pipelines through the validators their users run.

actionlint (keys, expressions, `needs:`, runner labels, and shellcheck on every `run:` block), zizmor's offline
audits (no findings at its default persona), check-jsonschema against its vendored GitHub workflow schema; then
what ties a workflow to phase 1: the Dockerfile and stage it builds exist, its PostgreSQL service runs the image
the development stack runs, and every action is pinned by a full commit SHA with its tag in a comment.
A negative control proves the validators can fail: a copy with a script injection must be rejected.
GitLab CI: check-jsonschema against its vendored GitLab CI schema (which does not resolve include: or extends:;
the generated file uses neither), and the same ties to phase 1.
"""

import os
import re
from pathlib import Path

import yaml


from common import is_standby, run, tool
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
    if (target / "generated/cicd").is_dir() and found["shellcheck"]:
        check_scripts(tally, case, target, found)
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
    if "publish-image" in pipeline:
        gitlab_delivery_consistency(tally, case, target, pipeline)


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


def phase_targets(target, problems):
    """What the deploy script states, checked against phases 1 and 2: (script path, region, repository, {environment:
    prefix}, OpenTofu roots, the app's health path); problems found are appended. None without a script."""
    opentofu = target / "generated/infrastructure/opentofu"
    script_path = next((p for p in (target / "generated/cicd").glob("deploy-*.sh")), None)
    if script_path is None:
        problems.append("no generated/cicd/deploy-*.sh")
        return None
    region, repository, targets = pipelinedeploy.settings(script_path)
    prefixes = {name: prefix for name, (prefix, _) in targets.items()}
    if f'default     = "{repository}"' not in (opentofu / "bootstrap/variables.tf").read_text():
        problems.append(f"the script pushes to the repository {repository}, which is not the bootstrap's name")
    every_root = sorted(p for p in (opentofu / "environments").iterdir() if p.is_dir())
    # A disaster-recovery standby (its replica promoted by hand, README "Disaster recovery") is no pipeline target; it
    # must stand by an environment the pipeline deploys.
    standbys = [p.name for p in every_root if is_standby(p)]
    roots = [p.name for p in every_root if p.name not in standbys]
    if sorted(prefixes) != roots:
        problems.append(f"environments: script {sorted(prefixes)}, OpenTofu roots {roots}")
    for standby in standbys:
        if standby.removesuffix("-dr") not in prefixes:
            problems.append(f"the standby {standby} stands by no environment the script deploys")
    for environment, prefix in prefixes.items():
        root = opentofu / "environments" / environment
        if not root.is_dir():
            continue
        if f'name = "{prefix}"' not in (root / "main.tf").read_text():
            problems.append(f"{environment}: the script's prefix {prefix} is not the root's local.name")
        if f'region = "{region}"' not in (root / "providers.tf").read_text():
            problems.append(f"{environment}: the script deploys in {region}, the root's provider elsewhere")
    compose = yaml.safe_load((target / "generated/deployment/compose.production.yaml").read_text())
    health = re.search(r"127\.0\.0\.1:\d+(/[^'\" ]*)", " ".join(compose["services"]["app"]["healthcheck"]["test"]))
    return script_path, region, repository, prefixes, roots, health.group(1) if health else None


def delivery_consistency(tally, case, target):
    """The deploy workflow and its script name what phases 1 and 2 generate: the environments (one root each, in the
    same order), each environment's resource prefix (cluster, services, families, server), the region, the ECR
    repository of the bootstrap, the deploy script's path, and the health path the smoke tests request."""
    workflow = yaml.safe_load((target / WORKFLOWS / "deploy.yml").read_text())
    opentofu = target / "generated/infrastructure/opentofu"
    problems = []
    found = phase_targets(target, problems)
    if found is None:
        tally.record("workflow consistency", f"{case}/deploy.yml", False, "; ".join(problems))
        return
    script_path, region, repository, prefixes, roots, health = found
    jobs = {name: job for name, job in workflow["jobs"].items() if name.startswith("deploy-")}
    if sorted(job["environment"]["name"] for job in jobs.values()) != roots:
        problems.append(f"environments: jobs {sorted(jobs)}, OpenTofu roots {roots}")
    for environment in prefixes:
        root = opentofu / "environments" / environment
        job = jobs.get(f"deploy-{environment}", {})
        steps = job.get("steps", [])
        runs = " ".join(str(step.get("run", "")) for step in steps)
        if f"./{script_path.relative_to(target)} deploy {environment} " not in runs:
            problems.append(f"{environment}: its job does not run ./{script_path.relative_to(target)} deploy {environment}")
        url = next((step.get("env", {}).get("HEALTH_URL") for step in steps if "HEALTH_URL" in step.get("env", {})), "")
        if health and not url.endswith(health):
            problems.append(f"{environment}: the smoke test requests {url}, the app's health check {health}")
        if not (root / "ci.tf").is_file() or f":environment:{environment}\"]" not in (root / "ci.tf").read_text():
            problems.append(f"{environment}: its root has no deploy role trusting exactly its environment")
    publish = workflow["jobs"]["publish"]
    pushed = next((step["env"]["REPOSITORY"] for step in publish["steps"] if "REPOSITORY" in step.get("env", {})), None)
    if pushed != repository:
        problems.append(f"the publish job pushes to {pushed}, the script deploys from {repository}")
    tally.record("workflow consistency", f"{case}/deploy.yml", not problems, "; ".join(problems))


GITLAB_REF_RULE = re.compile(r'\$CI_PIPELINE_SOURCE == "push" && \$CI_COMMIT_(BRANCH|TAG)(?: == "([^"]+)"| =~ /\^([^/]*(?:\\/[^/]*)*)/)?$')
GITLAB_MANUAL_RULE = '$CI_PIPELINE_SOURCE == "web" && $CI_COMMIT_BRANCH == $PIPELINE_BRANCH'


def gitlab_subjects(rules, default_branch):
    """The sub claims (GitLab's ID tokens: project_path:<project>:ref_type:<type>:ref:<ref>, after the project) of the
    pipelines a job's rules admit, a pattern ending in *; None for a rule this check does not read."""
    subjects = set()
    for condition in rules:
        if condition.startswith(GITLAB_MANUAL_RULE):
            subjects.add(f"ref_type:branch:ref:{default_branch}")
            continue
        match = GITLAB_REF_RULE.match(condition)
        if not match:
            return None
        kind, exact, prefix = match.groups()
        ref = exact if exact is not None else (prefix or "").replace("\\", "") + "*"
        subjects.add(f"ref_type:{'tag' if kind == 'TAG' else 'branch'}:ref:{ref}")
    return subjects


def trusted_subjects(text):
    """The sub claims an OpenTofu ci.tf names after its project (var.ci_repository), with the patterns."""
    return set(re.findall(r'"project_path:\$\{var\.ci_repository\}:([^"]+)"', text))


def gitlab_delivery_consistency(tally, case, target, pipeline):
    """GitLab's deploy jobs and gitlab-aws.sh name what phases 1 and 2 generate (as the GitHub check does), and each
    environment's role trusts exactly the refs whose pipelines run that environment's job (and the publish role those
    that run publish-image): GitLab's tokens name the ref, so these two lists must be equal."""
    label = f"{case}/{GITLAB} deploy"
    opentofu = target / "generated/infrastructure/opentofu"
    problems = []
    found = phase_targets(target, problems)
    helper = target / "generated/cicd/gitlab-aws.sh"
    if found is None or not helper.is_file():
        tally.record("workflow consistency", label, False, "; ".join(problems) or "no generated/cicd/gitlab-aws.sh")
        return
    script_path, region, repository, prefixes, roots, health = found
    helper_text = helper.read_text()
    if f"region='{region}'" not in helper_text and f"region={region}" not in helper_text:
        problems.append(f"gitlab-aws.sh works in another region than {region}")
    if f"repository='{repository}'" not in helper_text and f"repository={repository}" not in helper_text:
        problems.append(f"gitlab-aws.sh pushes to another repository than {repository}")
    if f'"$(dirname "$0")/{script_path.name}" deploy' not in helper_text:
        problems.append(f"gitlab-aws.sh does not run {script_path.name}")
    default_branch = pipeline["variables"]["PIPELINE_BRANCH"]
    jobs = {name: job for name, job in pipeline.items() if name.startswith("deploy-") and isinstance(job, dict)}
    if sorted(job["environment"]["name"] for job in jobs.values()) != roots:
        problems.append(f"environments: jobs {sorted(jobs)}, OpenTofu roots {roots}")
    for environment in prefixes:
        job = jobs.get(f"deploy-{environment}", {})
        script = " ".join(job.get("script", []))
        if f"./generated/cicd/gitlab-aws.sh deploy {environment}" not in script:
            problems.append(f"{environment}: its job does not run gitlab-aws.sh deploy {environment}")
        if health and not re.search(rf"https://\S+{re.escape(health)}(\s|$)", script):
            problems.append(f"{environment}: its smoke test does not request the app's health path {health}")
        if job.get("resource_group") != environment or job.get("interruptible") is not False:
            problems.append(f"{environment}: not alone in its resource group, or interruptible")
        if job.get("id_tokens", {}).get("AWS_ID_TOKEN", {}).get("aud") != "$CI_SERVER_URL":
            problems.append(f"{environment}: its ID token's audience is not the instance URL the roles trust")
        wanted = gitlab_subjects([rule["if"] for rule in job.get("rules", [])], default_branch)
        ci_tf = opentofu / "environments" / environment / "ci.tf"
        trusted = trusted_subjects(ci_tf.read_text()) if ci_tf.is_file() else set()
        if wanted is None or wanted != trusted:
            problems.append(f"{environment}: the role trusts {sorted(trusted)}, the job runs in pipelines of {wanted}")
    publish = pipeline.get("publish-image", {})
    if "./generated/cicd/gitlab-aws.sh publish image.tar" not in " ".join(publish.get("script", [])):
        problems.append("publish-image does not push the scanned archive with gitlab-aws.sh")
    if [need["job"] for need in publish.get("needs", [])] != ["build-image", "scan-image"]:
        problems.append("publish-image does not wait for the build and the scan")
    wanted = gitlab_subjects([rule["if"] for rule in publish.get("rules", []) if rule.get("when") != "never"], default_branch)
    trusted = trusted_subjects((opentofu / "bootstrap/ci.tf").read_text())
    # The publish role also trusts the default branch, whose manual runs may publish.
    if wanted is None or not wanted <= trusted or not trusted <= wanted | {f"ref_type:branch:ref:{default_branch}"}:
        problems.append(f"the publish role trusts {sorted(trusted)}, publish-image runs in pipelines of {wanted}")
    tally.record("workflow consistency", label, not problems, "; ".join(problems))


def check_scripts(tally, case, target, found):
    """shellcheck on the scripts the pipelines run (generated/cicd/*.sh): the deploy scripts, what runs on the server,
    and GitLab's job script."""
    for script in sorted((target / "generated/cicd").glob("*.sh")):
        code, out = run([found["shellcheck"], "--severity", "style", str(script)])
        executable = os.access(script, os.X_OK) or script.name == "server-update.sh"
        tally.record("shellcheck", f"{case}/generated/cicd/{script.name}", code == 0 and executable, out or "not executable")


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
