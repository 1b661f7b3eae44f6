"""Lines written by form: the trainee says "Obiecałam" or "Obiecałem" as they asked to
be addressed, and a neutral phrasing for who chose neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import loader
from game.core.errors import SessionError
from game.core.loader import lint_text
from game.core.runtime import Session

HERE = Path(__file__).parent / "scoring"
SCENARIO = loader.load_scenario(HERE / "addressed.yaml")
CAT = loader.load_catalogue()
F = "Obiecałam, że sprawdzę: jak idzie współpraca?"
M = "Obiecałem, że sprawdzę: jak idzie współpraca?"
N = "Zgodnie z obietnicą sprawdzam: jak idzie współpraca?"


@pytest.mark.parametrize(("form", "line"), [("f", F), ("m", M), ("n", N)])
def test_the_trainee_reads_and_says_the_line_in_their_form(form, line):
    s = Session(SCENARIO, CAT, (), seed=1, lang="pl", form=form)
    assert s.view().choices[0].text.pl == line
    s.choose(0, 2.0)
    assert s.result().decisions[0].text.pl == line
    assert s.events[0].form == form
    replayed = Session.replay(SCENARIO, CAT, (), [e.to_dict() for e in s.events])
    assert replayed.form == form and replayed.result().decisions[0].text.pl == line


def test_english_and_lines_without_forms_are_unchanged():
    text = SCENARIO.nodes["check_in"].choices[0].text
    assert text.get("en", "f") == text.get("en") == "I promised I'd check: how are things going?"
    say = SCENARIO.nodes["check_in"].text
    assert say.for_form("f") is say  # nothing to resolve


def test_an_unknown_form_is_refused():
    with pytest.raises(SessionError, match="form must be one of f, m, n"):
        Session(SCENARIO, CAT, (), form="x")


def test_a_line_by_form_needs_all_three_and_says_which_is_missing():
    text = (HERE / "addressed.yaml").read_text(encoding="utf-8").replace(
        ', n: "Zgodnie z obietnicą sprawdzam: jak idzie współpraca?"', "")
    found = [f"{p.line}:{p.code}: {p.message}"
             for p in lint_text(HERE / "addressed.yaml", text).problems]
    assert any("has no neutral form ('n'); a line written by form needs f, m and n" in f
               and ":E204:" in f for f in found), found
    typo = text.replace("pl: {f:", "pl: {x: 1, f:")
    found = [p.message for p in lint_text(HERE / "addressed.yaml", typo).problems]
    assert any("unknown form 'x'" in m and "(expected f, m and n" in m for m in found), found


def test_play_text_says_the_line_in_the_form_asked(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    for form, line in (("f", F), ("m", M), (None, N)):
        extra = ["--form", form] if form else []
        proc = subprocess.run([sys.executable, str(root / "main.py"), "play",
                               str(HERE / "addressed.yaml"), "--text", "--lang", "pl",
                               "--no-log", "--seed", "1", *extra], input="1\n", text=True,
                              capture_output=True, timeout=60, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert f"  1) {line}\n" in proc.stdout
