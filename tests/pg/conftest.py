"""A real PostgreSQL server for the central-log tests, started once per test run.

Each test gets its own database (and its own logins): tests never see each other's
rows. Without PostgreSQL's binaries the tests skip on a developer's machine, and fail
on CI (``CI`` set), where ``.ci/run`` installs them: the live tests never skip there.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pgserver import Server, binaries


@pytest.fixture(scope="session")
def pg_server():
    if binaries() is None:
        message = "PostgreSQL is not installed (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = Server.start()
    yield server
    server.close()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database, opened as the server's superuser (the log's owner)."""
    return pg_server.create_database()


class Logins:
    """Creates login roles for one test: ``logins.add("trainee")`` -> its URL."""

    def __init__(self, server: Server, url: str) -> None:
        self.server = server
        self.database = url.split("@/", 1)[1].split("?", 1)[0]

    def add(self, role: str | None, name: str | None = None, password: str = "pw-1") -> str:
        name = name or f"u_{uuid.uuid4().hex[:10]}"
        member = f" IN ROLE crt_{role}" if role else ""
        self.server.sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'{member}")
        self.server.sql(f'GRANT CONNECT ON DATABASE "{self.database}" TO "{name}"')
        return self.server.url(self.database, user=name, password=password)


@pytest.fixture
def logins(pg_server, pg_url) -> Logins:
    from game.scorelog import ScoreLog

    ScoreLog.open(pg_url).close()  # set up as a score log (roles, tables) by its owner
    return Logins(pg_server, pg_url)
