"""The pipelines' deploy step for real, against moto: after the emulator stage has applied an environment, the
generated deploy script (generated/cicd/deploy-ecs.sh, or deploy-server.sh on the hobby-project pattern) deploys two
images pushed to moto's ECR, is refused an image that is not there, and rolls back to the first. On ECS each time the
services' task definitions, the images of the newest revisions and the script's exit code are checked; on a server,
the SSM Run Command it sent (document, target, the image it sets) and its exit code.

What moto stands in for, and how it differs from ECS: it runs no container. A one-off task reaches STOPPED after a few
DescribeTasks with exit code 0 (so a failing migration cannot be shown here; deployscript.py shows that deploy.sh
stops on one, and the script's exit-code check is the same query), and a service deployment completes as soon as it
is asked for (conformance/emulator/server.py sets the running count to the desired count on UpdateService), so
`aws ecs wait services-stable` returns at once. IAM is not enforced: the deploy role's policy is checked by the
deployer module's tests, not here. ECR stores the manifests it is given; no layer is uploaded. SSM Run Command
reaches the instance by its Name tag and reports Success without running anything: what runs on the server
(server-update.sh) is checked by shellcheck only.
"""

import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path

from common import run, tool

FAKE_DIGEST = "sha256:" + "f" * 64


def settings(script):
    """region, repository and {environment: (prefix, workers)} as a generated deploy script (ECS or server) states
    them; a server script has no workers line (False)."""
    text = script.read_text()
    region = re.search(r"^region=(\S+)$", text, re.M).group(1).strip("'")
    repository = re.search(r"^repository=(\S+)$", text, re.M).group(1).strip("'")
    targets = {}
    for name, prefix, workers in re.findall(r"^  ([a-z0-9-']+)\)\n    prefix=(\S+)\n(?:    workers=(true|false)$)?", text, re.M):
        targets[name.strip("'")] = (prefix.strip("'"), workers == "true")
    return region, repository, targets


def tools(env, scratch, region):
    """The environment the script runs in: the pinned aws and gojq (as jq) first on the PATH, moto's endpoint."""
    bin_dir = Path(scratch) / "bin"
    bin_dir.mkdir()
    (bin_dir / "jq").symlink_to(tool("gojq"))
    (bin_dir / "aws").symlink_to(tool("aws"))
    return dict(env, PATH=f"{bin_dir}:{os.environ['PATH']}", AWS_DEFAULT_REGION=region)


def aws_caller(env, region):
    def aws_json(*arguments):
        code, out = run([tool("aws"), "--region", region, "--output", "json", *arguments], env=env, timeout=120)
        if code != 0:
            raise RuntimeError(f"aws {' '.join(arguments[:2])}: {out.strip()[-500:]}")
        return json.loads(out) if out.strip() else {}
    return aws_json


def pusher(aws_json, repository):
    def push(tag):
        # moto's digest of a manifest is that of its layers' digests: one layer per tag makes each image distinct.
        layer = "sha256:" + hashlib.sha256(tag.encode()).hexdigest()
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                               "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7, "digest": layer},
                               "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 7,
                                           "digest": layer}]})
        return aws_json("ecr", "put-image", "--repository-name", repository, "--image-tag", tag,
                        "--image-manifest", manifest)["image"]["imageId"]["imageDigest"]
    return push


def runner(script, env):
    calls = []

    def deploy(*arguments):
        code, out = run(["bash", str(script), *arguments], env=env, timeout=900)
        calls.append(arguments)
        (script.parent / f"pipeline-deploy-{len(calls)}-{arguments[0]}.log").write_text(out)
        return code, out
    return deploy


def check_gitlab_job(script, environment, env, aws_json, push, registry, deployed):
    """GitLab's deploy job (generated/cicd/gitlab-aws.sh beside the deploy script), run as the job runs it: no access
    key in the environment, only an ID token and the role to assume, so every AWS call it makes goes through the AWS
    CLI's AssumeRoleWithWebIdentity (moto issues credentials for any token; the trust policy is the deployer module
    tests' business). It must deploy the image published for the commit, refuse a commit with none, and refuse to
    start without a token. `deployed(digest)` returns what is wrong with the environment after a deploy, or None.
    Failures, empty when none."""
    helper = script.parent / "gitlab-aws.sh"
    if not helper.is_file():
        return []
    prefix = settings(script)[2][environment][0]
    role = aws_json("iam", "get-role", "--role-name", f"{prefix}-deploy")["Role"]["Arn"]
    commit = hashlib.sha1(f"{environment}-gitlab".encode()).hexdigest()
    digest = push(commit)
    job = {name: value for name, value in env.items() if name not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    # A JWT's shape; moto does not verify it.
    job.update(AWS_ID_TOKEN="eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGgifQ.c2lnbmF0dXJl", AWS_ROLE_ARN=role,
               CI_COMMIT_SHA=commit, CI_PROJECT_ID="4242", CI_JOB_ID="77")
    failures = []
    code, out = run(["bash", str(helper), "deploy", environment], env=job, timeout=900)
    (script.parent / "pipeline-deploy-gitlab.log").write_text(out)
    if code != 0:
        failures.append(f"pipeline deploy: gitlab-aws.sh deploy {environment} failed (exit {code}): {out.strip()[-800:]}")
    else:
        problem = deployed(digest)
        if problem:
            failures.append(f"pipeline deploy: gitlab-aws.sh deploy {environment}: {problem}")
    code, out = run(["bash", str(helper), "deploy", environment], env=dict(job, CI_COMMIT_SHA="0" * 40), timeout=300)
    if code == 0 or deployed(digest):
        failures.append(f"pipeline deploy: gitlab-aws.sh deployed a commit that has no image (exit {code}): {out.strip()[-400:]}")
    code, out = run(["bash", str(helper), "deploy", environment], env=dict(job, AWS_ID_TOKEN=""), timeout=120)
    if code != 2:
        failures.append(f"pipeline deploy: gitlab-aws.sh ran without an ID token (exit {code}): {out.strip()[-400:]}")
    return failures


def check_server(script, environment, env, log, started):
    failures = []
    if not tool("aws") or not tool("gojq"):
        return ["pipeline deploy: aws or gojq not installed (conformance/install-tools.sh)"], 0
    region, repository, targets = settings(script)
    if environment not in targets:
        return [f"pipeline deploy: {script.name} does not know the environment {environment}"], 0
    server = targets[environment][0] + "-server"
    with tempfile.TemporaryDirectory(prefix="pipeline-deploy-") as scratch:
        env = tools(env, scratch, region)
        aws_json = aws_caller(env, region)
        deploy = runner(script, env)

        def commands():
            return aws_json("ssm", "list-commands")["Commands"]

        try:
            account = aws_json("sts", "get-caller-identity")["Account"]
            registry = f"{account}.dkr.ecr.{region}.amazonaws.com/{repository}"
            push = pusher(aws_json, repository)
            first, second = push("deploy-1"), push("deploy-2")
            instances = [i["InstanceId"] for r in aws_json("ec2", "describe-instances", "--filters", f"Name=tag:Name,Values={server}",
                                                           "Name=instance-state-name,Values=running")["Reservations"] for i in r["Instances"]]
            for action, digest in (("deploy", first), ("deploy", second), ("rollback", first)):
                sent = len(commands())
                code, out = deploy(action, environment, digest)
                now = commands()
                if code != 0:
                    failures.append(f"pipeline deploy: {action} {digest[:19]}... failed (exit {code}): {out.strip()[-800:]}")
                    continue
                if len(now) != sent + 1:
                    failures.append(f"pipeline deploy: {action} sent {len(now) - sent} commands, not one")
                    continue
                command = max(now, key=lambda c: c["RequestedDateTime"])
                lines = command["Parameters"]["commands"]
                if command["DocumentName"] != "AWS-RunShellScript" or f"IMAGE='{registry}@{digest}'" not in lines:
                    failures.append(f"pipeline deploy: {action} sent {command['DocumentName']} with {lines[:4]}")
                if command.get("Targets") != [{"Key": "tag:Name", "Values": [server]}]:
                    failures.append(f"pipeline deploy: {action} targeted {command.get('Targets')}, not Name={server}")
                invoked = [i["InstanceId"] for i in aws_json("ssm", "list-command-invocations", "--command-id",
                                                             command["CommandId"])["CommandInvocations"]]
                if sorted(invoked) != sorted(instances) or not instances:
                    failures.append(f"pipeline deploy: {action} reached {invoked}, the server is {instances}")
            sent = len(commands())
            code, out = deploy("deploy", environment, FAKE_DIGEST)
            if code == 0 or len(commands()) != sent:
                failures.append(f"pipeline deploy: an image that is not in ECR was sent to the server (exit {code}): {out.strip()[-400:]}")

            def server_runs(digest):
                latest = max(commands(), key=lambda c: c["RequestedDateTime"])
                return None if f"IMAGE='{registry}@{digest}'" in latest["Parameters"]["commands"] else "the server was not sent the image"
            failures.extend(check_gitlab_job(script, environment, env, aws_json, push, registry, server_runs))
        except RuntimeError as error:
            failures.append(f"pipeline deploy: {error}")
    seconds = round(time.monotonic() - started, 1)
    gitlab = ", then GitLab's job (gitlab-aws.sh) by OIDC" if (script.parent / "gitlab-aws.sh").is_file() else ""
    log(f"    deploy-server.sh against moto: 2 deploys, 1 rollback, 1 refused image on {server}{gitlab}, {seconds:.0f} s; "
        + (f"{len(failures)} FAILURES" if failures else "as expected"))
    return failures, seconds


def check(script, environment, env, log):
    """Failures (empty when the script did what it says) and the seconds it took."""
    started = time.monotonic()
    failures = []
    if not tool("aws") or not tool("gojq"):
        return ["pipeline deploy: aws or gojq not installed (conformance/install-tools.sh)"], 0
    if script.name == "deploy-server.sh":
        return check_server(script, environment, env, log, started)
    region, repository, targets = settings(script)
    migrates = re.search(r"^migrates=true$", script.read_text(), re.M) is not None
    if environment not in targets:
        return [f"pipeline deploy: {script.name} does not know the environment {environment}"], 0
    prefix, workers = targets[environment]
    services = [prefix] + ([f"{prefix}-worker"] if workers else [])
    with tempfile.TemporaryDirectory(prefix="pipeline-deploy-") as scratch:
        env = tools(env, scratch, region)
        aws_json = aws_caller(env, region)
        push = pusher(aws_json, repository)
        deploy = runner(script, env)

        def running():
            described = aws_json("ecs", "describe-services", "--cluster", prefix, "--services", *services)["services"]
            return {service["serviceName"]: service["taskDefinition"] for service in described}

        def image_of(task_definition, container="app"):
            definition = aws_json("ecs", "describe-task-definition", "--task-definition", task_definition)["taskDefinition"]
            return next((c["image"] for c in definition["containerDefinitions"] if c["name"] == container), None)

        try:
            account = aws_json("sts", "get-caller-identity")["Account"]
            registry = f"{account}.dkr.ecr.{region}.amazonaws.com/{repository}"
            first, second = push("deploy-1"), push("deploy-2")
            before = running()
            for label, digest in (("first", first), ("second", second)):
                code, out = deploy("deploy", environment, digest)
                now = running()
                if code != 0:
                    failures.append(f"pipeline deploy: the {label} deploy failed (exit {code}): {out.strip()[-800:]}")
                    continue
                for service in services:
                    container = "worker" if service.endswith("-worker") else "app"
                    if now[service] == before[service]:
                        failures.append(f"pipeline deploy: the {label} deploy left {service} on {now[service]}")
                    elif image_of(now[service], container) != f"{registry}@{digest}":
                        failures.append(f"pipeline deploy: after the {label} deploy {service} runs "
                                        f"{image_of(now[service], container)}, not {registry}@{digest}")
                if migrates and "Migrations applied." not in out:
                    failures.append(f"pipeline deploy: the {label} deploy did not run the migrations")
                before = now
            code, out = deploy("deploy", environment, FAKE_DIGEST)
            if code == 0 or running() != before:
                failures.append("pipeline deploy: an image that is not in ECR was deployed, or changed a service "
                                f"(exit {code}): {out.strip()[-400:]}")
            first_revision = None
            for arn in aws_json("ecs", "list-task-definitions", "--family-prefix", prefix, "--sort", "DESC")["taskDefinitionArns"]:
                if arn.split("/")[-1].split(":")[0] == prefix and image_of(arn) == f"{registry}@{first}":
                    first_revision = arn.rsplit(":", 1)[1]
                    break
            if first_revision is None:
                failures.append("pipeline deploy: no revision of the app's family runs the first image")
            else:
                code, out = deploy("rollback", environment, first_revision)
                now = running()
                if code != 0:
                    failures.append(f"pipeline deploy: the rollback to revision {first_revision} failed (exit {code}): "
                                    f"{out.strip()[-800:]}")
                elif image_of(now[prefix]) != f"{registry}@{first}":
                    failures.append(f"pipeline deploy: after the rollback {prefix} runs {image_of(now[prefix])}, not the first image")
                elif "Migrations applied." in out:
                    failures.append("pipeline deploy: the rollback ran the migrations")

            def service_runs(digest):
                image = image_of(running()[prefix])
                return None if image == f"{registry}@{digest}" else f"{prefix} runs {image}"
            failures.extend(check_gitlab_job(script, environment, env, aws_json, push, registry, service_runs))
        except RuntimeError as error:
            failures.append(f"pipeline deploy: {error}")
    seconds = round(time.monotonic() - started, 1)
    gitlab = ", then GitLab's job (gitlab-aws.sh) by OIDC" if (script.parent / "gitlab-aws.sh").is_file() else ""
    log(f"    deploy-ecs.sh against moto: 2 deploys, 1 refused image, 1 rollback of {', '.join(services)}{gitlab}, {seconds:.0f} s; "
        + (f"{len(failures)} FAILURES" if failures else "as expected"))
    return failures, seconds
