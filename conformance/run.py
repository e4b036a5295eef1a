#!/usr/bin/env python3
"""The conformance suite: every generated file checked by the real tool of its ecosystem.

Generates each bundled example, a matrix of specs (frameworks x patterns x option switches) and the
project fixtures (application layouts whose files the generator reads) through
the plugin's real entry point (Maven, no pom), runs each validator on the files it applies to, checks
that the files agree with each other (ports, health paths, service names, variables), pushes the
hostile-input corpus through Maven and checks that nothing was written, then prints a summary table.
The runtime stage (runtime.py) then builds every image of each example that has a sample app, starts its
Compose stacks on a local engine with stand-in base images, and asserts that they serve, migrate, run jobs and
keep their data.
Exits non-zero on any failure. A validator that cannot run is a failure, unless --allow-missing is
given, in which case a "NOT RUN:" line says exactly which check did not run and why.

Run it after `./mvnw -B install` and `conformance/install-tools.sh` (the .ci/run script does both).
Needs PyYAML: run it with the interpreter the install script provides (tools/bin/conformance-python).
"""

import argparse
import collections
import concurrent.futures
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from common import REPO, TOOLS, root_configuration, run, tofu_env, tool
import bluegreendeploy
import dblogin
import deployscript
import emulator
import citests
import helmchart
import monitoringtask
import observability
import runtime
import workflows

HOSTILE = REPO / "specql-deploy-model/src/test/resources/hostile"
MATRIX = REPO / "conformance/matrix"
PROJECTS = REPO / "specql-deploy-templates/src/test/resources/projects"
GROUP, ARTIFACT = "dev.specql", "specql-deploy-maven-plugin"
PHASE1_DIR = "generated/deployment"


class Tally:
    """Per-validator counts for the summary table, and every failure message."""

    def __init__(self):
        self.rows = {}
        self.failures = []
        self.not_run = []
        self.skips = []
        # Cases are validated two at a time: a count is read and written back.
        self.lock = threading.Lock()

    def record(self, validator, target, ok, detail=""):
        with self.lock:
            row = self.rows.setdefault(validator, {"files": 0, "passed": 0, "failed": 0, "skipped": 0})
            row["files"] += 1
            row["passed" if ok else "failed"] += 1
            if not ok:
                self.failures.append(f"{validator}: {target}: {detail.strip()}")

    def skip(self, validator, target, rule, reason):
        with self.lock:
            self.rows.setdefault(validator, {"files": 0, "passed": 0, "failed": 0, "skipped": 0})["skipped"] += 1
            self.skips.append(f"{validator}: {target}: {rule}: {reason}")


def plugin_version():
    text = (REPO / "pom.xml").read_text()
    return re.search(r"<artifactId>specql-deploy-parent</artifactId>\s*<version>([^<]+)</version>", text).group(1)


# ---------------------------------------------------------------------------------------------- specs

def matrix():
    """The matrix specs (conformance/matrix, see its README): together they cover each framework, pattern, CI
    provider, monitoring level and every option that changes the output. Each entry: (name, spec file)."""
    return [(path.stem, path) for path in sorted(MATRIX.glob("*.yaml"))]


def project_fixtures():
    """Application layouts whose version and manifest files the generator reads (see their README): each is
    generated whole, so the validators check output shaped by detection too. Each entry: (name, directory)."""
    return [(f"project-{d.name}", d) for d in sorted(PROJECTS.iterdir()) if (d / "deployment.yaml").is_file()]


def example_specs():
    return [(f"example-{d.name}", None, d) for d in sorted((REPO / "examples").iterdir()) if (d / "deployment.yaml").is_file()]


def variant_specs():
    """Other specs for a bundled example's app (conformance/variants/<example>--<what>.yaml), so that the runtime
    stage runs what only other options generate (no worker, no migrations). Each entry: (name, spec, app)."""
    return [(f"variant-{path.stem}", path, REPO / "examples" / path.stem.split("--")[0])
            for path in sorted((REPO / "conformance/variants").glob("*.yaml"))]


# ------------------------------------------------------------------------------------------ generation

def maven(quiet=True):
    return [str(REPO / "mvnw"), "-B", "--no-transfer-progress"] + (["-q"] if quiet else [])


def generate(case_dir, version):
    code, output = run(maven() + [f"{GROUP}:{ARTIFACT}:{version}:generate"], cwd=case_dir)
    return code, output


# ---------------------------------------------------------------------------------------- validators

def check_dockerfile(tally, case, path):
    hadolint = tool("hadolint")
    if hadolint:
        code, out = run([hadolint, "--failure-threshold", "style", "--no-color", str(path)])
        tally.record("hadolint", f"{case}/Dockerfile", code == 0 and not out.strip(), out)
        lines = path.read_text().splitlines()
        for index, line in enumerate(lines):
            match = re.match(r"#\s*hadolint ignore=(\S+)", line)
            if match:
                reason = comment_above(lines, index)
                tally.skip("hadolint", f"{case}/Dockerfile:{index + 1}", match.group(1), reason or "NO REASON GIVEN")
                if not reason:
                    tally.record("hadolint", f"{case}/Dockerfile:{index + 1}", False, "inline ignore without a written reason")
    checkov = tool("checkov")
    if checkov:
        code, out = run([checkov, "--framework", "dockerfile", "--file", str(path), "--output", "json",
                         "--skip-download", "--soft-fail"])
        try:
            report = json.loads(out[out.index("{"):]) if "{" in out else {}
        except ValueError:
            tally.record("checkov-dockerfile", f"{case}/Dockerfile", False, "unreadable checkov output: " + out[:400])
            return
        results = report.get("results", {})
        failed = results.get("failed_checks", [])
        for skipped in results.get("skipped_checks", []):
            tally.skip("checkov-dockerfile", f"{case}/Dockerfile", skipped.get("check_id"),
                       (skipped.get("check_result") or {}).get("suppress_comment", ""))
        tally.record("checkov-dockerfile", f"{case}/Dockerfile", not failed,
                     "; ".join(f"{c['check_id']} {c['check_name']} (line {c.get('file_line_range')})" for c in failed))


def comment_above(lines, index):
    """The comment block right above line `index`: the written reason for an inline skip."""
    block = []
    cursor = index - 1
    while cursor >= 0 and lines[cursor].startswith("#") and "ignore=" not in lines[cursor]:
        block.insert(0, lines[cursor].lstrip("#").strip())
        cursor -= 1
    return " ".join(block)


def check_compose(tally, case, directory):
    compose_check = tool("compose-check")
    if not compose_check:
        return
    for name in ["compose.yaml", "compose.production.yaml"]:
        code, out = run([compose_check, "--env-file", str(directory / ".env.example"), str(directory / name)])
        errors = [line for line in out.splitlines() if ": error: " in line]
        tally.record("compose-go", f"{case}/{name}", code == 0 and not errors, out)


def check_caddyfile(tally, case, directory):
    caddy = tool("caddy")
    if not caddy:
        return
    code, out = run([caddy, "validate", "--adapter", "caddyfile", "--config", "Caddyfile"], cwd=directory)
    warnings = [line for line in out.splitlines() if '"level":"warn"' in line]
    tally.record("caddy validate", f"{case}/Caddyfile", code == 0 and not warnings, out if code else "\n".join(warnings))
    code, formatted = run([caddy, "fmt", "Caddyfile"], cwd=directory)
    same = code == 0 and formatted.strip() == (directory / "Caddyfile").read_text().strip()
    tally.record("caddy fmt", f"{case}/Caddyfile", same, "not in caddy fmt's layout")
    compose = yaml.safe_load((directory / "compose.production.yaml").read_text())
    if "SITE_DOMAIN" in compose["services"].get("caddy", {}).get("environment", {}):
        # A server of another environment sets SITE_DOMAIN (its systemd unit): Caddy must then serve that name only.
        other = "other-environment.example.net"
        code, out = run([caddy, "adapt", "--adapter", "caddyfile", "--config", "Caddyfile"], cwd=directory,
                        env=dict(os.environ, SITE_DOMAIN=other))
        try:
            hosts = [host for route in json.loads(out[out.index("{"):])["apps"]["http"]["servers"]["srv0"]["routes"]
                     for match in route.get("match", []) for host in match.get("host", [])]
        except (ValueError, KeyError) as error:
            hosts = [f"unreadable: {error}"]
        tally.record("caddy site from SITE_DOMAIN", f"{case}/Caddyfile", code == 0 and hosts == [other], f"hosts {hosts}")


def check_scripts(tally, case, directory):
    shellcheck = tool("shellcheck")
    if not shellcheck:
        return
    for script in sorted((directory / "scripts").glob("*.sh")):
        code, out = run([shellcheck, "--severity", "style", "--external-sources", str(script)])
        executable = os.access(script, os.X_OK)
        tally.record("shellcheck", f"{case}/scripts/{script.name}", code == 0 and executable,
                     out if code else "not executable")


# fraiseql-server 2.19.0's top-level configuration keys that a generated server.toml may use; the server refuses
# any other (deny_unknown_fields). Source: docs/fraiseql-v2.md, section 2 (server_config/mod.rs).
FRAISEQL_SERVER_KEYS = {"schema_path", "database_url", "bind_addr", "cors_enabled", "cors_origins", "compression_enabled",
                        "graphql_path", "health_path", "liveness_path", "readiness_path", "metrics_path", "metrics_json_path",
                        "playground_enabled", "subscription_path", "metrics_enabled", "metrics_token", "admin_api_enabled",
                        "admin_token", "introspection_enabled", "pool_min_size", "pool_max_size", "pool_timeout_secs",
                        "max_request_body_bytes", "request_timeout_secs", "shutdown_timeout_secs"}


def check_server_files(tally, case, directory):
    """A compiled server's configuration parses as TOML with keys the server accepts, and the launcher really runs:
    it completes DATABASE_URL with a percent-encoded PGPASSWORD and execs the server with the arguments it got."""
    server = directory / "fraiseql"
    if not server.is_dir():
        return
    import ipaddress
    import tomllib
    try:
        config = tomllib.loads((server / "server.toml").read_text())
        unknown = sorted(set(config) - FRAISEQL_SERVER_KEYS)
        host, _, port = config["bind_addr"].rpartition(":")
        ipaddress.ip_address(host.strip("[]"))
        problems = ([f"unknown keys {unknown}"] if unknown else []) + ([] if 1024 <= int(port) <= 65535 else ["bad port"])
        if config.get("cors_enabled", True) and not config.get("cors_origins"):
            problems.append("CORS on without origins: the server refuses to boot in production")
        tally.record("server.toml", f"{case}/fraiseql/server.toml", not problems, "; ".join(problems))
    except (ValueError, KeyError, tomllib.TOMLDecodeError) as error:
        tally.record("server.toml", f"{case}/fraiseql/server.toml", False, str(error))
    with tempfile.TemporaryDirectory() as bin_dir:
        fake = Path(bin_dir) / "fraiseql-server"
        fake.write_text('#!/bin/sh\nprintf "%s\\n" "$DATABASE_URL" "$@"\n')
        fake.chmod(0o755)
        env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"],
                   DATABASE_URL="postgresql://app@db.internal:5432/app?sslmode=require", PGPASSWORD="p@ss/w:rd%")
        result = subprocess.run([sys.executable, str(server / "launch.py"), "--config", "/opt/fraiseql/server.toml"],
                                env=env, capture_output=True, text=True, timeout=30)
        expected = "postgresql://app:p%40ss%2Fw%3Ard%25@db.internal:5432/app?sslmode=require\n--config\n/opt/fraiseql/server.toml\n"
        tally.record("launcher", f"{case}/fraiseql/launch.py", result.returncode == 0 and result.stdout == expected,
                     result.stdout + result.stderr)


OPENTOFU_DIR = "generated/infrastructure/opentofu"


def content_key(directory):
    """Identical module copies (the same static files in every case) are validated once."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and ".terraform" not in p.parts):
        digest.update(str(path.relative_to(directory)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# Cases are validated two at a time; each module copy is claimed by one of them.
SEEN_MODULES_LOCK = threading.Lock()


def check_opentofu(tally, case, root, seen_modules):
    """tofu fmt, init and validate with the real AWS provider, tofu test for modules and (a first-deploy plan) for
    every root, checkov terraform."""
    directory = root / OPENTOFU_DIR
    tofu = tool("tofu")
    if not directory.is_dir() or not tofu:
        return
    env = tofu_env()
    shellcheck = tool("shellcheck")
    if shellcheck:
        script = directory / "deploy.sh"
        code, out = run([shellcheck, "--severity", "style", str(script)])
        tally.record("shellcheck", f"{case}/opentofu/deploy.sh", code == 0 and os.access(script, os.X_OK), out or "not executable")
    code, out = run([tofu, "fmt", "-check", "-recursive", "-diff", "-no-color", str(directory)], env=env)
    tally.record("tofu fmt", case, code == 0, out)
    roots = [directory / "bootstrap"] + sorted(p for p in (directory / "environments").iterdir() if p.is_dir())
    for target in roots:
        name = f"{case}/{target.relative_to(directory)}"
        code, out = run([tofu, f"-chdir={target}", "init", "-backend=false", "-input=false", "-no-color"], env=env)
        plan_tested = code == 0 and any(target.glob("tests/*.tftest.hcl"))
        if code == 0 and not plan_tested:
            code, out = run([tofu, f"-chdir={target}", "validate", "-no-color"], env=env)
        if not plan_tested:
            tally.record("tofu validate", name, code == 0, out)
            continue
        # The root's first-deploy plan: the real provider, offline, every apply-time value unknown. `tofu test`
        # runs the validate walk before each run block (an unknown argument or reference fails it, even under
        # count = 0), so a separate `tofu validate` of the root would only start the provider once more.
        code, out = run([tofu, f"-chdir={target}", "test", "-no-color"], env=env, timeout=900)
        tally.record("tofu test (plan)", name, code == 0 and " 0 failed" in out, out[-3000:])
    for module in sorted(p for p in (directory / "modules").iterdir() if p.is_dir()):
        key = content_key(module)
        with SEEN_MODULES_LOCK:
            if key in seen_modules:
                continue
            seen_modules.add(key)
        for script in sorted(module.glob("*.sh")) if shellcheck else []:
            # Read by file() into a task definition, not run from the generated tree: it need not be executable.
            code, out = run([shellcheck, "--severity", "style", str(script)])
            tally.record("shellcheck", f"{case}/modules/{module.name}/{script.name}", code == 0, out)
        code, out = run([tofu, f"-chdir={module}", "init", "-backend=false", "-input=false", "-no-color"], env=env)
        validated = code == 0 and run([tofu, f"-chdir={module}", "validate", "-no-color"], env=env)[0] == 0
        tally.record("tofu validate", f"{case}/modules/{module.name}", validated, out)
        code, out = run([tofu, f"-chdir={module}", "test", "-no-color"], env=env, timeout=900)
        tally.record("tofu test", f"{case}/modules/{module.name}", code == 0 and " 0 failed" in out, out[-3000:])
    checkov_terraform(tally, case, directory)


def checkov_terraform(tally, case, directory):
    checkov = tool("checkov")
    if not checkov:
        return
    code, out = run([checkov, "--directory", str(directory), "--framework", "terraform", "--output", "json",
                     "--skip-download", "--soft-fail", "--compact"], timeout=1800)
    try:
        parsed = json.loads(out[out.index("{") if out.lstrip().startswith("{") else out.index("["):])
    except ValueError:
        tally.record("checkov terraform", case, False, "unreadable checkov output: " + out[:400])
        return
    reports = parsed if isinstance(parsed, list) else [parsed]
    failed = []
    for report in reports:
        results = report.get("results", {})
        failed += results.get("failed_checks", [])
        for skipped in results.get("skipped_checks", []):
            where = f"{case}/{skipped.get('file_path', '').lstrip('/')}:{skipped.get('resource')}"
            tally.skip("checkov terraform", where, skipped.get("check_id"),
                       (skipped.get("check_result") or {}).get("suppress_comment", "") or "NO REASON GIVEN")
    tally.record("checkov terraform", case, not failed,
                 "; ".join(f"{c['check_id']} {c['resource']} {c['file_path']}:{c.get('file_line_range')}" for c in failed))


def check_task_hosts(tally, case, root):
    """An ECS task that adds its own address to the app's accepted hosts (Django: the load balancer's health checks
    send Host: <task IP>): its entry point, run with a stand-in metadata endpoint, must append exactly the task's
    address to that variable and run the command unchanged, and change nothing outside ECS."""
    for main in sorted((root / OPENTOFU_DIR / "environments").glob("*/main.tf")):
        found = re.search(r"^\s*entry_point\s*=\s*(\[.*\])$", root_configuration(main.parent), re.MULTILINE)
        if not found:
            continue
        # HCL's escapes in a quoted string without templates (\n, \") are JSON's.
        entry_point = json.loads(found.group(1))
        variable = entry_point[-1]

        class Metadata(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({"Networks": [{"NetworkMode": "awsvpc", "IPv4Addresses": ["10.0.2.106"]}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Metadata)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        probe = [sys.executable, "-c", f"import os, sys; print(os.environ[{variable!r}], sys.argv[1:])", "--flag", "a b"]
        problems = []
        for metadata, expected in ((f"http://127.0.0.1:{server.server_port}/v4/container", "app.example.org,localhost,10.0.2.106"),
                                   (None, "app.example.org,localhost")):
            env = dict(os.environ, **{variable: "app.example.org,localhost"})
            env.pop("ECS_CONTAINER_METADATA_URI_V4", None)
            if metadata:
                env["ECS_CONTAINER_METADATA_URI_V4"] = metadata
            result = subprocess.run([sys.executable] + entry_point[1:] + probe, capture_output=True, text=True, env=env, timeout=60)
            if result.returncode != 0 or result.stdout.strip() != f"{expected} ['--flag', 'a b']":
                problems.append(f"metadata {'on' if metadata else 'off'}: printed {result.stdout.strip()!r} {result.stderr[-400:]}")
        server.shutdown()
        tally.record("task hosts", f"{case}/{main.parent.name}", not problems, "; ".join(problems))


def opentofu_consistency(tally, case, root, spec):
    """The task definition's port, health path, writable paths and migration command agree with phase 1."""
    directory = root / OPENTOFU_DIR
    environments = directory / "environments"
    if not environments.is_dir():
        return
    problems = []
    compose = yaml.safe_load((root / PHASE1_DIR / "compose.production.yaml").read_text())
    migrate = compose["services"].get("migrate", {}).get("command")
    app = compose["services"]["app"]
    # What the read-only app container may write in Compose: its tmpfs mounts and writable volumes.
    writable = set(app.get("tmpfs", []))
    for volume in app.get("volumes", []):
        if isinstance(volume, dict):
            writable |= set() if volume.get("read_only") else {volume["target"]}
        elif not volume.endswith(":ro"):
            writable.add(volume.split(":")[1])
    for environment in sorted(p for p in environments.iterdir() if p.is_dir()):
        main = root_configuration(environment)
        if "module \"compute\"" not in main:
            continue
        port = re.search(r"container_port\s*=\s*(\d+)", main)
        if not port or int(port.group(1)) != spec["application"]["port"]:
            problems.append(f"{environment.name}: container_port differs from phase 1's {spec['application']['port']}")
        if not re.search(r'health_check_path\s*=\s*"' + re.escape(spec["application"]["health_path"]) + '"', main):
            problems.append(f"{environment.name}: the target group's health path differs from {spec['application']['health_path']}")
        paths = re.search(r"writable_paths\s*=\s*(\[.*\])", main)
        if not paths or set(json.loads(paths.group(1))) != writable:
            problems.append(f"{environment.name}: the task's writable paths {paths.group(1) if paths else 'none'} differ from "
                            f"Compose's {sorted(writable)}")
        command = re.search(r"migration_command\s*=\s*(\[.*\])", main)
        if migrate and (not command or json.loads(command.group(1)) != migrate):
            problems.append(f"{environment.name}: the migration task runs {command.group(1) if command else 'nothing'}, "
                            f"compose runs {migrate}")
    tally.record("consistency", f"{case} (opentofu)", not problems, "; ".join(problems))


# --------------------------------------------------------------------------------------- consistency

def runtime_stage(dockerfile_text):
    return dockerfile_text[dockerfile_text.rindex("\nFROM "):]


def consistency(tally, case, root, spec):
    """The same port, health path, service names and variables wherever they appear."""
    directory = root / PHASE1_DIR
    problems = []
    port = spec["application"]["port"]
    health = spec["application"]["health_path"]
    metrics = spec["application"]["metrics_path"]
    dockerfile = runtime_stage((directory / "Dockerfile").read_text())
    url = f"http://127.0.0.1:{port}{health}"
    if f"EXPOSE {port}\n" not in dockerfile:
        problems.append(f"Dockerfile runtime stage does not EXPOSE {port}")
    healthcheck = re.search(r"HEALTHCHECK[^\n]*\\\n\s+CMD (\[.*\])", dockerfile)
    if not healthcheck or url not in healthcheck.group(1):
        problems.append(f"Dockerfile HEALTHCHECK does not probe {url}")
    server_toml = directory / "fraiseql" / "server.toml"
    if server_toml.is_file():
        # A server configured by file listens where the file says, and the image must carry that file.
        import tomllib
        server = tomllib.loads(server_toml.read_text())
        if server.get("bind_addr") != f"0.0.0.0:{port}":
            problems.append(f"fraiseql/server.toml does not bind 0.0.0.0:{port}")
        if server.get("health_path", "/health") != health:
            problems.append(f"fraiseql/server.toml serves health on {server.get('health_path')}, not {health}")
        if "/fraiseql/ /opt/fraiseql/" not in dockerfile or "--config" not in dockerfile:
            problems.append("the runtime image does not copy fraiseql/ or the server is not started with its --config")
    elif f"ENV PORT={port}\n" in dockerfile:
        # The app's own command (a Procfile line) reads its port from PORT: the image sets it, and so must every
        # container of the stack.
        production = (directory / "compose.production.yaml").read_text()
        if f'"PORT": "{port}"' not in production:
            problems.append(f"the app's own command reads PORT but compose.production.yaml does not set PORT to {port}")
    elif f"0.0.0.0:{port}" not in dockerfile and f'"--port", "{port}"' not in dockerfile:
        problems.append(f"Dockerfile CMD does not listen on {port}")
    production = yaml.safe_load((directory / "compose.production.yaml").read_text())
    development = yaml.safe_load((directory / "compose.yaml").read_text())
    services = production["services"]
    app_test = " ".join(services["app"]["healthcheck"]["test"])
    if url not in app_test:
        problems.append(f"compose.production.yaml app healthcheck does not probe {url}")
    caddyfile = (directory / "Caddyfile").read_text()
    upstream = re.search(r"reverse_proxy\s+(\S+):(\d+)", caddyfile)
    if not upstream or upstream.group(1) not in services or int(upstream.group(2)) != port:
        problems.append(f"Caddyfile upstream {upstream.group(0) if upstream else '(none)'} is not a compose service on port {port}")
    if f"@metrics path {json.dumps(metrics)}" not in caddyfile:
        problems.append(f"Caddyfile does not block {metrics}")
    published = [name for name, service in services.items() if service.get("ports")]
    if published != ["caddy"]:
        problems.append(f"services other than caddy publish ports in production: {published}")
    dev_ports = development["services"]["app"].get("ports", [])
    if f"127.0.0.1:{port}:{port}" not in dev_ports:
        problems.append(f"compose.yaml app does not publish 127.0.0.1:{port}:{port}")
    for stack_name, stack in [("compose.yaml", development), ("compose.production.yaml", production)]:
        db = stack["services"]["db"]
        db_env = db["environment"]
        for service_name, service in stack["services"].items():
            url_value = (service.get("environment") or {}).get("DATABASE_URL")
            scheme = re.match(r"(postgresql|postgres|postgis)://", url_value or "")
            if url_value and not (scheme and url_value.startswith(f"{scheme.group(0)}{db_env['POSTGRES_USER']}")
                                  and url_value.endswith(f"@db:5432/{db_env['POSTGRES_DB']}")):
                problems.append(f"{stack_name} {service_name} DATABASE_URL does not match the db service's user and database")
            elif scheme and scheme.group(1) == "postgis" and not db["image"].startswith("postgis/postgis:"):
                # A postgis:// URL selects the PostGIS backend, whose first migration creates the extension.
                problems.append(f"{stack_name} {service_name} reads a postgis:// URL but the db image {db['image']} has no PostGIS")
        if "migrate" in stack["services"]:
            app_depends = stack["services"]["app"].get("depends_on", {})
            if app_depends.get("migrate", {}).get("condition") != "service_completed_successfully":
                problems.append(f"{stack_name} app does not wait for migrate to complete")
    declared = {line.split("=", 1)[0] for line in (directory / ".env.example").read_text().splitlines()
                if line and not line.startswith("#") and "=" in line}
    referenced = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", (directory / "compose.production.yaml").read_text()))
    if declared != referenced:
        problems.append(f".env.example declares {sorted(declared)} but compose.production.yaml reads {sorted(referenced)}")
    tally.record("consistency", case, not problems, "; ".join(problems))


# ---------------------------------------------------------------------------------------- hostile run

def hostile_cases():
    """(name, bytes) of every hostile case, read from the corpus index."""
    cases = []
    for line in (HOSTILE / "cases.tsv").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        name = line.split("\t")[0]
        if any(name == existing for existing, _ in cases):
            continue
        path = HOSTILE / name
        if name.endswith(".gen"):
            size = int(re.search(r"bytes=(\d+)", path.read_text()).group(1))
            base = b"deployment:\n  name: padded\n  framework: django\nplatform:\n  domain: padded.example.com\n"
            data = base + b"# padding\n" * ((size - len(base)) // 10 + 1)
            cases.append((name, data[:size]))
        else:
            cases.append((name, path.read_bytes()))
    return cases


def hostile_through_maven(tally, version, work):
    """One Maven reactor with a module per hostile spec: each module must fail and write nothing."""
    reactor = work / "hostile-reactor"
    reactor.mkdir()
    cases = hostile_cases()
    modules = []
    for index, (name, data) in enumerate(cases):
        module = f"case-{index:03d}"
        modules.append(module)
        (reactor / module).mkdir()
        (reactor / module / "deployment.yaml").write_bytes(data)
        (reactor / module / "pom.xml").write_text(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>hostile</groupId><artifactId>{module}</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin><groupId>{GROUP}</groupId><artifactId>{ARTIFACT}</artifactId><version>{version}</version>
    <executions><execution><goals><goal>generate</goal></goals></execution></executions>
  </plugin></plugins></build>
</project>
""")
    (reactor / "pom.xml").write_text(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>hostile</groupId><artifactId>reactor</artifactId><version>1</version><packaging>pom</packaging>
  <modules>{''.join(f'<module>{m}</module>' for m in modules)}</modules>
</project>
""")
    code, out = run([str(REPO / "mvnw"), "-B", "--fail-at-end", "generate-resources"], cwd=reactor, timeout=1800)
    errors = {}
    for block in re.split(r"\[ERROR\] Failed to execute goal ", out)[1:]:
        project = re.search(r" on project (case-\d{3}): ", block)
        if project:
            errors[project.group(1)] = block
    for index, (name, _) in enumerate(cases):
        module = modules[index]
        failed = re.search(rf"\[INFO\] {re.escape(module)} \.+ FAILURE", out) is not None
        left = sorted(p.name for p in (reactor / module).iterdir() if p.name not in ("pom.xml", "deployment.yaml"))
        located = re.search(r"deployment\.yaml:\d+:\d+: ", errors.get(module, "")) is not None
        tally.record("hostile via Maven", name, failed and not left and located,
                     f"build {'failed' if failed else 'SUCCEEDED'}; located problem: {located}; files written: {left}")
    return len(cases)


# --------------------------------------------------------------------------------------------- main

def line_count(paths):
    return sum(len(p.read_text(errors="replace").splitlines()) for p in paths)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--allow-missing", action="store_true", help="report missing validators as NOT RUN instead of failing")
    parser.add_argument("--skip-hostile", action="store_true", help="do not push the hostile corpus through Maven")
    parser.add_argument("--skip-runtime", action="store_true",
                        help="do not build the images or start the stacks (the runtime stage, runtime.py)")
    parser.add_argument("--skip-emulator", action="store_true",
                        help="do not apply the OpenTofu roots against moto (the emulator stage, emulator.py)")
    parser.add_argument("--emulator-all", action="store_true",
                        help="apply every environment root of every case against moto, not one bootstrap and environment per pattern")
    args = parser.parse_args()

    started = time.monotonic()
    tally = Tally()
    required = {"hadolint": "Dockerfile lint", "checkov": "checkov dockerfile", "compose-check": "compose-go loader",
                "caddy": "caddy validate and fmt", "shellcheck": "shellcheck of scripts",
                "tofu": "tofu fmt, validate and test with the AWS provider",
                "moto_server": "the emulator stage (OpenTofu applied against moto)",
                "actionlint": "actionlint of GitHub workflows", "zizmor": "zizmor audits of GitHub workflows",
                "check-jsonschema": "GitHub workflow schema"}
    for name, check in required.items():
        if not tool(name):
            message = f"NOT RUN: {check} ({name} is not installed in {TOOLS}; run conformance/install-tools.sh)"
            tally.not_run.append(message)
            print(message, flush=True)
            if not args.allow_missing:
                tally.failures.append(message)

    version = plugin_version()
    work = Path(tempfile.mkdtemp(prefix="specql-conformance-"))
    cases = []
    for name, spec, example in example_specs() + variant_specs():
        # The spec and its sample app, without what the generator writes.
        target = work / name
        shutil.copytree(example, target, ignore=shutil.ignore_patterns("generated", ".dockerignore", ".github", "target", "pom.xml",
                                                                       "__pycache__"))
        if spec:
            shutil.copy(spec, target / "deployment.yaml")
        cases.append((name, target))
    for name, spec in matrix():
        target = work / name
        target.mkdir()
        shutil.copy(spec, target / "deployment.yaml")
        cases.append((name, target))
    for name, project in project_fixtures():
        target = work / name
        shutil.copytree(project, target)
        cases.append((name, target))

    # Where the run's time goes, stage by stage (printed last): the budget is a warm run under 30 minutes.
    stages = {}
    clock = [time.monotonic()]

    def lap(stage):
        now = time.monotonic()
        stages[stage] = round(now - clock[0])
        clock[0] = now

    print(f"Generating {len(cases)} specs with {GROUP}:{ARTIFACT}:{version} ...", flush=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = dict(zip([c[0] for c in cases], pool.map(lambda c: generate(c[1], version), cases)))
    lap("generation")
    if not args.skip_runtime:
        try:
            built = runtime.build_rust_stages([(name, target) for name, target in cases if outcomes[name][0] == 0])
        except (runtime.RuntimeError_, subprocess.SubprocessError) as error:
            built = [("runtime", "rust", 0, False, str(error))]
        for name, stage, seconds, ok, output in built:
            print(f"Runtime: {name}: Rust stage {stage} {'built' if ok else 'FAILED'} in {seconds} s", flush=True)
            tally.record("runtime rust stage", f"{name}:{stage}", ok, output[-2000:])
        lap("Rust stages, first and alone")
    # The emulator stage waits on the AWS provider's fixed timers most of the time: it runs beside the validators
    # and the runtime stage, its progress in a log file, its table at the end.
    emulator_run = None
    if args.skip_emulator:
        tally.not_run.append("NOT RUN: emulator stage (--skip-emulator given): no OpenTofu root applied against moto")
        print(tally.not_run[-1], flush=True)
    elif tool("moto_server") and tool("tofu"):
        emulator_log = work / "emulator.log"
        applied = [(name, target) for name, target in cases if outcomes[name][0] == 0 and (target / OPENTOFU_DIR / "environments").is_dir()]

        def log_line(message):
            with open(emulator_log, "a") as log:
                log.write(message + "\n")

        emulator_pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        emulator_run = emulator_pool.submit(emulator.run_stage, applied, args.emulator_all, log_line)
        print(f"Emulator stage started in the background (log: {emulator_log})", flush=True)
    # The runtime stage mostly waits (images cached, stacks starting, health checks, an alert's two minutes): it runs
    # beside the validators too, on copies of its cases, so that nothing the validators read changes under them.
    runtime_run = None
    if args.skip_runtime:
        tally.not_run.append("NOT RUN: runtime stage (--skip-runtime given): no image built, no stack started")
        print(tally.not_run[-1], flush=True)
    else:
        runtime_cases = []
        for name, target in cases:
            if outcomes[name][0] == 0 and name in runtime.EXAMPLE_CHECKS:
                copy = work / "runtime" / name
                shutil.copytree(target, copy)
                runtime_cases.append((name, copy))
            elif outcomes[name][0] == 0:
                runtime_cases.append((name, target))
        runtime_pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        runtime_run = runtime_pool.submit(run_runtime_stage, runtime_cases, version)
    sizes = []
    seen_modules = set()
    # Seconds each check took, summed over the cases (two run at a time): where the validators' time goes.
    check_seconds = collections.Counter()
    check_lock = threading.Lock()

    def timed(check, *call_args):
        began = time.monotonic()
        try:
            return check(*call_args)
        finally:
            with check_lock:
                label = check.__name__ if check.__module__ == "__main__" else f"{check.__module__}.{check.__name__}"
                check_seconds[label] += time.monotonic() - began

    def validate_goal(target):
        return run(maven(quiet=False) + [f"{GROUP}:{ARTIFACT}:{version}:validate"], cwd=target)

    def validate(case):
        name, target = case
        code, output = outcomes[name]
        tally.record("generate", name, code == 0, output[-2000:])
        if code != 0:
            return
        directory = target / PHASE1_DIR
        timed(check_dockerfile, tally, name, directory / "Dockerfile")
        timed(check_compose, tally, name, directory)
        timed(check_caddyfile, tally, name, directory)
        timed(check_scripts, tally, name, directory)
        timed(check_server_files, tally, name, directory)
        validate_code, validate_out = timed(validate_goal, target)
        effective = effective_config(validate_out)
        timed(consistency, tally, name, target, effective)
        timed(check_opentofu, tally, name, target, seen_modules)
        timed(opentofu_consistency, tally, name, target, effective)
        if (target / OPENTOFU_DIR / "environments").is_dir():
            timed(check_task_hosts, tally, name, target)
            timed(deployscript.check, tally, name, target, OPENTOFU_DIR)
        timed(bluegreendeploy.check, tally, name, target)
        timed(workflows.check, tally, name, target)
        timed(observability.check, tally, name, target, effective)
        timed(helmchart.check, tally, name, target)
        # What the generator wrote: a project fixture's own files (a Gemfile, runtime.txt) are not output.
        outputs = [p for p in (target / "generated").rglob("*") if p.is_file() and p.name != ".specql-deploy-manifest"]
        outputs += [p for p in [target / ".dockerignore"] if p.is_file()]
        outputs += sorted((target / workflows.WORKFLOWS).glob("*.yml")) + [p for p in [target / workflows.GITLAB] if p.is_file()]
        sizes.append((name, line_count([target / "deployment.yaml"]), len(outputs), line_count(outputs)))

    # Two cases at a time: most validators are single-threaded processes (tofu, checkov, Maven), and the emulator
    # beside them mostly waits on the AWS provider's timers.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(validate, cases))
    order = [name for name, _ in cases]
    sizes.sort(key=lambda size: order.index(size[0]))
    lap("validators")
    # The validators of workflows must be able to fail: one generated workflow, with an injection added, must not pass.
    samples = [target / workflows.WORKFLOWS / "ci.yml" for name, target in cases if outcomes[name][0] == 0]
    sample = next((path for path in samples if path.is_file()), None)
    if sample:
        workflows.negative_control(tally, sample, work / "workflow-negative-control")
    else:
        tally.failures.append("workflows: no generated case has .github/workflows/ci.yml")
    rule_dirs = [target / observability.OBSERVABILITY_DIR / "prometheus" for name, target in cases if outcomes[name][0] == 0]
    rule_dir = next((path for path in rule_dirs if path.is_dir()), None)
    if rule_dir:
        observability.negative_control(tally, rule_dir, work / "alert-tests-negative-control")
    else:
        tally.failures.append("observability: no generated case has generated/observability/prometheus")
    monitoringtask.negative_control(tally)
    # The CI test job, run on the bundled sample apps, as the runner would (citests.py says how it differs). Not on the
    # project fixtures: their dependency files exist to be read, not installed.
    examples = {name for name, _, _ in example_specs()}
    ci_lines = citests.check(tally, [(name, target) for name, target in cases if name in examples and outcomes[name][0] == 0],
                             generate=lambda directory: generate(directory, version))
    for line in ci_lines:
        (tally.not_run if line.startswith("NOT RUN") else []).append(line)
        print(line, flush=True)
    lap("CI test jobs")

    # The login script is one static file of the compute module: proven once, on the first case that ships it.
    login_scripts = [target / OPENTOFU_DIR / "modules" / "compute" / "database-access.sh" for name, target in cases if outcomes[name][0] == 0]
    login_script = next((path for path in login_scripts if path.is_file()), None)
    if login_script:
        dblogin.check(tally, login_script)
    else:
        tally.failures.append("database login: no generated case ships modules/compute/database-access.sh")

    lap("database login")
    proofs = []
    if runtime_run:
        try:
            proofs, not_run = runtime_run.result()
        except runtime.RuntimeError_ as error:
            proofs, not_run = [], []
            tally.failures.append(f"runtime: {error}")
        for message in not_run:
            tally.not_run.append(message)
            print(message, flush=True)
        for proof in proofs:
            # One row per example; every failed assertion is listed.
            tally.record("runtime", proof.name, not proof.failures, proof.failures[0] if proof.failures else "")
            tally.failures.extend(proof.failures[1:])

    lap("waiting for the runtime stage")
    roots = []
    if emulator_run:
        try:
            roots = emulator_run.result()
        except emulator.EmulatorError as error:
            tally.failures.append(f"emulator: {error}")
        for root in roots:
            tally.record("emulator apply", f"{root.case}/{root.root}", not root.failures, "; ".join(root.failures))

    lap("waiting for the emulator")
    hostile = 0 if args.skip_hostile else hostile_through_maven(tally, version, work)
    if args.skip_hostile:
        message = "NOT RUN: hostile corpus through Maven (--skip-hostile given)"
        tally.not_run.append(message)
        print(message)
    lap("hostile corpus")

    print()
    print(f"{'validator':<22} {'files':>6} {'passed':>7} {'failed':>7} {'skipped':>8}")
    for validator, row in tally.rows.items():
        print(f"{validator:<22} {row['files']:>6} {row['passed']:>7} {row['failed']:>7} {row['skipped']:>8}")
    print()
    if proofs:
        runtime.print_table(proofs)
        print()
    if roots:
        emulator.print_table(roots)
        print()
    for line in ci_lines:
        if not line.startswith("NOT RUN"):
            print("CI test job: " + line)
    print(f"{'spec':<28} {'spec lines':>10} {'files':>6} {'output lines':>13}")
    for name, spec_lines, files, lines in sizes:
        print(f"{name:<28} {spec_lines:>10} {files:>6} {lines:>13}")
    if tally.skips:
        print("\nInline skips, each with its written reason:")
        for skip in sorted(set(tally.skips)):
            print("  " + skip)
    for message in tally.not_run:
        print(message)
    if tally.failures:
        print(f"\n{len(tally.failures)} FAILURES:")
        for failure in tally.failures:
            print("  " + failure.replace("\n", "\n    "))
    # The emulator runs beside the validators and the runtime stage: its own seconds overlap theirs.
    emulated = f" (the emulator beside them: {sum(root.seconds for root in roots):.0f} s of roots, two cases at a time)" if roots else ""
    if proofs:
        emulated += f" (the runtime stage beside them: {sum(proof.facts.get('total s', 0) for proof in proofs)} s)"
    print("\nValidator seconds, summed over the cases (two at a time): "
          + ", ".join(f"{check} {seconds:.0f}" for check, seconds in check_seconds.most_common()))
    print("\nSeconds by stage: " + ", ".join(f"{stage} {seconds}" for stage, seconds in stages.items()) + emulated)
    print(f"\n{len(cases)} specs generated, {hostile} hostile specs pushed through Maven, "
          f"{time.monotonic() - started:.0f}s; work directory {work}")
    if tally.failures:
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)


def run_runtime_stage(cases, version):
    """runtime.run_stage on the cases, each with its spec and the health path its own validate goal prints."""
    health_paths = {}
    for name, target in cases:
        if name in runtime.EXAMPLE_CHECKS:
            code, output = run(maven(quiet=False) + [f"{GROUP}:{ARTIFACT}:{version}:validate"], cwd=target)
            health_paths[name] = effective_config(output)["application"]["health_path"]
    targets = dict(cases)
    return runtime.run_stage(cases, lambda name: yaml.safe_load((targets[name] / "deployment.yaml").read_text()),
                             lambda name: health_paths[name])


def effective_config(validate_output):
    """The effective application settings, dashboards and logs, read from the validate goal's listing."""
    values = {}
    for match in re.finditer(r"\[INFO\]\s+(application\.(?:port|health_path|metrics_path))\s+= (\S+)", validate_output):
        values[match.group(1).split(".", 1)[1]] = match.group(2)
    if len(values) != 3:
        raise SystemExit("could not read the effective configuration from the validate goal:\n" + validate_output[-2000:])
    values["port"] = int(values["port"])
    dashboards = re.search(r"\[INFO\]\s+monitoring\.dashboards\s+= \[([^\]]*)\]", validate_output)
    if not dashboards:
        raise SystemExit("could not read monitoring.dashboards from the validate goal:\n" + validate_output[-2000:])
    loki = re.search(r"\[INFO\]\s+monitoring\.logs\.loki\s+= (true|false)\s", validate_output)
    retention = re.search(r"\[INFO\]\s+monitoring\.logs\.retention\s+= (\S+)", validate_output)
    if not loki or not retention:
        raise SystemExit("could not read monitoring.logs from the validate goal:\n" + validate_output[-2000:])
    return {"application": values,
            "monitoring": {"dashboards": [d.strip() for d in dashboards.group(1).split(",") if d.strip()],
                           "logs": {"loki": loki.group(1) == "true", "retention": retention.group(1)}}}


if __name__ == "__main__":
    main()
