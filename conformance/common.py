"""What run.py, emulator.py and the other stages share: where the pinned tools are, and how a command is run."""

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS_ROOT = Path(os.environ.get("SPECQL_TOOLS", Path.home() / ".cache/specql-deploy/tools"))
TOOLS = TOOLS_ROOT / "bin"


def tool(name):
    """The path of an installed tool, or None when install-tools.sh has not installed it."""
    path = TOOLS / name
    return str(path) if path.exists() else None


def run(command, cwd=None, timeout=600, env=None):
    """(exit code, stdout + stderr); a command that outlives `timeout` is killed and reported as exit 124."""
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as expired:
        output = (expired.stdout or b"") + (expired.stderr or b"")
        output = output.decode(errors="replace") if isinstance(output, bytes) else output
        return 124, output + f"\n(timed out after {timeout} s)"
    return result.returncode, result.stdout + result.stderr


def tofu_env():
    """tofu with the provider mirror of the tools cache, never a plugin cache of the caller's."""
    env = dict(os.environ, TF_CLI_CONFIG_FILE=str(TOOLS_ROOT / "tofu.rc"), TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
    env.pop("TF_PLUGIN_CACHE_DIR", None)
    return env


def root_configuration(root):
    """An OpenTofu root's configuration, its .tf files in name order joined (main.tf holds the network, database and
    load balancer; app.tf the containers): what a check of the root reads, wherever a block lives."""
    return "\n".join(path.read_text() for path in sorted(root.glob("*.tf")))


def is_standby(root):
    """Whether an environment root is the disaster recovery standby, which the pipelines do not deploy."""
    variables = root / "variables.tf"
    return variables.is_file() and 'variable "promoted"' in variables.read_text()
