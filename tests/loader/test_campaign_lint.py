"""Each campaign mistake (6xx) at its line, with its message: a copy of the tiny fixture
campaign with one mistake made in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.core.loader import lint_paths

FIXTURES = Path(__file__).resolve().parents[1] / "campaign" / "fixtures" / "campaigns"

CASES = [
    ("E601", [("tiny/tiny_due.yaml", None)],
     ("16:3: error: episode 'tiny_due' has no scenario file", "tiny/tiny_due.yaml [E601]")),
    ("E602", [("tiny/tiny_due.yaml", ("version: 1", "version: one"))],
     ("16:3: error: episode 'tiny_due' does not load (2 problems): run lint on",
      "tiny/tiny_due.yaml [E602]")),
    ("E603", [("tiny.yaml", ("  - scenario: tiny_first\n",
                             "  - scenario: tiny_first\n  - scenario: tiny_first\n"))],
     "16:3: error: episode 'tiny_first' is listed twice [E603]"),
    ("E604", [("tiny.yaml", ("flags: [offered_report]", "flags: [offered_report, ghost]"))],
     "8:3: error: carried flag 'ghost' is set by no episode [E604]"),
    ("W605", [("tiny.yaml", ("flags: [offered_report]", "flags: [offered_report, thanked]")),
              ("tiny/tiny_first.yaml", ("set: [offered_report]",
                                        "set: [offered_report, thanked]"))],
     "8:3: warning: carried flag 'thanked' is read by no episode and no campaign condition: "
     "carrying it changes nothing [W605]"),
    ("E606", [("tiny.yaml", ("flags.kept_weekly_report", "flags.kept_weekly"))],
     ("25:11: error: condition 'passing() and state.trust >= 70 and flags.kept_weekly': flag "
      "'kept_weekly' is neither carried nor", "[E606]")),
    ("E607", [("tiny.yaml", ("due: tiny_due", "due: tiny_dew"))],
     "12:5: error: promise 'weekly_report' is due in 'tiny_dew', which is not an episode of "
     "this campaign [E607]"),
    ("E608", [("tiny.yaml", ('made_when: "flags.offered_report"', 'made_when: "flags.nowhere"'))],
     "12:5: error: promise 'weekly_report': made_when reads flag 'nowhere', which no episode "
     "sets [E608]"),
    ("E609", [("tiny.yaml", ("  lost:\n    outcome: failure\n",
                             "  lost:\n    outcome: failure\n    when: \"state.trust < 10\"\n"))],
     "34:5: error: the last campaign ending ('lost') has a 'when': the last one is the default "
     "and has none [E609]"),
]


@pytest.mark.parametrize(("code", "edits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_campaign_mistake_is_reported_at_its_line(tmp_path, code, edits, expected):
    folder = tmp_path / "campaigns"
    shutil.copytree(FIXTURES, folder)
    for rel, change in edits:
        path = folder / rel
        if change is None:
            path.unlink()
            continue
        text = path.read_text(encoding="utf-8")
        assert change[0] in text
        path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    lines = [str(p) for p in lint_paths([folder / "tiny.yaml"]).problems]
    found = [line.split("tiny.yaml:", 1)[1] for line in lines if f"[{code}]" in line]
    parts = (expected,) if isinstance(expected, str) else expected
    assert any(line.startswith(parts[0]) and all(part in line for part in parts)
               for line in found), lines
