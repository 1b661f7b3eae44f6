"""The score log's speed, each figure beside a floor measured in the same run.

    python benchmarks/bench_log.py [--events 2000] [--sessions 2000] [--repeat 3]

1. Writing one event, as the game does (one committed transaction, WAL,
   synchronous=FULL): median and p95 milliseconds (target < 2 ms). The events are a
   real session's, played through the runtime on a shipped scenario.
2. verify-log against the floor of reading every row and hashing it (SELECT of every
   column + SHA-256 of each row): events per second and the ratio (target >= 1/3);
   beside it, the floor that also reads the derived rows the check must read.
3. demo-data's batched writes against a raw batched insert of the same rows into the
   same tables and indexes (target >= 0.5).

Thread CPU time, medians of --repeat runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.loader import Library
from game.core.runtime import Session, Status
from game.reports.demo import Player, trainees
from game.scorelog import ScoreLog, verify


def session_events(library: Library, seed: int) -> list:
    """One real session of phone_complaint (first open choice each time)."""
    session = Session(library.scenario("phone_complaint"), library.catalogue, library.rules,
                      seed=seed, trainee="bench/anna")
    while session.status == Status.AWAITING_CHOICE:
        session.choose(0, response_time=3.0)
    return list(session.events)


def write_latency(folder: Path, library: Library, count: int) -> None:
    times = []
    with ScoreLog.open(folder / "write.db") as log:
        seed = 0
        while len(times) < count:
            seed += 1
            rec = log.recorder()
            for event in session_events(library, seed):
                start = time.perf_counter()
                rec.record(event)
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"write one event: median {statistics.median(times):.3f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.3f} ms over {len(times)} runtime events "
          "(target < 2 ms; wall time, a commit waits for the disk)")


def generated(library: Library, sessions: int) -> list[tuple[str, object, str]]:
    """Demo sessions (the real runtime), ready to write: (session, event, time)."""
    import random
    from datetime import UTC, datetime, timedelta

    player, people = Player(library, 7), trainees(20, random.Random(7))
    start, items = datetime(2026, 11, 2, tzinfo=UTC), []
    for n in range(sessions):
        trainee = people[n % len(people)]
        for event, moment in player.play(trainee, n // len(people),
                                         start + timedelta(minutes=n)):
            items.append((f"b{n}", event, moment.isoformat().replace("+00:00", "Z")))
    return items


def thread_time(fn) -> float:
    start = time.thread_time()
    fn()
    return time.thread_time() - start


def batched_writes(folder: Path, items: list, repeat: int) -> Path:
    """demo-data's batches (its write_batch) vs executemany of the rows it wrote."""
    from game.reports.demo import BATCH, write_batch

    ours, raw = [], []
    for run in range(repeat):
        db = folder / f"demo{run}.db"
        with ScoreLog.open(db) as log:
            def write(log=log):
                for i in range(0, len(items), BATCH):
                    write_batch(log, items[i:i + BATCH])
            ours.append(thread_time(write))
        raw.append(raw_insert(db, folder / f"raw{run}.db"))
    a, b = statistics.median(ours), statistics.median(raw)
    events = len(items)
    print(f"demo-data writes: {events / a:,.0f} events/s; raw batched insert of the same rows "
          f"{events / b:,.0f}/s; ratio {b / a:.2f} (target >= 0.5)")
    return folder / "demo0.db"


def raw_insert(source: Path, target: Path) -> float:
    """The same rows into the same schema (tables, indexes, triggers), plain executemany."""
    with ScoreLog.open(target):
        pass  # the schema, empty
    src = sqlite3.connect(source)
    tables = {t: src.execute(f"SELECT * FROM {t}").fetchall()
              for t in ("events", "evidence", "trait_scores", "trait_totals", "choice_totals",
                        "scenario_content")}
    src.close()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")

    def insert() -> None:
        conn.execute("BEGIN")
        for table, rows in tables.items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        conn.execute("COMMIT")
    spent = thread_time(insert)
    conn.close()
    return spent


def verify_speed(db: Path, repeat: int) -> None:
    conn = sqlite3.connect(db)
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]

    def floor() -> None:  # every column read; the text a row hash covers, hashed
        for row in conn.execute("SELECT seq, at, session_id, trainee, scenario, type, node, "
                                "choice, score, passed, merit, lost, response_time, data, "
                                "prev_hash, hash, hv, mistake FROM events ORDER BY seq"):
            hashlib.sha256((row[14] + row[1] + row[2] + row[13]).encode()).hexdigest()
    def every_row() -> None:  # the floor, and the derived rows the check also reads
        floor()
        for table, value in (("evidence", "merit"), ("trait_scores", "score")):
            for _ in conn.execute(f"SELECT seq, trait, {value} FROM {table} ORDER BY rowid"):
                pass
    runs = [(thread_time(lambda: verify(conn)), thread_time(floor), thread_time(every_row))
            for _ in range(repeat)]  # interleaved: the same load on each
    ours, base, rows = (statistics.median(r[i] for r in runs) for i in range(3))
    assert verify(conn).ok
    print(f"verify-log: {events / ours:,.0f} events/s; SELECT + SHA-256 floor "
          f"{events / base:,.0f}/s; ratio {base / ours:.2f} (target >= 0.33) over "
          f"{events:,} events")
    derived = conn.execute("SELECT (SELECT count(*) FROM evidence) + "
                           "(SELECT count(*) FROM trait_scores)").fetchone()[0]
    print(f"  (the floor reading every row the check reads, the {derived / events:.1f} evidence "
          f"and trait score rows per event too: {events / rows:,.0f}/s; ratio {rows / ours:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000, help="events for the write test")
    parser.add_argument("--sessions", type=int, default=2000,
                        help="demo sessions for the batch and verify tests")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, help="also verify this log (e.g. a 79k-event one)")
    args = parser.parse_args()
    library = Library()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_latency(folder, library, args.events)
        items = generated(library, args.sessions)
        demo = batched_writes(folder, items, args.repeat)
        verify_speed(args.db or demo, args.repeat)


if __name__ == "__main__":
    main()
