"""xAPI statements: ADL verbs, scores, durations, trait extensions, stable ids."""

import json
import re

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
    # 6 sessions started, 10 choices, 5 ended (completed + passed/failed), 1 override, 1 sign-off
    assert line == f"wrote {len(statements)} statements to {tmp_path / 'x.json'}\n"
    assert (verbs.count("initialized"), verbs.count("answered"), verbs.count("completed"),
            verbs.count("passed"), verbs.count("failed"), verbs.count("scored"),
            verbs.count("approved")) == (6, 10, 5, 2, 3, 1, 1)
    assert all(s["verb"]["id"] == VERBS[v] for s, v in zip(statements, verbs, strict=True))
    assert len({s["id"] for s in statements}) == len(statements)


def test_completed_statement_carries_score_duration_and_traits(known_db, tmp_path):
    _, statements = export(known_db, tmp_path)
    done = next(s for s in statements if s["verb"]["display"]["en-US"] == "completed"
                and s["actor"]["account"]["name"] == "north/anna")  # session a1
    assert done["result"]["score"] == {"scaled": 0.4, "raw": 40.0, "min": 0, "max": 100}
    assert done["result"]["success"] is False and done["result"]["completion"] is True
    assert done["result"]["duration"] == "PT5M"  # 09:00 -> 09:05
    assert done["result"]["extensions"][EXT + "traits/courtesy"] == 20.0
    assert done["object"]["id"] == \
        "https://client-relations-trainer.example/xapi/scenarios/phone_complaint"
    assert done["context"]["extensions"][EXT + "scenario-version"] == 1
    assert done["context"]["language"] == "en"
    answered = next(s for s in statements if s["verb"]["display"]["en-US"] == "answered")
    assert answered["object"]["id"].endswith("/scenarios/phone_complaint/decisions/opening")
    assert answered["result"]["response"] == "cut_to_serial"
    assert answered["result"]["duration"] == "PT5S"
    assert answered["context"]["contextActivities"]["parent"][0]["id"] == done["object"]["id"]
    assert answered["context"]["registration"] == done["context"]["registration"]


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
