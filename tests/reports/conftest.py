from pathlib import Path

import pytest
from known_log import build_known


@pytest.fixture(scope="session")
def known_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("known") / "known.sqlite3"
    build_known(db)
    return db
