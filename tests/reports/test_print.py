"""The class report prints on a few pages: 20 trainees in at most 6, in a real browser."""

import re
import shutil
import subprocess

import pytest
from known_log import run_cli
from test_hostile import chromium

pytestmark = pytest.mark.skipif(chromium() is None, reason="headless Chromium not installed "
                                                           "(.ci/run installs it)")


def pages(pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, timeout=60)
        found = re.search(rb"Pages:\s+(\d+)", info.stdout)
        if found:
            return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_twenty_trainees_print_on_at_most_six_pages(tmp_path):
    db = tmp_path / "class.sqlite3"
    made = run_cli("demo-data", "--db", str(db), "--trainees", "20", "--sessions", "20",
                   "--quiet")
    assert made.returncode == 0, made.stderr
    page = tmp_path / "class.html"
    assert run_cli("report", "--db", str(db), "--format", "html", "--out", str(page)
                   ).returncode == 0
    pdf = tmp_path / "class.pdf"
    proc = subprocess.run([chromium(), "--headless=new", "--no-sandbox", "--disable-gpu",
                           "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                          capture_output=True, timeout=180)
    assert pdf.exists(), proc.stderr[-2000:]
    count = pages(pdf.read_bytes())
    assert 2 <= count <= 6, count
    # every trainee is in the summary and has a trend chart: none left out
    html = page.read_text(encoding="utf-8")
    summary = html[html.index("<section class=\"summary\">"):html.index("</section>")]
    assert summary.count("<tr>") + summary.count('<tr class="few">') == 21  # header + 20
    assert html.count('width="176" height="92"') == 20
