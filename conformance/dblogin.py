"""Runs the compute module's database-access.sh (the ECS task that makes and grants the app's own login) against a
real PostgreSQL server started here, and checks what the app's login can and cannot do.

The stand-in differs from RDS in: Debian's PostgreSQL of this machine (15) rather than the spec's major; a local
socket rather than TLS; a master user made here with CREATEROLE and CREATEDB, as RDS's master user has (RDS adds
the rds_superuser role, which the script does not use). The statement log is on (log_statement = ddl, as the
generated parameter group sets), so that a password sent in clear would be seen."""

import os
import shutil
import subprocess
import time

from localpg import Cluster, postgres_bin

ADMIN, ADMIN_PASSWORD = "shop_admin", "admin-pw-1"
APP = "app"
FIRST_PASSWORD, SECOND_PASSWORD = "first pw $(x) 'q\" \\", "Second-pw-2"
MIGRATION = """
CREATE SCHEMA catalog;
CREATE TABLE catalog.book (id serial PRIMARY KEY, title text);
CREATE TABLE public.note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);
CREATE FUNCTION catalog.add_book(t text) RETURNS int LANGUAGE sql AS 'INSERT INTO catalog.book (title) VALUES (t) RETURNING id';
"""


class Server(Cluster):
    """The superuser postgres for setting up; everyone else, the master user as well, with a SCRAM password; only a socket."""

    def __init__(self, binaries):
        super().__init__(binaries, hba="local all postgres trust\nlocal all all scram-sha-256\n",
                         options="-c listen_addresses='' -c log_statement=ddl")

    def env(self, user, password=None, **extra):
        env = dict(os.environ, PGHOST=str(self.dir), PGPORT=self.port, PGUSER=user, **extra)
        env.pop("PGPASSWORD", None)
        if password is not None:
            env["PGPASSWORD"] = password
        return env

    def psql(self, user, database, sql, password=None):
        result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-tA", "--dbname", database, "-c", sql],
                                env=self.env(user, password), capture_output=True, text=True, timeout=60)
        return result.returncode, (result.stdout + result.stderr).strip()


def check(tally, script):
    binaries = postgres_bin()
    if binaries is None or not shutil.which("psql") or not shutil.which("setpriv"):
        tally.record("database login", "database-access.sh", False,
                     "NOT RUN: no PostgreSQL server under /usr/lib/postgresql, or no psql/setpriv: the login script is unproven")
        return
    problems = []
    with Server(binaries) as server:
        def expect(ok, what, detail=""):
            if not ok:
                problems.append(f"{what}: {detail}"[:300])

        def access(password, user=APP):
            result = subprocess.run(["sh", str(script)], env=server.env(ADMIN, ADMIN_PASSWORD, APP_USERNAME=user, APP_PASSWORD=password,
                                                                           DATABASES="shop shop_queue", PGSSLMODE="disable"),
                                    capture_output=True, text=True, timeout=120, start_new_session=True, stdin=subprocess.DEVNULL)
            return result.returncode, result.stdout + result.stderr

        for sql in (f"CREATE ROLE {ADMIN} LOGIN CREATEROLE CREATEDB PASSWORD '{ADMIN_PASSWORD}'",
                    f"CREATE DATABASE shop OWNER {ADMIN}", f"CREATE DATABASE shop_queue OWNER {ADMIN}"):
            code, out = server.psql("postgres", "postgres", sql)
            expect(code == 0, "setting up", out)
        code, out = server.psql(ADMIN, "shop", MIGRATION, ADMIN_PASSWORD)
        expect(code == 0, "the stand-in migration", out)
        code, out = server.psql(ADMIN, "shop_queue", "CREATE TABLE job (id serial PRIMARY KEY)", ADMIN_PASSWORD)
        expect(code == 0, "the stand-in migration of a second database", out)

        code, out = access(FIRST_PASSWORD)
        expect(code == 0, "first run", out)
        for sql in ("INSERT INTO catalog.book (title) VALUES ('a') RETURNING id", "SELECT count(*) FROM catalog.book",
                    "UPDATE catalog.book SET title = 'b'", "INSERT INTO note (body) VALUES ('n')", "DELETE FROM note",
                    "SELECT catalog.add_book('c')"):
            code, out = server.psql(APP, "shop", sql, FIRST_PASSWORD)
            expect(code == 0, f"the app's login may: {sql}", out)
        code, out = server.psql(APP, "shop_queue", "INSERT INTO job DEFAULT VALUES", FIRST_PASSWORD)
        expect(code == 0, "the app's login may write in every database", out)
        for sql in ("CREATE TABLE public.evil (x int)", "CREATE TABLE catalog.evil (x int)", "DROP TABLE catalog.book",
                    "ALTER TABLE note ADD COLUMN x int", "TRUNCATE catalog.book", "CREATE SCHEMA evil", "CREATE ROLE evil",
                    "CREATE DATABASE evil"):
            code, out = server.psql(APP, "shop", sql, FIRST_PASSWORD)
            expect(code != 0, f"the app's login must not: {sql}", "it succeeded")

        # A later migration's table is the app's at once (default privileges); a rerun changes only the password.
        code, out = server.psql(ADMIN, "shop", "CREATE TABLE catalog.later (id serial PRIMARY KEY)", ADMIN_PASSWORD)
        expect(code == 0, "a later migration", out)
        code, out = server.psql(APP, "shop", "INSERT INTO catalog.later DEFAULT VALUES", FIRST_PASSWORD)
        expect(code == 0, "a later migration's table", out)
        code, out = access(SECOND_PASSWORD)
        expect(code == 0, "second run with a new password", out)
        code, out = server.psql(APP, "shop", "SELECT 1", SECOND_PASSWORD)
        expect(code == 0, "the new password", out)
        code, out = server.psql(APP, "shop", "SELECT 1", FIRST_PASSWORD)
        expect(code != 0, "the old password must be refused", out)
        code, out = access(SECOND_PASSWORD, user=ADMIN)
        expect(code != 0, "the master user as the app's login must be refused", out)

        time.sleep(0.5)
        log = server.log.read_text(errors="replace")
        for secret in (FIRST_PASSWORD, SECOND_PASSWORD):
            expect(secret not in log, "a password reached the server's statement log", secret)
        expect("SCRAM-SHA-256$" in log, "the statement log shows no SCRAM verifier: was the password set at all?")
    tally.record("database login", "database-access.sh", not problems, "; ".join(problems))
