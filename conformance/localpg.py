"""A throwaway PostgreSQL cluster of this machine's Debian packages, for the stages that need a real server
(dblogin.py, citests.py): its own directory and port, owned by an unprivileged user when run as root, removed on exit."""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def postgres_bin():
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parent.parent.name))
    return versions[-1].parent if versions else None


class Cluster:
    """
    superuser: the bootstrap superuser's name; hba: pg_hba.conf to write over initdb's (trust everywhere by default);
    options: more server options, such as listen_addresses (the socket is always in the cluster's directory).
    """

    def __init__(self, binaries, superuser="postgres", hba=None, options=""):
        self.binaries, self.superuser, self.hba, self.options = binaries, superuser, hba, options
        self.dir = Path(tempfile.mkdtemp(prefix="localpg-"))
        os.chmod(self.dir, 0o777)
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.as_user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = str(probe.getsockname()[1])

    def __enter__(self):
        subprocess.run(self.as_user + [str(self.binaries / "initdb"), "-D", str(self.data), "-U", self.superuser, "--auth=trust"],
                       check=True, capture_output=True, timeout=120)
        if self.hba is not None:
            (self.data / "pg_hba.conf").write_text(self.hba)
        subprocess.run(self.as_user + [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "start", "-o",
                                       f"-k {self.dir} -p {self.port} {self.options}"],
                       check=True, capture_output=True, timeout=120)
        return self

    def __exit__(self, *exc):
        subprocess.run(self.as_user + [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)
