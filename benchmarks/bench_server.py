"""The central log on PostgreSQL beside the SQLite file: the same events in both, timed.

    python benchmarks/bench_server.py                      # 1,000,000 events
    python benchmarks/bench_server.py --events 50000 --repeat 3
    python benchmarks/bench_server.py --keep /var/tmp/crt-bench   # build once, reuse

Builds a throwaway PostgreSQL server (tests/pg/pgserver.py, on a Unix socket, started
here with fsync on: durable commits, as SQLite's synchronous=FULL) and fills one log on
it and one SQLite file with the same events: the demo's simulated trainees playing the
shipped scenarios through the real runtime (same seed, same clock), in demo-data's
batches. Then prints, for each back end and as the ratio server / SQLite:

- append latency, one event per transaction as the game writes (median, p95);
- each report (the default text report, then each --view, rendered as text), the
  session replay, verify-log and export-xapi, medians of --repeat runs in this process;
- verify-log as a command (also --replay and export-xapi, when asked): wall time and
  the process's peak memory (a 1M-row scan must not be held in memory on either back
  end).

Wall time throughout: the server's work happens in its own processes, which the
client's CPU time would not see. The machine's load is printed before and after.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "pg"))

from bench_report import timed  # noqa: E402  (median wall time of repeats, as there)
from pgserver import SUPERUSER, Server, binaries  # noqa: E402

from game.core.loader import Library  # noqa: E402
from game.reports import Filters, build_report, build_session_report  # noqa: E402
from game.reports.names import Names  # noqa: E402
from game.reports.render_text import print_table  # noqa: E402
from game.scorelog import ScoreLog, verify  # noqa: E402
from game.scorelog.queries import snapshot  # noqa: E402

EVENTS_PER_SESSION = 8.3  # the demo's sessions, on average
VIEWS = ("summary", "review", "trainees", "traits", "scenarios", "team", "campaigns")
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # the demo's clock: the same events twice


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def median_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1,
                                                   round(0.95 * (len(ordered) - 1)))]


def start_server(folder: Path) -> Server:
    """A server in ``folder`` (made there the first time, reused after)."""
    bindir = binaries()
    if bindir is None:
        sys.exit("PostgreSQL is not installed (apt-get install postgresql)")
    server = Server(folder, bindir)
    if not (folder / "data").exists():
        folder.mkdir(parents=True, exist_ok=True)
        server._init()  # initdb, then the tests' start (fsync off); restarted below
        server.stop_server()
    options = (f"-k {server.socket} -c listen_addresses='' -c fsync=on "
               "-c synchronous_commit=on -c max_connections=20 -c shared_buffers=128MB")
    server._run(str(bindir / "pg_ctl"), "-D", str(server.data), "-o", options,
                "-l", str(folder / "server.log"), "-w", "-t", "60", "start")
    return server


def build(target: str, library: Library, trainees: int, sessions: int) -> tuple[int, float]:
    """demo-data's generation into ``target`` on a fixed clock; (events, seconds)."""
    import game.reports.demo as demo

    class Fixed(datetime):
        @classmethod
        def now(cls, tz=None):
            return NOW

    real, demo.datetime = demo.datetime, Fixed
    try:
        start = time.perf_counter()
        with ScoreLog.open(target) as log:
            _, events = demo.generate(log, library, trainees, sessions, seed=1)
        return events, time.perf_counter() - start
    finally:
        demo.datetime = real


def append_latency(target: str, library: Library, count: int) -> list[float]:
    """Seconds per event, each its own transaction, as the game records a session."""
    from game.reports.demo import Player, Trainee

    player = Player(library, seed=99)
    trainee = Trainee("bench/writer", 0.4, 0.05, 8.0)
    times: list[float] = []
    with ScoreLog.open(target) as log:
        played = 0
        while len(times) < count:
            session = log.recorder(f"bench-{played}")
            for event, _ in player.play(trainee, played, NOW):
                start = time.perf_counter()
                session.record(event)
                times.append(time.perf_counter() - start)
            played += 1
    return times[:count]


def reports(target: str, repeat: int, session_id: str) -> dict[str, float]:
    names = Names("en")
    out: dict[str, float] = {}

    def text(view: str, brief: bool) -> None:
        with ScoreLog.open(target, create=False) as log, snapshot(log.conn):  # as `report`
            report = build_report(log.conn, view, Filters(), names, brief=brief)
        print_table(report, file=io.StringIO(), width=160)

    out["report (default text)"] = timed(lambda: text("all", True), repeat)
    for view in VIEWS:
        out[f"report --view {view}"] = timed(lambda v=view: text(v, False), repeat)

    def replay() -> None:
        with ScoreLog.open(target, create=False) as log, snapshot(log.conn):
            print_table(build_session_report(log.conn, session_id, names), file=io.StringIO(),
                        width=160)

    out["report --session"] = timed(replay, repeat)

    def check() -> None:
        with ScoreLog.open(target, create=False) as log, snapshot(log.conn):  # as verify-log
            assert verify(log.conn).ok

    out["verify-log"] = timed(check, repeat)
    return out


_PEAK = ("import sys\nfrom game.cli import main\ncode = main(sys.argv[1:])\n"
         "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1],"
         " file=sys.stderr)\nsys.exit(code)")


def command(target: str, *argv: str) -> tuple[float, float]:
    """(wall seconds, peak resident memory MiB) of one CLI command in its own process
    (VmHWM: the process's own peak, not the forking parent's)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, *argv, "--db", target], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {proc.stderr}")
    return wall, int(proc.stderr.split()[-1]) / 1024  # kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--appends", type=int, default=400,
                        help="events appended one per transaction for the latency")
    parser.add_argument("--keep", type=Path, help="folder for the two logs, kept and reused")
    parser.add_argument("--xapi", action="store_true",
                        help="also time export-xapi as a command (minutes at 1M events)")
    parser.add_argument("--replay", action="store_true",
                        help="also time verify-log --replay as a command (minutes at 1M)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="crt-bench-", dir="/tmp"))
    if os.geteuid() == 0:  # the server runs as the postgres system user
        folder.mkdir(parents=True, exist_ok=True)
        shutil.chown(folder, SUPERUSER)
    print(load(), flush=True)
    library = Library()
    trainees = max(4, min(200, args.events // 5000))
    sessions = max(1, round(args.events / EVENTS_PER_SESSION / trainees))
    server = start_server(folder / "pg")
    try:
        url = server.url("postgres")
        sqlite_db = str(folder / f"log-{trainees}x{sessions}.sqlite3")
        name = f"bench_{trainees}x{sessions}"
        import psycopg

        with psycopg.connect(url, autocommit=True) as admin:
            made = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                 (name,)).fetchone() is not None
        url = server.url(name)
        if not made or not Path(sqlite_db).exists():
            if Path(sqlite_db).exists():
                Path(sqlite_db).unlink()
            if made:
                server.sql(f'DROP DATABASE "{name}"')
            server.sql(f'CREATE DATABASE "{name}"')
            print(f"building: {trainees} trainees x {sessions} sessions (~{args.events:,} "
                  "events), demo-data's batches", flush=True)
            events, sqlite_s = build(sqlite_db, library, trainees, sessions)
            print(f"  SQLite      {events:,} events in {sqlite_s:.0f} s "
                  f"({events / sqlite_s:,.0f} events/s)", flush=True)
            events_pg, pg_s = build(url, library, trainees, sessions)
            assert events_pg == events
            print(f"  PostgreSQL  {events:,} events in {pg_s:.0f} s "
                  f"({events / pg_s:,.0f} events/s; {pg_s / sqlite_s:.2f}x)", flush=True)
        with ScoreLog.open(sqlite_db, create=False) as log:
            events = log.conn.execute("SELECT count(*) FROM events").fetchone()[0]
            session_id = log.conn.execute("SELECT session_id FROM events WHERE type = "
                                          "'SessionEnded' ORDER BY seq DESC LIMIT 1"
                                          ).fetchone()[0]
        print(f"{events:,} events in each log; {load()}", flush=True)

        lat = {name: append_latency(target, library, args.appends)
               for name, target in (("sqlite", sqlite_db), ("server", url))}
        (sm, sp), (pm, pp) = median_p95(lat["sqlite"]), median_p95(lat["server"])
        print(f"\nappend one event per transaction ({args.appends} events, wall ms)")
        print(f"  {'':28} {'SQLite':>9} {'server':>9} {'ratio':>7}")
        print(f"  {'median':28} {sm * 1e3:9.2f} {pm * 1e3:9.2f} {pm / sm:6.2f}x")
        print(f"  {'p95':28} {sp * 1e3:9.2f} {pp * 1e3:9.2f} {pp / sp:6.2f}x", flush=True)

        print(f"\nreports and checks, median of {args.repeat} (wall s)")
        print(f"  {'':28} {'SQLite':>9} {'server':>9} {'ratio':>7}", flush=True)
        on_sqlite = reports(sqlite_db, args.repeat, session_id)
        on_server = reports(url, args.repeat, session_id)
        for what, a in on_sqlite.items():
            b = on_server[what]
            print(f"  {what:28} {a:9.3f} {b:9.3f} {b / a:6.2f}x")

        print("\nas a command: wall s, and the process's peak memory")
        commands = [("verify-log",)]
        if args.replay:
            commands.append(("verify-log", "--replay"))
        if args.xapi:
            commands.append(("export-xapi", "--out", str(folder / "x.json")))
        for argv in commands:
            (ws, ms), (wp, mp) = command(sqlite_db, *argv), command(url, *argv)
            print(f"  {' '.join(argv[:2]):21} SQLite {ws:7.2f} s {ms:5.0f} MiB   "
                  f"server {wp:7.2f} s {mp:5.0f} MiB   {wp / ws:5.2f}x")
        print(f"\n{load()}; peak memory of this process "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    finally:
        server.stop_server()
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
