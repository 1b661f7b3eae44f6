"""xAPI statements: ADL verbs, scores, durations, trait extensions, stable ids."""

import json
import re
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st
from known_log import run_cli

from game.reports.xapi import VERBS, iso_duration

EXT = "https://client-relations-trainer.example/xapi/extensions/"


def export(db, tmp_path):
    out = tmp_path / "x.json"
    proc = run_cli("export-xapi", "--db", str(db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_export_statements_for_every_event(known_db, tmp_path):
    line, statements = export(known_db, tmp_path)
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    # 6 sessions started, 11 decisions (b2 stopped after one), 5 ended (completed +
    # passed/failed: only b1 failed), 1 override, 1 sign-off
    assert line == f"wrote {len(statements)} statements to {tmp_path / 'x.json'}\n"
    assert (verbs.count("initialized"), verbs.count("answered"), verbs.count("completed"),
            verbs.count("passed"), verbs.count("failed"), verbs.count("scored"),
            verbs.count("approved")) == (6, 11, 5, 4, 1, 1, 1)
    assert all(s["verb"]["id"] == VERBS[v] for s, v in zip(statements, verbs, strict=True))
    assert len({s["id"] for s in statements}) == len(statements)


def test_completed_statement_carries_score_duration_and_traits(known_db, tmp_path):
    _, statements = export(known_db, tmp_path)
    done = next(s for s in statements if s["verb"]["display"]["en-US"] == "completed"
                and s["actor"]["account"]["name"] == "north/anna")  # session a1: 5 / 9
    assert done["result"]["score"] == {"scaled": 0.5556, "raw": pytest.approx(500 / 9),
                                       "min": 0, "max": 100}
    assert done["result"]["success"] is True and done["result"]["completion"] is True
    assert done["result"]["duration"] == "PT3M"  # started 09:00, ended 09:03
    assert done["result"]["extensions"][EXT + "traits/honesty"] == 100.0
    assert done["result"]["extensions"][EXT + "traits/bad_etiquette"] == 0.0
    assert done["object"]["id"] == \
        "https://client-relations-trainer.example/xapi/scenarios/late_parcel"
    assert done["context"]["extensions"][EXT + "scenario-version"] == 1
    assert done["context"]["language"] == "en"
    answered = next(s for s in statements if s["verb"]["display"]["en-US"] == "answered")
    assert answered["object"]["id"].endswith("/scenarios/late_parcel/decisions/greet")
    assert answered["result"]["response"] == "snap" and answered["result"]["success"] is False
    assert answered["result"]["duration"] == "PT3S"
    assert answered["context"]["contextActivities"]["parent"][0]["id"] == done["object"]["id"]
    assert answered["context"]["registration"] == done["context"]["registration"]


def test_every_statement_carries_the_log_head_at_its_event(known_db, tmp_path):
    _, statements = export(known_db, tmp_path)
    conn = sqlite3.connect(known_db)
    heads = [f"{seq}:{digest}" for seq, digest in conn.execute(
        "SELECT seq, hash FROM events ORDER BY seq")]
    carried = [s["context"]["extensions"][EXT + "log-head"] for s in statements]
    assert list(dict.fromkeys(carried)) == heads  # every event, in order
    receipt = run_cli("verify-log", "--db", str(known_db)).stdout.rsplit(" ", 1)[1].strip()
    assert carried[-1] == receipt


def test_statement_ids_are_stable_across_exports(known_db, tmp_path):
    _, first = export(known_db, tmp_path)
    _, second = export(known_db, tmp_path)
    assert [s["id"] for s in first] == [s["id"] for s in second]
    assert all(re.fullmatch(r"[0-9a-f-]{36}", s["id"]) and s["id"][14] == "5" for s in first)


@given(st.floats(min_value=0, max_value=360000, allow_nan=False))
def test_iso_duration_reads_back_as_the_same_seconds(seconds):
    text = iso_duration(seconds)
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", text)
    assert match, text
    hours, minutes, secs = (float(g) if g else 0.0 for g in match.groups())
    assert abs(hours * 3600 + minutes * 60 + secs - seconds) <= 0.005 + 1e-9
