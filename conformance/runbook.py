"""The generated README's disaster recovery runbook, read as its reader would run it.

`steps(readme)` finds the numbered steps of "Fail over, ..." and "Fail back, ..." and their shell blocks;
`Runner` runs a block's commands in order with the real AWS CLI (against whatever AWS_ENDPOINT_URL the environment
names), keeping the shell variables one block sets for the next (the fail-back reuses the failover's `check`).
Two kinds of line are handed back to the caller instead of a shell: `./deploy.sh <environment> ...` and
`tofu -chdir=environments/<root> plan|apply ...`, which conformance/standby.py applies with what moto cannot
create excluded, as every emulator apply is. A placeholder the README leaves to its reader (`<account>`,
`<kms_key_arn>`, `<digest>`) is filled from the caller's values; one without a value fails the run.
"""

import re
import shlex
import subprocess
import textwrap

FAIL_OVER = "Fail over, when "
FAIL_BACK = "\nFail back, "
END = "\nRoll back and destroy"


class RunbookFailed(Exception):
    pass


def steps(readme):
    """[(section, number, text, [block])]: each numbered step of the failover and the fail-back, in order."""
    start = readme.index(FAIL_OVER)
    back = readme.index(FAIL_BACK, start)
    end = readme.index(END, back)
    found = []
    for section, part in (("fail over", readme[start:back]), ("fail back", readme[back:end])):
        for match in re.finditer(r"^(\d+)\. (.*?)(?=^\d+\. |\Z)", part, re.S | re.M):
            blocks = re.findall(r"^( *)```sh\n(.*?)^\1```", match.group(2), re.S | re.M)
            found.append((section, int(match.group(1)), match.group(2),
                          [textwrap.dedent(block) for _, block in blocks]))
    return found


def commands(block):
    """The block's logical lines (backslash continuations joined), a `for ... done` loop kept whole."""
    lines, current, depth = [], "", 0
    for line in block.splitlines():
        current += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
        if line.endswith("\\"):
            continue
        depth += len(re.findall(r"^\s*(for|while)\b", current)) - len(re.findall(r"^\s*done\b", current))
        lines.append(current)
        current = ""
        if depth > 0:
            continue
        if len(lines) > 1 and re.match(r"^\s*(for|while)\b", lines[0]):
            yield "\n".join(lines)
        else:
            yield from lines
        lines = []
    if lines or current:
        raise RunbookFailed(f"unterminated command in block:\n{block}")


class Runner:
    def __init__(self, env, cwd, placeholders, log):
        self.env, self.cwd, self.placeholders, self.log = env, cwd, placeholders, log
        self.variables = {}
        self.transcript = []

    def fill(self, command):
        def value(match):
            name = match.group(1)
            if name not in self.placeholders:
                raise RunbookFailed(f"no value for the placeholder <{name}> in: {command}")
            return self.placeholders[name]
        return re.sub(r"<([a-z_]+)>", value, command)

    def run_block(self, block, handle):
        """Runs each command; `handle(kind, argv)` takes the deploy.sh and tofu lines (kind "deploy" or "tofu")."""
        for command in commands(block):
            command = self.fill(command)
            stripped = command.strip()
            if stripped.startswith("./deploy.sh "):
                self.transcript.append(stripped)
                handle("deploy", shlex.split(stripped)[1:])
            elif stripped.startswith("tofu "):
                self.transcript.append(stripped)
                handle("tofu", shlex.split(stripped)[1:])
            else:
                self.shell(command)

    def shell(self, command):
        assigned = re.findall(r"^\s*([a-z_]+)=\$\(", command, re.M)
        prelude = "".join(f"{name}={shlex.quote(value)}\n" for name, value in self.variables.items())
        report = "".join(f'printf "\\n@@{name}=%s" "${name}"\n' for name in assigned)
        script = "set -euo pipefail\n" + prelude + command + "\n" + report
        self.transcript.append(command)
        result = subprocess.run(["bash", "-c", script], cwd=self.cwd, env=self.env, capture_output=True, text=True,
                                timeout=600)
        if result.returncode != 0:
            raise RunbookFailed(f"exit {result.returncode}: {command}\n{result.stdout[-1500:]}{result.stderr[-1500:]}")
        for name, value in re.findall(r"^@@([a-z_]+)=(.*)$", result.stdout, re.M):
            if not value or value == "None":
                raise RunbookFailed(f"{command}\nset {name} to {value!r}")
            self.variables[name] = value
        self.log("    $ " + command.replace("\n", "\n      ") + (
            "  # " + ", ".join(f"{n}={self.variables[n]}" for n in assigned) if assigned else ""))
        return result.stdout
