"""Names, reasons and ids are data in every format: never markup, formulas, HTML or
terminal escapes; long ones are clipped where shown and whole where kept.

The log holds sessions played through the runtime by trainees with hostile ids, as a
log written before ids were checked at entry (or by another tool) would.
"""

import csv
import io
import json
import shutil
import subprocess

import pytest
from known_log import LIBRARY, report_cli
from played import play

from game.reports.review import override_score
from game.scorelog import ScoreLog

LONG = "west/" + "L" * 10_000
HOSTILE = {
    "markup": "[/]",
    "link": "[link=https://evil.example]north/anna[/link]",
    "escape": "north/\x1b]52;c;ZXZpbA==\x07\x1b[2J",
    "bidi": "north/\u202eanna",
    "formula": '=HYPERLINK("http://x","y")',
    "comma": "team,comma/ola",
    "html": "<script>alert(1)</script>/x",
    "long": LONG,
}
RAW = ("\x1b", "\x07", "\u202e")  # never written raw, in any format


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "hostile.sqlite3"
    with ScoreLog.open(db) as log:
        for n, name in enumerate(HOSTILE.values()):
            play(log, f"h{n}", name, [("snap", 3.0), ("promise_today", 3.0)], day=n + 1)
        override_score(log, "h0", 70.0, '=HYPERLINK("http://x","y")', "@SUM(1+1)",
                       library=LIBRARY)
    with ScoreLog.open(db) as log:  # the reason's check refuses control characters only
        log.append("h1", {"type": "SignedOff", "by": "[bold red]Boss[/]", "note": "+1"})
    return db


def out(db, *args):
    proc = report_cli("--db", str(db), *args)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def test_the_terminal_table_shows_names_as_text(hostile_db, tmp_path):
    target = tmp_path / "report.txt"
    out(hostile_db, "--out", str(target))
    text = target.read_text(encoding="utf-8")
    assert not any(c in text for c in RAW)
    assert "[/]" in text and "[link=https://evil.exam" in text.replace("\n", "")
    assert "\\x1b]52;c;" in "".join(text.split())  # shown escaped (cells may wrap)
    assert "\\u202eanna" in "".join(text.split())
    assert text.count("L") < 1000 and "L…" in text  # the 10,000-character name: clipped...
    assert max(len(line) for line in text.splitlines()) <= 160  # ...and the page holds


def test_the_default_report_in_a_terminal_does_not_crash(hostile_db):
    """The `[/]` trainee once crashed every report with a MarkupError traceback."""
    text = out(hostile_db)
    assert "Traceback" not in text and "[/]" in text
    assert not any(c in text for c in RAW)


def test_csv_read_as_a_spreadsheet_would_has_no_formula(hostile_db):
    raw = out(hostile_db, "--format", "csv", "--view", "review")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    cells = [c for row in rows for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells  # the reason, neutralised
    assert "'@SUM(1+1)" in cells  # the reviewer
    assert not any(c in raw for c in RAW)
    everyone = list(csv.reader(io.StringIO(out(hostile_db, "--format", "csv", "--view",
                                               "trainees").lstrip("\ufeff"), newline="")))
    assert LONG in [c for row in everyone for c in row]  # CSV keeps the whole value


def test_json_keeps_every_name_exactly_and_writes_no_raw_control(hostile_db):
    raw = out(hostile_db, "--format", "json", "--view", "trainees")
    assert not any(c in raw for c in RAW)
    (trainees,) = [s for s in json.loads(raw)["sections"] if s["key"] == "trainees"]
    assert sorted(r["trainee"] for r in trainees["rows"]) == sorted(HOSTILE.values())


def test_a_comma_in_a_name_is_one_trainee_of_its_team(hostile_db):
    raw = out(hostile_db, "--format", "json", "--view", "team")
    (team,) = [s for s in json.loads(raw)["sections"] if s["key"] == "team"]
    counts = {r["team"]: r["trainees"] for r in team["rows"]}
    # north: the escape and the bidi names, played on the 3rd and 4th (one week)
    assert counts["team,comma"] == 1 and counts["north"] == 2


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or \
        shutil.which("google-chrome")


def dump_dom(page):
    proc = subprocess.run([chromium(), "--headless=new", "--no-sandbox", "--disable-gpu",
                           "--dump-dom", page.as_uri()], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.skipif(chromium() is None, reason="headless Chromium not installed "
                                               "(.ci/run installs it)")
def test_html_in_a_real_browser_shows_names_as_text(hostile_db, tmp_path):
    page = tmp_path / "report.html"
    out(hostile_db, "--format", "html", "--out", str(page))
    html = page.read_text(encoding="utf-8")
    assert not any(c in html for c in RAW)
    dom = dump_dom(page)
    # Chromium parsed no element from a name: no script ran, no link, no extra markup
    assert "<script" not in dom and "<a " not in dom and "<a>" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;/x" in dom
    assert "[link=https://evil.example]north/anna[/link]" in dom
    assert "north/\\u202eanna" in dom and "north/\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J" in dom
    # the long name: clipped in the cell, whole in its tooltip
    assert f'title="{LONG}"' in dom and "L" * 100 + "</span>" not in dom
