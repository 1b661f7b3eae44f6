"""A small score log played through the real runtime, whose every number is worked out
by hand, and running the CLI, for the report tests.

The fixture scenario late_parcel (tests/reports/fixtures/library, pass mark 50, weights
1, no rules) has two decisions; merit = strength x polarity:

    greet    apologise courtesy +2 -> +2 (the best);  snap bad_etiquette 2 -> -2 (the
             worst);  timeout courtesy -1 -> -1;  apologise after 15 s of a 20 s limit
             is slow: responsiveness -1 more -> +1
    promise  tell_truth honesty +3 -> +3 (the best);  promise_today broken_promises 1,
             honesty -1 -> -2 (the worst)

A decision earns merit - worst out of best - worst (greet: of 4, promise: of 5);
overall = 100 x earned / 9. Points lost = best merit - merit (the worst-case floor
cancels out).

    a1 north/anna   day 2   snap, tell_truth          (0 + 5) / 9 = 55.6   passed
    a2 north/anna   day 4   apologise, tell_truth     (4 + 5) / 9 = 100    passed
    a3 north/anna   day 10  apologise (slow), truth   (3 + 5) / 9 = 88.9   passed
                            overridden to 90 by Maria Rossi ("line dropped"), signed off
    a4 north/anna   day 11  timeout, tell_truth       (1 + 5) / 9 = 66.7   passed
    b1 south/bruno  day 3   snap, promise_today       (0 + 0) / 9 = 0      failed
    b2 south/bruno  day 12  apologise, then never ended

Points lost: snap 2 - (-2) = 4 (a1, b1: a wrong choice, 8 in all), promise_today
3 - (-2) = 5 (b1), the timeout 2 - (-1) = 3 (a4), apologise when slow 2 - 1 = 1 (a3:
the right answer, too slowly).
"""

import subprocess
import sys
from pathlib import Path

from played import FIXTURES, play

from game.reports.review import override_score, sign_off
from game.scorelog import ScoreLog

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = str(FIXTURES)


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


def report_cli(*args: str) -> subprocess.CompletedProcess:
    """`report` against the fixture library (names, pass marks)."""
    return run_cli("report", "--scenarios", LIBRARY, *args)


def build_known(db: Path) -> None:
    with ScoreLog.open(db) as log:
        play(log, "a1", "north/anna", [("snap", 3.0), ("tell_truth", 4.0)], day=2)
        play(log, "a2", "north/anna", [("apologise", 3.0), ("tell_truth", 4.0)], day=4)
        play(log, "a3", "north/anna", [("apologise", 15.0), ("tell_truth", 4.0)], day=10)
        override_score(log, "a3", 90.0, "line dropped", "Maria Rossi", library=FIXTURES)
        sign_off(log, "a3", "Maria Rossi")
        play(log, "a4", "north/anna", [(None, 20.0), ("tell_truth", 4.0)], day=11)
        play(log, "b1", "south/bruno", [("snap", 2.0), ("promise_today", 2.0)], day=3)
        play(log, "b2", "south/bruno", [("apologise", 5.0)], day=12)
