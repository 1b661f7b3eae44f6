"""The same numbers as a terminal table, a spreadsheet CSV and a self-contained HTML page."""

import csv
import io
import re

from known_log import run_cli


def test_csv_opens_as_a_spreadsheet(known_db, tmp_path):
    out = tmp_path / "scenarios.csv"
    proc = run_cli("report", "--db", str(known_db), "--view", "scenarios", "--format", "csv",
                   "--out", str(out))
    assert proc.returncode == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeffScenarios\r\n".encode())  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1] == ["scenario", "sessions", "trainees", "pass rate %", "average", "lowest",
                       "highest"]
    assert ["phone_complaint", "4", "2", "50.0", "51.25", "30.0", "70.0"] in rows


def test_single_view_csv_is_one_plain_table(known_db):
    proc = run_cli("report", "--db", str(known_db), "--view", "team", "--format", "csv")
    rows = list(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["team", "week of", "sessions", "trainees", "average", "pass rate %"]
    assert len(rows) == 4


def test_html_is_one_self_contained_printable_page(known_db, tmp_path):
    out = tmp_path / "report.html"
    proc = run_cli("report", "--db", str(known_db), "--format", "html", "--out", str(out))
    assert proc.returncode == 0 and proc.stdout == f"wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page and "<link" not in page and "<img" not in page
    # no network: the only URLs are SVG namespace declarations
    assert set(re.findall(r"https?://[^\"' )]+", page)) == {"http://www.w3.org/2000/svg"}
    assert page.count("<svg") >= 4  # trend lines, trait bars, pass rates, team
    assert "north/anna: trait scores" in page and "<polyline" in page
    assert "<td class=\"n\">63.8</td>" in page  # anna's average 63.75, shown to 1 decimal


def test_table_for_the_terminal(known_db, tmp_path):
    out = tmp_path / "report.txt"
    proc = run_cli("report", "--db", str(known_db), "--view", "trainees", "--out", str(out))
    assert proc.returncode == 0
    text = out.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "north/anna" in x and "phone_complaint" in x)
    assert re.search(r"3 .* 70\.0 .* 65\.0 .* 58\.3 .* 12\.5", line)


def test_every_view_prints_in_the_terminal(known_db):
    proc = run_cli("report", "--db", str(known_db))
    assert proc.returncode == 0 and proc.stderr == ""
    for title in ("Trainees", "Scores per scenario", "Trait profile",
                  "Strongest and weakest traits", "Scenarios", "Choices made at each decision",
                  "Most common mistakes", "Team over time"):
        assert title in proc.stdout
    session = run_cli("report", "--db", str(known_db), "--session", "a3")
    assert "client said Bellini here." in " ".join(session.stdout.split())
