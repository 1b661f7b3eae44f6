"""What is not a well-formed YAML scenario gets one clear line each: wrong encoding,
binary junk, an empty file, limits (size, text, nesting, aliases), custom and
Python tags. A UTF-8 BOM and CRLF line endings are accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.errors import ScenarioError
from game.core.loader import load_scenario, load_yaml_data
from game.core.loader.lint import lint_paths
from game.core.loader.yamlio import MAX_FILE_BYTES


def lint_bytes(name: str, data: bytes) -> list[str]:
    Path(name).write_bytes(data)
    return [str(p) for p in lint_paths([name]).problems]


@pytest.mark.parametrize(("data", "line"), [
    (b"id: caff\xe8\n", "x.yaml:1:9: error: not UTF-8 text (byte 0xe8 cannot be decoded); "
                        "save the file as UTF-8 [E002]"),
    ("id: x\n".encode("utf-16"), "x.yaml:1:1: error: the file is UTF-16 text; save it as UTF-8 "
                                 "[E002]"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.yaml:3:1: error: binary data (a NUL byte), not "
                                            "YAML text [E003]"),
    (b"id: a\x07b\n", "x.yaml:1:6: error: control character U+0007 is not allowed [E003]"),
    (b"", "x.yaml:1:1: error: the file is empty [E004]"),
    (b"\n  \r\n", "x.yaml:1:1: error: the file is empty [E004]"),
    (b"# only a comment\n", "x.yaml:1:1: error: the file holds no data (only comments) [E004]"),
    (b"id: [a, b\n", "x.yaml:2:1: error: YAML syntax error: did not find expected ',' or ']' "
                     "while parsing a flow sequence that starts at line 1 [E006]"),
    (b"a: " + b"[" * 60 + b"]" * 60 + b"\n",
     "x.yaml:1:1: error: brackets nest deeper than 48 levels [E103]"),
    (b"a:\n" + b"- " * 100 + b"x\n",
     "x.yaml:2:1: error: block lists nest deeper than 48 levels [E103]"),
    (b"a: !include other.yaml\n",
     "x.yaml:1:4: error: tag '!include' is not allowed (only plain YAML values are allowed) "
     "[E102]"),
    (b"? [a, b]\n: 1\n", "x.yaml:1:3: error: a key must be a plain value, not a list or "
                         "mapping [E107]"),
], ids=["latin1", "utf16", "png", "bell", "empty", "blank", "comments", "syntax", "brackets",
        "dashes", "custom-tag", "list-key"])
def test_bad_file_gets_one_clear_line(workdir: Path, data: bytes, line: str):
    # named as a test plan, the file is checked as YAML only: no scenario fields expected
    assert lint_bytes("x.test.yaml", data) == [line.replace("x.yaml", "x.test.yaml")]


def test_bom_and_crlf_are_accepted(workdir: Path, minimal_text: str):
    data = b"\xef\xbb\xbf" + minimal_text.replace("\n", "\r\n").encode("utf-8")
    assert lint_bytes("minimal.yaml", data) == []
    assert load_scenario("minimal.yaml").nodes["opening"].text.pl == "Halo?"


def test_a_file_over_the_size_limit_is_refused_unread(workdir: Path):
    data = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    assert lint_bytes("x.yaml", data) == ["x.yaml:1:1: error: file is 4.0 MiB; the limit is "
                                          "4 MiB [E005]"]


def test_a_text_over_the_length_limit(workdir: Path, minimal_text: str):
    long_text = minimal_text.replace("en: Hello?", "en: " + "a" * 5001)
    assert lint_bytes("minimal.yaml", long_text.encode()) == [
        "minimal.yaml:17:15: error: 'say.en' is 5001 characters; the limit is 5000 [E105]",
        "minimal.yaml:17:15: warning: 3 later checks skipped until the errors are fixed: "
        "the story graph, names in conditions, promises and flags [W009]"]


def test_an_alias_bomb_stops_early(workdir: Path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]"
              for i in range(8)]
    problems = lint_bytes("bomb.test.yaml", ("\n".join(lines) + "\n").encode())
    assert len(problems) == 1
    assert problems[0].endswith("error: aliases expand to too many values; an anchor is "
                                "repeated far more often than any real file needs [E104]")


def test_a_python_tag_is_never_constructed(workdir: Path):
    Path("evil.yaml").write_text("x: !!python/object/apply:os.system ['touch pwned']\n")
    with pytest.raises(ScenarioError) as caught:
        load_yaml_data("evil.yaml")
    assert str(caught.value) == ("evil.yaml:1:4: error: tag '!!python/object/apply:os.system' "
                                 "is not allowed (Python tags are refused: a scenario is data, "
                                 "never code) [E102]")
    assert not Path("pwned").exists()


def test_yaml_data_keeps_plain_values_and_refuses_duplicates(workdir: Path):
    Path("d.yaml").write_text("a: 1\nb: [yes, 0x10, 1.5, ~, '2024-01-01', 2024-01-01]\n")
    assert load_yaml_data("d.yaml") == {"a": 1, "b": [True, 16, 1.5, None, "2024-01-01",
                                                      "2024-01-01"]}
    Path("dup.yaml").write_text("a: 1\nb: 2\na: 3\n")
    with pytest.raises(ScenarioError) as caught:
        load_yaml_data("dup.yaml")
    assert str(caught.value) == ("dup.yaml:3:1: error: duplicate key 'a' (first defined at "
                                 "line 1); YAML would silently keep only the last one [E101]")


def test_every_problem_in_a_file_at_once(workdir: Path, minimal_text: str):
    text = (minimal_text.replace("version: 1", "version: one")
            .replace("evidence: {courtesy: 2}", "evidence: {courtsey: 2}")
            .replace("  kept:\n    outcome: success", "  kept:\n    outcome: succes"))
    assert lint_bytes("minimal.yaml", text.encode()) == [
        "minimal.yaml:2:10: error: 'version' must be an integer, got a string [E202]",
        "minimal.yaml:2:10: warning: 3 later checks skipped until the errors are fixed: "
        "the story graph, names in conditions, promises and flags [W009]",
        "minimal.yaml:21:20: error: unknown trait 'courtsey' (did you mean 'courtesy'?) [E302]",
        "minimal.yaml:29:14: error: 'outcome' must be one of success, mixed, failure, got "
        "'succes' (did you mean 'success'?) [E205]",
    ]


def test_a_missing_file(workdir: Path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario("nowhere.yaml")
    assert str(caught.value) == "nowhere.yaml:1:1: error: no such file [E001]"


def test_the_error_of_a_bad_scenario_is_one_line_pointing_to_lint(workdir: Path,
                                                                  minimal_text: str):
    text = minimal_text.replace("next: kept", "next: kep").replace("next: lost", "next: lst")
    Path("minimal.yaml").write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario("minimal.yaml")
    message = str(caught.value)
    assert "\n" not in message
    assert message == ("minimal.yaml:22:15: error: 'next' leads to 'kep', which is no node or "
                       "ending (did you mean 'kept'?) [E301] (and 1 more; run "
                       "`python main.py lint minimal.yaml`)")
    # both ways out of 'opening' lead nowhere: "no way out" is not judged, and said so
    assert [p.code for p in caught.value.problems] == ["E301", "W009", "E301"]


def test_an_empty_translation_counts_as_missing(workdir: Path, minimal_text: str):
    text = minimal_text.replace("pl: Halo?}", "pl: ''}")
    assert lint_bytes("minimal.yaml", text.encode()) == [
        "minimal.yaml:17:40: error: 'say' has an empty Polish translation ('pl') [E204]",
        "minimal.yaml:17:40: warning: 3 later checks skipped until the errors are fixed: "
        "the story graph, names in conditions, promises and flags [W009]"]


def test_a_timeout_without_a_time_limit(workdir: Path, minimal_text: str):
    text = minimal_text.replace("    choices:\n", "    timeout: {next: lost}\n    choices:\n", 1)
    assert lint_bytes("minimal.yaml", text.encode()) == [
        "minimal.yaml:18:14: error: node 'opening' has a timeout but no time_limit [E209]"]
