import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scorelog"))

from known_log import build_known


@pytest.fixture(scope="session")
def known_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("known") / "known.sqlite3"
    build_known(db)
    return db
