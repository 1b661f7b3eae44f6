"""The minimised cases of issue 16, classes 1 and 5: every number in a data file and
every control character in a text is a lint problem at its position, never an
exception, never a long wait; what lints clean can be played to the end."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.core.loader.lint import lint_paths

from .conftest import MINIMAL, run_main


def lint(folder: Path, text: str, name: str = "minimal.yaml") -> list[str]:
    (folder / name).write_text(text, encoding="utf-8")
    return [str(p) for p in lint_paths([name]).problems]  # the folder is the working one


# (what is replaced in the minimal scenario, by what, the one problem expected)
NUMBER_CASES = {
    "300 hex digits": ("version: 1", "version: 0x" + "f" * 300,
                       "2:10: error: 'version' is a number written with 302 characters; "
                       "the limit is 32 [E210]"),
    "4,301 decimal digits": ("version: 1", "version: " + "9" * 4301,
                             "2:10: error: 'version' is a number written with 4301 "
                             "characters; the limit is 32 [E210]"),
    "400 decimal digits": ("version: 1", "version: 1" + "0" * 399,
                           "2:10: error: 'version' is a number written with 400 characters; "
                           "the limit is 32 [E210]"),
    "!!int ''": ("version: 1", "version: !!int ''",
                 "2:10: error: 'version': '' is not a number YAML can read [E210]"),
    "!!int 'abc'": ("version: 1", "version: !!int 'abc'",
                    "2:10: error: 'version': 'abc' is not a number YAML can read [E210]"),
    "!!float 'abc'": ("weights: {courtesy: 1.5}", "weights: {courtesy: !!float 'abc'}",
                      "12:23: error: 'courtesy': 'abc' is not a number YAML can read [E210]"),
    "0b and 1,100 ones": ("version: 1", "version: 0b" + "1" * 1100,
                          "2:10: error: 'version' is a number written with 1102 characters; "
                          "the limit is 32 [E210]"),
    "a hex number past 10^15": ("version: 1", "version: 0x" + "f" * 20,
                                "2:10: error: 'version' must be a finite number between "
                                "-10^15 and 10^15, got 0x" + "f" * 20 + " [E206]"),
    "1.0e+400 (infinite)": ("initial: {trust: 45, mood: 20}",
                            "initial: {trust: 45, mood: 20, reach: 1.0e+400}",
                            "13:39: error: 'reach' must be a finite number between -10^15 and "
                            "10^15, got 1.0e+400 [E206]"),
    ".nan": ("weights: {courtesy: 1.5}", "weights: {courtesy: .nan}",
             "12:23: error: 'courtesy' must be a finite number between -10^15 and 10^15, "
             "got .nan [E206]"),
    "!!bool maybe": ("        next: kept\n", "        next: kept\n        once: !!bool maybe\n",
                     "23:15: error: 'once' must be true or false, got 'maybe' [E202]"),
    "an id ending in a newline": ("        next: kept\n", '        next: "kept\\n"\n',
                                  "22:15: error: 'kept\\n' is not a valid node or ending id: "
                                  "use lowercase letters, digits and '_', starting with a "
                                  "letter [E205]"),
}


@pytest.mark.parametrize("case", NUMBER_CASES, ids=list(NUMBER_CASES))
def test_a_hostile_number_is_one_problem_at_its_place(workdir: Path, case: str):
    old, new, want = NUMBER_CASES[case]
    assert old in MINIMAL
    problems = [p for p in lint(workdir, MINIMAL.replace(old, new, 1)) if "[W009]" not in p]
    assert problems == [f"minimal.yaml:{want}"]


def test_a_base_60_number_of_600_kb_is_refused_at_once(workdir: Path):
    # PyYAML's base-60 reading is quadratic: this took 13.7 s before the length bound.
    huge = "1" + ":0" * 300_000
    started = time.process_time()
    problems = lint(workdir, MINIMAL.replace("version: 1", "version: " + huge, 1))
    assert time.process_time() - started < 3  # CPU seconds; a few hundred ms expected
    assert any("'version' is a number written with 600001 characters" in p and "[E210]" in p
               for p in problems)


@pytest.mark.parametrize("escape", ["\\e]52;c;SGVsbG8=\\a\\e[2J", "\\x1b[31m", "\\r", "\\x9b"])
def test_a_control_character_in_a_text_is_e108(workdir: Path, escape: str):
    text = MINIMAL.replace("say: {en: Hello?,", f'say: {{en: "Hello?{escape}",', 1)
    problems = lint(workdir, text)
    assert any(p.startswith("minimal.yaml:17:15: error: control character")
               and p.endswith("[E108]") for p in problems), problems


def test_tab_and_newline_in_a_text_are_fine(workdir: Path):
    text = MINIMAL.replace("say: {en: Hello?,", 'say: {en: "Hello?\\n\\tAnyone?",', 1)
    assert lint(workdir, text) == []


def test_an_invisible_line_break_is_refused_where_an_editor_sees_it(workdir: Path):
    # YAML counts NEL/LS/PS as line breaks, editors do not: every later position would lie.
    text = MINIMAL.replace("pl: Halo?}", "pl: Halo?\u2028}", 1)
    assert lint(workdir, text) == ["minimal.yaml:17:45: error: control character U+2028 "
                        "(an invisible line break) is not allowed [E003]"]


def test_play_never_writes_a_control_character_raw(tmp_path: Path):
    """Escaping at the screen too: content that reaches the terminal unlinted (a
    trainee name, a message quoting the file) is shown, not obeyed."""
    import io

    from game.core.i18n import Translator
    from game.terminal.screen import PlainScreen, RichScreen

    for screen_class in (PlainScreen, RichScreen):
        out = io.StringIO()
        screen = screen_class(out, Translator("terminal", "en"))
        screen.node("Client\x1b]52;c;SGVsbG8=\x07", "Hi\x1b[2J there\r", [("trust", 50, True)])
        screen.choices(["ok\x9b31m"])
        written = out.getvalue()
        assert "\x1b]52" not in written and "\x1b[2J" not in written
        assert "\x07" not in written and "\r" not in written and "\x9b" not in written
        assert "\\x1b]52;c;SGVsbG8=\\x07" in written
        assert "Hi\\x1b[2J there\\x0d" in written


def test_lint_output_shows_a_hostile_key_escaped(tmp_path: Path):
    (tmp_path / "traits.yaml").write_bytes((Path(__file__).parents[1] / "loader" / "fixtures"
                                            / "library" / "traits.yaml").read_bytes())
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL.replace("title:", '"ti\\e[2Jtle": x\ntitle:', 1), encoding="utf-8")
    proc = run_main("lint", str(path))
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout
    assert "ti\\x1b[2Jtle" in proc.stdout
