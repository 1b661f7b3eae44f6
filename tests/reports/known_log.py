"""A small score log whose every number is known, and running the CLI, for the report tests."""

import subprocess
import sys
from pathlib import Path

from game.scorelog import ScoreLog, ScoreOverridden, SignedOff

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def ev(trait, merit):
    return {"trait": trait, "strength": 1 if merit > 0 else -1, "merit": merit}


GOOD = ("let_him_finish", [ev("courtesy", 3.0), ev("de_escalation", 1.3)])
RUDE = ("cut_to_serial", [ev("responsiveness", 1.2), ev("bad_etiquette", -3.0)])
CHUMMY = ("relax_marco", [ev("courtesy", -1.5), ev("over_familiarity", -1.0)])


def session(log, sid, trainee, scenario, day, choices, score, passed, traits, end=True):
    at = f"2026-11-{day:02d}T09:00:00.000000Z"
    log.append(sid, {"type": "SessionStarted", "trainee": trainee, "scenario_id": scenario,
                     "version": 1, "lang": "en", "mode": "assessment", "seed": day}, at)
    for n, (choice, evidence) in enumerate(choices):
        node = ("opening", "details", "plan")[n]
        log.append(sid, {"type": "ChoiceMade", "node": node, "choice": choice,
                         "response_time": 5.0 + n, "evidence": evidence,
                         "rules": [{"rule": "calm_with_furious", "scope": "choice", "times": 1}]
                         if choice == GOOD[0] else [],
                         "state": {"trust": 50 + n, "mood": 30}},
                   f"2026-11-{day:02d}T09:0{n + 1}:00.000000Z")
    if end:
        log.append(sid, {"type": "SessionEnded", "ending": "kept_loyal" if passed else "lost",
                         "outcome": "success" if passed else "failure", "overall": score,
                         "passed": passed, "traits": traits},
                   f"2026-11-{day:02d}T09:05:00.000000Z")


def build_known(db: Path) -> None:
    """anna: phone 40, 70, 55 (overridden to 65, passed), over_familiar 80; bruno: phone 30
    and one session never ended."""
    with ScoreLog.open(db) as log:
        session(log, "a1", "north/anna", "phone_complaint", 2, [RUDE, CHUMMY], 40.0, False,
                {"courtesy": 20.0, "bad_etiquette": 0.0})
        session(log, "a2", "north/anna", "phone_complaint", 4, [GOOD, GOOD], 70.0, True,
                {"courtesy": 100.0, "de_escalation": 100.0})
        session(log, "a3", "north/anna", "phone_complaint", 10, [GOOD, RUDE], 55.0, False,
                {"courtesy": 100.0, "bad_etiquette": 0.0, "de_escalation": 100.0})
        log.append("a3", ScoreOverridden(by="Maria Rossi", reason="line dropped", score=65.0,
                                         previous=55.0, passed=True),
                   "2026-11-11T08:00:00.000000Z")
        log.append("a3", SignedOff(by="Maria Rossi"), "2026-11-11T08:01:00.000000Z")
        session(log, "a4", "north/anna", "over_familiar_client", 11, [GOOD], 80.0, True,
                {"courtesy": 90.0})
        session(log, "b1", "south/bruno", "phone_complaint", 3, [RUDE, RUDE], 30.0, False,
                {"bad_etiquette": 0.0})
        session(log, "b2", "south/bruno", "phone_complaint", 12, [GOOD], 0, False, {},
                end=False)
