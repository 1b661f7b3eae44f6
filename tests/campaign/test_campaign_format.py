"""The campaign format: lint checks every reference into the episodes, the schema
comes from the same declaration, and analyze explores the shipped campaign whole."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from game.core.loader.lint import lint_paths

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "campaigns"


def test_the_fixture_campaign_and_its_episodes_lint_clean():
    report = lint_paths([FIXTURES])
    assert (report.files, report.scenarios, report.problems) == (3, 2, ())


def test_lint_names_each_broken_reference(tmp_path):
    folder = tmp_path / "campaigns"
    shutil.copytree(FIXTURES, folder)
    path = folder / "tiny.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("due: tiny_due", "due: tiny_dew")
    text = text.replace("flags: [offered_report]", "flags: [offered_report, ghost]")
    text = text.replace("flags.kept_weekly_report", "flags.kept_weekly")
    path.write_text(text, encoding="utf-8")
    found = {(p.line, p.code) for p in lint_paths([path]).problems}
    assert found == {(8, "E604"), (12, "E607"), (25, "E606")}


def test_a_missing_episode_file_is_an_error(tmp_path):
    folder = tmp_path / "campaigns"
    shutil.copytree(FIXTURES, folder)
    (folder / "tiny" / "tiny_due.yaml").unlink()
    problems = lint_paths([folder / "tiny.yaml"]).problems
    assert [p.code for p in problems] == ["E601"]
    assert "tiny_due" in problems[0].message


def test_schema_write_produces_the_campaign_schema():
    from game.core.loader.jsonschema import json_schema

    schema = json_schema("campaign")
    assert schema["$id"] == "campaign.schema.json"
    assert {"episodes", "carry", "promises", "endings"} <= set(schema["properties"])
    assert schema["required"] == ["id", "version", "title", "summary", "client", "episodes",
                                  "endings"]
    shipped = ROOT / "schema" / "campaign.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == schema


def test_analyze_finds_every_ending_of_the_shipped_campaign_and_no_strategy_passes():
    done = subprocess.run([sys.executable, "main.py", "analyze", "nowicki_account",
                           "--format", "json", "--strict"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = json.loads(done.stdout)
    assert all(e["reachable"] for e in found["endings"].values())
    assert found["passing_strategies"] == {}
    assert max(v for k, v in found["strategies"].items()) < found["pass_score"]
    assert found["promises"]["quarterly_review"]["kept"] > 0
