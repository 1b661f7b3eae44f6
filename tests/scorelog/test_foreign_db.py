"""A database that is not a score log is only reported: never given the log's tables,
never switched to WAL, never written (issue: robust under hostile input)."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_play_on_another_programs_database_says_so_and_changes_nothing(tmp_path):
    app = tmp_path / "app.db"
    with sqlite3.connect(app) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Rossi')")
    before = hashlib.sha256(app.read_bytes()).hexdigest()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "play", "phone_complaint",
                           "--text", "--db", str(app), "--seed", "1"], input="1\n",
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error: {app} is another program's database (tables: customers), not a score log; "
        "nothing in it was changed: choose another --db"]
    assert hashlib.sha256(app.read_bytes()).hexdigest() == before
    assert not Path(f"{app}-wal").exists()
    with sqlite3.connect(app) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["customers"]
