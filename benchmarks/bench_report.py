"""Report speed: each view over a large log (median seconds, target < 1 s), and the
default text report against the sqlite3 command-line shell running the same queries
(target: within 2x).

    python benchmarks/bench_report.py [--db PATH] [--trainees 100] [--sessions 1700]
    python benchmarks/bench_report.py --db /tmp/crt-79k.sqlite3 --trainees 20 --sessions 500

The log is made once by `demo-data` (simulated trainees playing the shipped scenarios
through the real runtime) and kept at --db for later runs. Whole processes are timed by
their CPU time (user + system, from the OS, to the microsecond), medians of
--repeat-process interleaved runs, since the machine is shared; wall time is printed
beside it. --process-only stops after that comparison.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import io  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402

from game.reports import VIEWS, Filters, build_report, build_session_report  # noqa: E402
from game.reports.names import Names  # noqa: E402
from game.reports.render_html import to_html  # noqa: E402
from game.reports.render_text import print_table, to_csv, to_json  # noqa: E402
from game.scorelog import ScoreLog  # noqa: E402

DEFAULT_DB = Path(tempfile.gettempdir()) / "crt-bench-report.sqlite3"


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=1700, help="sessions per trainee")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--repeat-process", type=int, default=15,
                        help="runs of each whole process compared with the sqlite3 shell")
    parser.add_argument("--process-only", action="store_true",
                        help="only the whole-process comparison with the sqlite3 shell")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"making {args.db} with demo-data ({args.trainees} trainees x "
              f"{args.sessions} sessions)...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo-data", "--db", str(args.db),
                        "--trainees", str(args.trainees), "--sessions", str(args.sessions),
                        "--quiet"], check=True)
    with ScoreLog.open(args.db, create=False) as log:
        conn = log.conn
        choices = conn.execute("SELECT count(*) FROM events WHERE type IN "
                               "('ChoiceMade', 'TimedOut')").fetchone()[0]
        sessions = conn.execute("SELECT count(*) FROM events WHERE type = "
                                "'SessionStarted'").fetchone()[0]
        trainee, session_id = conn.execute("SELECT trainee, session_id FROM events "
                                           "ORDER BY seq DESC LIMIT 1").fetchone()
        print(f"{choices} choice events, {sessions} sessions in {args.db}")
        text_vs_cli(args, conn)
        if args.process_only:
            return
        cases = {f"view {name}": (lambda n=name: build_report(conn, n, Filters()))
                 for name in VIEWS}
        cases[f"view all, --trainee {trainee}"] = lambda: build_report(
            conn, "all", Filters(trainee=trainee))
        cases["view scenarios, --since first of the month"] = lambda: build_report(
            conn, "scenarios", Filters(since=conn.execute(
                "SELECT max(at) FROM events").fetchone()[0][:8] + "01T00:00:00Z"))
        cases["session replay"] = lambda: build_session_report(conn, session_id)
        for label, fn in cases.items():
            print(f"{label:45s} median {timed(fn, args.repeat):.3f} s (target < 1 s)",
                  flush=True)
        command = [sys.executable, str(ROOT / "main.py"), "report", "--db", str(args.db),
                   "--format", "html", "--out", str(Path(tempfile.gettempdir()) / "bench.html")]
        print(f"{'python main.py report --format html (all)':45s} median "
              f"{timed(lambda: subprocess.run(command, check=True, capture_output=True), 3):.3f}"
              " s (whole process)")
        report = build_report(conn, "all", Filters())
        for fmt, render in (("csv", to_csv), ("json", to_json), ("html", to_html)):
            print(f"{'render all views as ' + fmt:45s} median "
                  f"{timed(lambda r=render: r(report), args.repeat):.3f} s")


def _children_cpu() -> float:
    """CPU seconds (user + system) of the children waited for so far: getrusage counts
    microseconds, os.times() only clock ticks (10 ms, a sixth of the sqlite3 shell's run)."""
    try:
        import resource
    except ImportError:  # Windows: no resource module
        times = os.times()
        return times.children_user + times.children_system
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_cpu(command: list[str], stdin: str | None = None, env: dict | None = None
              ) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process run to the end."""
    before = _children_cpu()
    start = time.perf_counter()
    with open(stdin) if stdin else open(os.devnull) as source:
        subprocess.run(command, check=True, stdin=source, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    return _children_cpu() - before, wall


# A bare Python process running the same statements through the sqlite3 module: what any
# Python program pays before it formats a single line (the interpreter's start included).
BARE = r"""import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
for sql in open(sys.argv[2], encoding="utf-8").read().split(";\n"):
    if sql.strip():
        conn.execute(sql).fetchall()
"""


def text_vs_cli(args: argparse.Namespace, conn) -> None:
    """`report` (default view, as text) against sqlite3 running the SQL it runs."""
    sqls: list[str] = []
    conn.set_trace_callback(sqls.append)
    report = build_report(conn, "all", Filters(), Names(), brief=True)  # what `report` runs
    conn.set_trace_callback(None)
    buffer = io.StringIO()
    print_table(report, file=buffer, width=120)
    queries = Path(tempfile.gettempdir()) / "crt-bench-report-queries.sql"
    queries.write_text(";\n".join(sqls) + ";\n", encoding="utf-8")
    ours = [sys.executable, str(ROOT / "main.py"), "report", "--db", str(args.db)]
    bare = [sys.executable, "-c", BARE, str(args.db), str(queries)]
    sqlite = shutil.which("sqlite3")
    if sqlite is None:
        print("sqlite3 shell not installed: text report vs sqlite3 skipped")
        return
    # as installed Python runs it: byte code kept once compiled (some sandboxes turn
    # that off for every process, which would time the compiler instead)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in (ours, bare):  # once first: byte code and the names index made
        child_cpu(command, env=env)
    runs_ours, runs_bare, runs_cli = [], [], []
    for _ in range(args.repeat_process):  # interleaved: the same load on each side
        runs_ours.append(child_cpu(ours, env=env))
        runs_bare.append(child_cpu(bare, env=env))
        runs_cli.append(child_cpu([sqlite, str(args.db)], stdin=str(queries)))
    cpu_ours, cpu_bare, cpu_cli = (statistics.median(r[0] for r in runs)
                                   for runs in (runs_ours, runs_bare, runs_cli))
    wall_ours, wall_cli = (statistics.median(r[1] for r in runs) for runs in (runs_ours, runs_cli))
    print(f"{'report (text, default view), whole process':45s} {cpu_ours:.3f} s CPU "
          f"({wall_ours:.3f} s wall), {len(buffer.getvalue()):,} characters")
    print(f"{'sqlite3 shell, the same ' + str(len(sqls)) + ' statements':45s} {cpu_cli:.3f} s CPU "
          f"({wall_cli:.3f} s wall)")
    print(f"{'bare python running them (sqlite3 module)':45s} {cpu_bare:.3f} s CPU "
          f"({cpu_bare / cpu_cli:.2f}x the shell: the floor of any Python program)")
    print(f"{'ratio report / sqlite3 (target <= 2)':45s} {cpu_ours / cpu_cli:.2f} CPU, "
          f"{wall_ours / wall_cli:.2f} wall", flush=True)


if __name__ == "__main__":
    main()
