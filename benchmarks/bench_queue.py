"""What offline first costs: the central log's Recorder (a client key per event, the
queue checked before each) beside a bare ``log.append``, an event queued while the
server is down, and catching up on a backlog beside appending it live.

    python benchmarks/bench_queue.py                    # 2,000 events a round, 3 rounds
    python benchmarks/bench_queue.py --events 10000 --rounds 5
    python benchmarks/bench_queue.py --no-fsync        # the client's own cost, no flush

Starts a throwaway PostgreSQL server (tests/pg/pgserver.py, Unix socket, fsync on:
durable commits) and a per-user data folder of its own; the events are sessions of the
fixture scenario played through the real runtime. Each round times, each event written
by every peer in turn (so drifting load falls on all alike):

- online, one event per call as the game writes: ``log.append`` (the floor) and the
  Recorder, on a log with no queue file on the PC and on one with an (empty) queue file
  left by an outage;
- offline (server stopped): the Recorder queueing each event, beside appending it to a
  local SQLite score log (the floor: the same durable local write);
- the backlog: delivering the queued events (``sync``'s work) beside appending the same
  number live, one per call.

Prints medians and p95 in microseconds, and each figure as a ratio to its peer measured
in the same round. Wall time: the server's work is in its own processes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "pg"))
sys.path.insert(0, str(ROOT / "tests" / "scorelog"))

from pgserver import Server, binaries  # noqa: E402
from played import library  # noqa: E402

from game.core.runtime import Session  # noqa: E402
from game.scorelog import ScoreLog  # noqa: E402
from game.scorelog.pg.queue import Outbox  # noqa: E402


class DurableServer(Server):
    """The tests' server, but with durable commits (the tests run with fsync off)."""

    fsync = "on"

    def start_server(self) -> None:
        options = (f"-k {self.socket} -c listen_addresses='' -c fsync={self.fsync} "
                   f"-c synchronous_commit={self.fsync} -c max_connections=20")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start")


def played_events(count: int) -> list[tuple[int, object]]:
    """(session number, event) of count // 4 played sessions (4 events each)."""
    lib = library()
    out = []
    for n in range(count // 4):
        session = Session(lib.scenario("late_parcel"), lib.catalogue, lib.rules, seed=n,
                          mode="assessment", trainee=f"t{n % 20}", lang="en")
        session.choose(n % 2, 2.0)
        session.choose((n // 2) % 2, 3.0)
        out += [(n, e) for e in session.events]
    return out


def interleaved(events, writers: dict) -> dict[str, list[float]]:
    """Each event written by every writer in turn (the order rotating), so load that
    drifts during the run falls on all of them alike; seconds per call of each."""
    names = list(writers)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i, (n, event) in enumerate(events):
        for name in names[i % len(names):] + names[:i % len(names)]:
            started = time.perf_counter()
            writers[name](n, event)
            times[name].append(time.perf_counter() - started)
    return times


def p95(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.95)]


def line(name: str, times: list[float], floor: list[float] | None = None) -> str:
    med = statistics.median(times) * 1e6
    text = f"  {name:<44} median {med:7.0f} us  p95 {p95(times) * 1e6:7.0f} us"
    if floor is not None:
        text += f"  ({med / (statistics.median(floor) * 1e6):.2f}x)"
    return text


def recording(log, prefix: str):
    recorders: dict[int, object] = {}
    return lambda n, e: recorders.setdefault(n, log.recorder(f"{prefix}-{n}")).record(e)


def one_round(server: Server, events, tag: str, folder: Path) -> None:
    fresh, emptied = server.create_database(f"f_{tag}"), server.create_database(f"e_{tag}")
    ScoreLog.open(emptied).close()
    outbox = Outbox(emptied)  # an outage has come and gone: an empty queue file remains
    outbox.put(("x", {"type": "SessionAbandoned", "node": None, "decisions": 0},
                "2026-12-01T09:00:00.000000Z"), f"k-{tag}")
    with ScoreLog.open(emptied) as log:
        outbox.deliver(log)
    outbox.close()
    with ScoreLog.open(fresh) as one, ScoreLog.open(emptied) as two:
        online = interleaved(events, {
            "floor": lambda n, e: one.append(f"a{tag}-{n}", e),
            "plain": recording(one, f"r{tag}"), "after": recording(two, f"z{tag}")})
    server.stop_server()
    offline_log = ScoreLog.open(fresh, offline=True)
    with ScoreLog.open(folder / f"local-{tag}.sqlite3") as local:
        offline = interleaved(events, {
            "file": lambda n, e: local.append(f"s{tag}-{n}", e),
            "queued": recording(offline_log, f"q{tag}")})
    offline_log.close()
    server.start_server()
    with ScoreLog.open(fresh) as log:
        outbox = Outbox(fresh)
        started = time.perf_counter()
        sent = outbox.deliver(log)  # what sync does
        backlog = time.perf_counter() - started
        outbox.close()
        assert sent == len(events)
        started = time.perf_counter()
        for n, event in events:
            log.append(f"l{tag}-{n}", event)
        live = time.perf_counter() - started
    print(f"round {tag}: {len(events)} events")
    print(line("online: log.append (floor)", online["floor"]))
    print(line("online: Recorder, no queue file", online["plain"], online["floor"]))
    print(line("online: Recorder, empty queue file", online["after"], online["floor"]))
    print(line("offline: the local SQLite file's append (floor)", offline["file"]))
    print(line("offline: Recorder queueing on this PC", offline["queued"], offline["file"]))
    print(f"  {'backlog: delivered by sync':<44} {backlog:.2f} s "
          f"({len(events) / backlog:,.0f} events/s); appended live one per call "
          f"{live:.2f} s ({live / backlog:.1f}x the time)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-fsync", action="store_true",
                        help="the server without fsync (as the tests run it): what the "
                             "client's own work costs, without the disk's flush in it")
    args = parser.parse_args()
    if binaries() is None:
        print("PostgreSQL is not installed (apt-get install postgresql)", file=sys.stderr)
        return 1
    data = tempfile.mkdtemp(prefix="crt-bench-queue-")
    os.environ["XDG_DATA_HOME"] = data  # this run's own queue files
    events = played_events(args.events)
    one, five, _ = os.getloadavg()
    print(f"load {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores")
    DurableServer.fsync = "off" if args.no_fsync else "on"
    print(f"server fsync {DurableServer.fsync}")
    server = DurableServer.start()
    try:
        for n in range(args.rounds):
            one_round(server, events, str(n), Path(data))
    finally:
        server.close()
    one, five, _ = os.getloadavg()
    print(f"load {one:.2f} (1 min), {five:.2f} (5 min) after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
