"""A bad connection to the central log is one clear line with what to do, and the exit
code the README documents, from every command that opens the log: the real CLI in a
subprocess against the real server. Never a traceback, never the password."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from game.scorelog import ScoreLog

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret-pw"
CALM = "offline: results will be sent when the connection is back"

COMMANDS = {  # command -> argv before the URL (init-server takes it as its argument)
    "play": ("play", "phone_complaint", "--text", "--trainee", "anna", "--timing", "off",
             "--db"),
    "report": ("report", "--db"),
    "verify-log": ("verify-log", "--db"),
    "export-xapi": ("export-xapi", "--db"),
    "send-xapi": ("send-xapi", "--url", "http://127.0.0.1:9/xAPI", "--wait", "0", "--db"),
    "sync": ("sync", "--db"),
    "db init-server": ("db", "init-server"),
}

# case -> (exit code, what the line says); play goes on offline when the server is away
CASES = {
    "wrong password": (1, "refused the login (wrong password or user): check the user and "
                          "password in the URL or ~/.pgpass"),
    "unknown host": (69, "unknown host in postgresql://anna:***@no-such-host.invalid/crt: "
                         "check the server's name in the URL"),
    "server down": (69, "cannot be reached (connection failed: connection to server at "
                        "\"127.0.0.1\", port"),
    "another program's database": (1, "is another program's database (tables: orders), not "
                                      "a score log; nothing in it was changed"),
    "a database never set up": (1, "its owner runs `python main.py db init-server URL`"),
    "a login without a role": (1, "has no role in this score log; its owner grants one: "
                                  "GRANT crt_trainee TO"),
    "a login without CONNECT": (1, "may not connect to this database; ask its owner to GRANT "
                                   "CONNECT ON DATABASE"),
    "a bad URL": (2, "is not a valid PostgreSQL URL"),
}
OFFLINE = ("unknown host", "server down")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def urls(pg_server) -> dict[str, str]:
    """One URL per case, on the shared server (which keeps running)."""
    tag = uuid.uuid4().hex[:8]
    log = pg_server.create_database(f"log_{tag}")
    ScoreLog.open(log).close()
    empty = pg_server.create_database(f"empty_{tag}")
    shop = pg_server.create_database(f"shop_{tag}")
    pg_server.sql("CREATE TABLE orders (id integer)", database=f"shop_{tag}")
    login = {}
    for who, role, db in (("t", "crt_trainee", log), ("n", None, log), ("e", "crt_trainee", empty),
                          ("s", "crt_trainee", shop), ("c", "crt_trainee", None)):
        name = login[who] = f"{who}_{tag}"
        member = f" IN ROLE {role}" if role else ""
        pg_server.sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{PASSWORD}'{member}")
        if db is not None:
            pg_server.sql(f'GRANT CONNECT ON DATABASE "{db.split("@/")[1].split("?")[0]}" '
                          f'TO "{name}"')
    pg_server.sql(f'REVOKE CONNECT ON DATABASE "log_{tag}" FROM PUBLIC')
    return {
        "wrong password": pg_server.url(f"log_{tag}", login["t"], "not-" + PASSWORD),
        "unknown host": f"postgresql://anna:{PASSWORD}@no-such-host.invalid/crt",
        "server down": f"postgresql://anna:{PASSWORD}@127.0.0.1:{free_port()}/crt",
        "another program's database": pg_server.url(f"shop_{tag}", login["s"], PASSWORD),
        "a database never set up": pg_server.url(f"empty_{tag}", login["e"], PASSWORD),
        "a login without a role": pg_server.url(f"log_{tag}", login["n"], PASSWORD),
        "a login without CONNECT": pg_server.url(f"log_{tag}", login["c"], PASSWORD),
        "a bad URL": f"postgresql://anna:{PASSWORD}@/crt?host=/tmp&colour=blue",
        "trainee": pg_server.url(f"log_{tag}", login["t"], PASSWORD),
    }


def run(argv: tuple[str, ...], url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    for name in ("CRT_DB", "CRT_TRACEBACK", "PGPASSWORD", "PGUSER", "PGHOST"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "main.py", *argv, url], cwd=ROOT, env=env,
                          input="1\n" * 12, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES)
def test_a_bad_connection_is_one_line_and_its_exit_code(urls, tmp_path, case, command):
    done = run(COMMANDS[command], urls[case], tmp_path)
    assert "Traceback" not in done.stderr
    assert PASSWORD not in done.stdout + done.stderr  # shown as ***, or not at all
    if command == "play" and case in OFFLINE:  # the trainee plays on, results queued
        assert done.returncode == 0, done.stderr
        assert done.stdout.count(CALM) == 1 and done.stderr == ""
        return
    code, says = CASES[case]
    lines = done.stderr.strip().splitlines()
    assert (done.returncode, len(lines)) == (code, 1), done.stderr
    assert lines[0].startswith("error: ") and says in lines[0]
    if code == 69:  # and what to do about it
        assert lines[0].endswith(("check the server's name in the URL (or the network)",
                                  "try again when it is back"))


def test_a_trainee_running_the_set_up_is_told_it_is_the_owners(urls, tmp_path):
    """``db init-server`` with a trainee's login on a log set up already used to say
    "score log ready", as if that login had set it up."""
    done = run(("db", "init-server"), urls["trainee"], tmp_path)
    lines = done.stderr.strip().splitlines()
    assert (done.returncode, done.stdout, len(lines)) == (1, "", 1), done.stderr
    assert lines[0].startswith("error: ") and lines[0].endswith(
        "is set up as a score log already, and " + urls["trainee"].split("//")[1].split(":")[0]
        + " is not its owner: its owner runs `db init-server` (to upgrade it); nothing was "
        "changed")


@pytest.mark.parametrize("command", ["verify-log", "report", "send-xapi"])
def test_a_trainee_running_a_managers_command_is_told_which_login_it_needs(urls, tmp_path,
                                                                           command):
    done = run(COMMANDS[command], urls["trainee"], tmp_path)
    lines = done.stderr.strip().splitlines()
    assert (done.returncode, len(lines)) == (1, 1), done.stderr
    assert "your database user may not do this (permission denied for table" in lines[0]
    assert "need a manager's login (role crt_manager)" in lines[0]
