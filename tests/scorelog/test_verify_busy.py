"""verify-log, report and export-xapi on a log a class is appending to: one state of it.

Without a read transaction, verify-log read the events, then the chain head after more
rows had been appended, and said rows were deleted (27 of 31 checks beside one writer).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from played import play

from game.scorelog import ScoreLog

ROOT = Path(__file__).resolve().parents[2]
WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path[:0] = [{root!r}, {here!r}]
    from played import play
    from game.scorelog import ScoreLog
    stop, n = Path({stop!r}), 0
    with ScoreLog.open({db!r}) as log:
        while not stop.exists():  # one event per transaction, as the game writes
            play(log, f"w{{n}}", "north/writer", [("apologise", 15.0), ("tell_truth", 3.0)])
            n += 1
            if n == 1:
                Path({started!r}).touch()
""")


def test_verify_log_beside_a_writer_is_ok_every_time(tmp_path):
    db = tmp_path / "log.db"
    with ScoreLog.open(db) as log:
        for n in range(30):
            play(log, f"s{n}", f"north/t{n % 5}", [("apologise", 15.0), ("tell_truth", 3.0)])
    stop, started = tmp_path / "stop", tmp_path / "started"
    code = WRITER.format(root=str(ROOT), here=str(Path(__file__).parent), stop=str(stop),
                         db=str(db), started=str(started))
    writer = subprocess.Popen([sys.executable, "-c", code])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        while not started.exists() and writer.poll() is None:
            pass  # the writer is appending from here on
        results = [subprocess.run([sys.executable, "main.py", "verify-log", "--db", str(db)],
                                  cwd=ROOT, env=env, capture_output=True, text=True)
                   for _ in range(6)]
    finally:
        stop.touch()
        writer.wait(timeout=120)
    assert writer.returncode == 0
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "receipt" in result.stdout
    # and the log the writer left is whole
    final = subprocess.run([sys.executable, "main.py", "verify-log", "--db", str(db)],
                           cwd=ROOT, env=env, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout
