"""The same numbers as a terminal table, a spreadsheet CSV and a self-contained HTML page."""

import csv
import io
import re

from known_log import report_cli


def test_csv_opens_as_a_spreadsheet(known_db, tmp_path):
    out = tmp_path / "scenarios.csv"
    proc = report_cli("--db", str(known_db), "--view", "scenarios", "--format", "csv",
                      "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    raw = out.read_bytes()
    assert raw.startswith("\ufeffScenarios\r\n".encode())  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1] == ["scenario", "pass mark", "n", "trainees", "pass rate %", "average",
                       "lowest", "highest"]
    # numbers unrounded: (500/9 + 100 + 90 + 600/9 + 0) / 5
    average = (500 / 9 + 100 + 90 + 600 / 9) / 5
    parcel = rows[2]  # the first section: one scenario
    assert parcel[:5] == ["The late parcel", "50.0", "5", "2", "80.0"]
    assert float(parcel[5]) == average and parcel[6:] == ["0.0", "100.0"]


def test_single_view_csv_is_one_plain_table(known_db):
    proc = report_cli("--db", str(known_db), "--view", "team", "--format", "csv")
    rows = list(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["team", "week of", "n", "trainees", "average", "pass rate %"]
    # north: weeks of Nov 2 (a1, a2), Nov 9 (a3, a4); south: Nov 2 (b1)
    assert [r[:4] for r in rows[1:]] == [["north", "2026-11-02", "2", "1"],
                                         ["north", "2026-11-09", "2", "1"],
                                         ["south", "2026-11-02", "1", "1"]]


def test_html_is_one_self_contained_printable_page(known_db, tmp_path):
    out = tmp_path / "report.html"
    proc = report_cli("--db", str(known_db), "--format", "html", "--out", str(out))
    assert proc.returncode == 0 and proc.stdout == f"wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page and "<link" not in page and "<img" not in page
    # no network: the only URLs are SVG namespace declarations
    assert set(re.findall(r"https?://[^\"' )]+", page)) == {"http://www.w3.org/2000/svg"}
    assert page.count('width="176" height="92"') == 2  # one trend chart per trainee
    assert "north/anna: trait scores" in page and "<polyline" in page
    assert '<td class="n">78.1</td>' in page  # anna's average (500/9+100+90+600/9)/4
    # bruno has one ended session: his summary row is greyed
    assert re.search(r'<tr class="few"><td>south/bruno</td>', page)


def test_table_for_the_terminal(known_db, tmp_path):
    out = tmp_path / "report.txt"
    proc = report_cli("--db", str(known_db), "--view", "trainees", "--out", str(out))
    assert proc.returncode == 0
    text = out.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "north/anna" in x and "late parcel" in x)
    # sessions 4, best 100, last 66.7 (a4), average 78.1, pass mark 50
    assert re.search(r"4 .* 100\.0 .* 66\.7 .* 78\.1 .* 50\.0", line), line


def test_every_view_prints_in_the_terminal(known_db):
    proc = report_cli("--db", str(known_db))
    assert proc.returncode == 0 and proc.stderr == ""
    for title in ("Class summary", "Weakest traits, class-wide", "Sessions awaiting review",
                  "Overridden scores", "Scenarios", "Costliest mistakes"):
        assert title in proc.stdout
    session = report_cli("--db", str(known_db), "--session", "a3")
    assert "Where is my parcel?" in " ".join(session.stdout.split())


def test_long_tables_are_paged_in_the_terminal_and_say_so(known_db, tmp_path):
    from game.reports.model import Report, Section
    from game.reports.render_text import print_table

    rows = tuple((f"t{i:02d}", i) for i in range(40))
    buffer = io.StringIO()
    print_table(Report("r", (Section("Many", ("who", "n"), rows),)), file=buffer, width=100)
    text = buffer.getvalue()
    assert "t24" in text and "t25" not in text
    assert "[25 of 40 rows; --format csv, json or html has all" in " ".join(text.split())
