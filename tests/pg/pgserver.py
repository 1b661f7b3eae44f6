"""A throwaway PostgreSQL server on a Unix socket, started by the tests themselves.

    with Server.start(tmp_path) as server:
        url = server.create_database("t1")   # postgresql://postgres@/t1?host=/tmp/...

Uses the machine's PostgreSQL binaries (Debian's ``postgresql`` package; ``.ci/run`` installs
it). PostgreSQL refuses to run as root, so as root the server runs as the ``postgres``
system user, in a folder it owns. No TCP port: nothing else on the machine can reach it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "postgres"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (newest version first), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Server:
    def __init__(self, folder: Path, bindir: Path) -> None:
        self.folder = folder
        self.bindir = bindir
        self.data = folder / "data"
        self.socket = folder / "sock"

    @classmethod
    def start(cls, folder: Path | None = None) -> Server:
        bindir = binaries()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        # a short path: a Unix socket's name is limited to ~107 bytes
        folder = Path(tempfile.mkdtemp(prefix="crtpg-", dir=folder or "/tmp"))
        server = cls(folder, bindir)
        server._init()
        return server

    def _as_owner(self, *argv: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", SUPERUSER, "--", *argv]
        return list(argv)

    def _run(self, *argv: str) -> None:
        subprocess.run(self._as_owner(*argv), check=True, capture_output=True, text=True,
                       timeout=120)

    def _init(self) -> None:
        self.socket.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, SUPERUSER)
            shutil.chown(self.socket, SUPERUSER)
            os.chmod(self.folder, 0o755)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        # the superuser (the fixture's setup) is trusted on the socket; every other login
        # needs its password, so a wrong password is refused as on a real server
        hba = self.data / "pg_hba.conf"
        hba.write_text(f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n")
        self.start_server()

    def start_server(self) -> None:
        options = (f"-k {self.socket} -c listen_addresses='' -c fsync=off "
                   "-c max_connections=120 -c shared_buffers=64MB")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start")

    def stop_server(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w",
                  "stop")

    @property
    def running(self) -> bool:
        result = subprocess.run(self._as_owner(str(self.bindir / "pg_ctl"), "-D",
                                               str(self.data), "status"),
                                capture_output=True, text=True)
        return result.returncode == 0

    def url(self, database: str = "postgres", user: str = SUPERUSER,
            password: str | None = None) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql://{auth}@/{database}?host={self.socket}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser (setup: databases, logins)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str | None = None) -> str:
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self) -> None:
        try:
            if self.running:
                self.stop_server("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
