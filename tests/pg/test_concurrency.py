"""Many clients at once against the real server: the chain stays one gap-free line and
nothing a client was told is committed goes missing; set-up races apply each step once.

Each client is its own process with its own trainee login, playing real sessions of the
fixture scenario through the runtime and writing one event per transaction, as the game
does. The clients start together (they wait on a file) and report every seq the log
returned to them; the test then reads the log as its owner.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from game.scorelog import ScoreLog, verify
from game.scorelog.pg.schema import MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 20
SESSIONS = 125  # x 4 events (started, two answers, ended) = 500 events per client

TRAINEE = """
import json, os, sys, time
sys.path.insert(0, "tests/scorelog")
from played import library
from game.core.runtime import Session
from game.scorelog import ScoreLog

url, name, sessions, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lib = library()
scenario = lib.scenario("late_parcel")
committed = []
with ScoreLog.open(url) as log:
    log.keep_scenario(scenario)
    while not os.path.exists(go):
        time.sleep(0.01)
    for k in range(sessions):
        session = Session(scenario, lib.catalogue, lib.rules, seed=k, mode="assessment",
                          trainee=name, lang="en")
        session_id = f"{name}-{k}"
        recorder = log.recorder(session_id)
        done = 0
        for pick, seconds in ((("apologise", "snap")[k % 2], 3.0), ("tell_truth", 4.0)):
            for event in session.events[done:]:
                committed.append([recorder.record(event), session_id, event.to_dict()["type"]])
            done = len(session.events)
            session.choose(next(c.index for c in session.view().choices if c.id == pick),
                           seconds)
        for event in session.events[done:]:
            committed.append([recorder.record(event), session_id, event.to_dict()["type"]])
print(json.dumps(committed))
"""


def test_twenty_trainees_at_once_make_one_gap_free_chain_and_lose_nothing(logins, pg_url,
                                                                          tmp_path):
    go = tmp_path / "go"
    names = [f"north/t{i:02d}" for i in range(CLIENTS)]
    procs = [subprocess.Popen([sys.executable, "-c", TRAINEE, logins.add("trainee"), name,
                               str(SESSIONS), str(go)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for name in names]
    time.sleep(1.0)  # let them import and connect; the appends start together
    started = time.monotonic()
    go.touch()
    reported = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        reported.append(json.loads(out))
    elapsed = time.monotonic() - started
    with ScoreLog.open(pg_url) as log:
        verdict = verify(log.conn)
        rows = log.conn.execute("SELECT seq, session_id, type, db_user FROM events "
                                "ORDER BY seq").fetchall()
        head = log.conn.execute("SELECT seq FROM chain_head").fetchone()[0]
    assert verdict.ok, verdict.problem
    assert verdict.events == len(rows) == head == CLIENTS * SESSIONS * 4 == 10_000
    assert [r[0] for r in rows] == list(range(1, 10_001))  # gap-free, one line
    by_seq = {seq: (session_id, kind) for seq, session_id, kind, _ in rows}
    told = [tuple(item) for client in reported for item in client]
    assert len(told) == 10_000 and len({seq for seq, _, _ in told}) == 10_000
    assert all(by_seq[seq] == (sid, kind) for seq, sid, kind in told)  # each one, once
    # each client's events are its own login's, in the order it wrote them
    for client in reported:
        seqs = [seq for seq, _, _ in client]
        assert seqs == sorted(seqs)
    users = {}
    for _, session_id, _, user in rows:
        users.setdefault(session_id.rsplit("-", 1)[0], set()).add(user)
    assert len(users) == CLIENTS and all(len(u) == 1 for u in users.values())
    assert len({next(iter(u)) for u in users.values()}) == CLIENTS
    print(f"10,000 events from {CLIENTS} processes in {elapsed:.1f} s")


OPENER = """
import sys, os, time
from game.scorelog import ScoreLog
from game.core.errors import UserError
url, go = sys.argv[1], sys.argv[2]
import psycopg
while not os.path.exists(go):
    time.sleep(0.005)
try:
    ScoreLog.open(url).close()
except UserError as err:
    print("USER-ERROR " + str(err))
    sys.exit(3)
print("OPENED")
"""


def trainee_urls(pg_server, logins, url: str, count: int) -> list[str]:
    """URLs of ``count`` new trainee logins for the database of ``url`` (the logins
    fixture makes them for its own database: CONNECT is granted here too)."""
    database = url.split("@/", 1)[1].split("?", 1)[0]
    urls = []
    for _ in range(count):
        trainee = logins.add("trainee")
        pg_server.sql(f'GRANT CONNECT ON DATABASE "{database}" TO '
                      f'"{trainee.split("//")[1].split(":")[0]}"')
        urls.append(trainee.replace(f"/{logins.database}?", f"/{database}?"))
    return urls


def test_clients_opening_an_empty_database_with_its_owner_apply_each_step_once(
        pg_server, logins, tmp_path):
    """The owner sets the database up (`db init-server`) while 20 PCs configured with the
    log's owner URL and 10 trainees open it at the same moment: every step is applied
    once; owner-URL clients all open it; a trainee either opens it (the set-up was done,
    or it waited for it) or is told in one line that the owner must set it up first."""
    url = pg_server.create_database()  # empty; the roles exist (the logins fixture)
    trainees = trainee_urls(pg_server, logins, url, 10)
    go = tmp_path / "go"
    env = {**os.environ}
    owner = subprocess.Popen([sys.executable, "-c", "import sys, os, time\n"
                              "while not os.path.exists(sys.argv[2]): time.sleep(0.005)\n"
                              "from game.cli import main\nsys.exit(main(['db', "
                              "'init-server', sys.argv[1]]))", url, str(go)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    clients = [subprocess.Popen([sys.executable, "-c", OPENER, target, str(go)], cwd=ROOT,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for target in [url] * 20 + trainees]
    time.sleep(1.5)
    go.touch()
    out, err = owner.communicate(timeout=120)
    assert owner.returncode == 0 and "score log ready (7 migrations" in out, err
    results = [(p, *p.communicate(timeout=120)) for p in clients]
    for proc, out, err in results[:20]:
        assert proc.returncode == 0 and out.strip() == "OPENED" and err == "", (out, err)
    for proc, out, err in results[20:]:
        assert err == "" and (
            (proc.returncode == 0 and out.strip() == "OPENED")
            or (proc.returncode == 3 and "not set up as a score log" in out)), (out, err)
    print(f"trainees that opened it at once: {sum(p.returncode == 0 for p, _, _ in results[20:])}"
          " of 10")
    with ScoreLog.open(url) as log:
        names = [r[0] for r in log.conn.execute("SELECT name FROM migrations ORDER BY name")]
        assert verify(log.conn).ok
    assert names == [name for name, _ in MIGRATIONS]  # each step once
    # once set up, every trainee opens it
    for trainee in trainees:
        ScoreLog.open(trainee).close()


def test_trainees_opening_the_log_while_its_owner_sets_it_up_wait_and_open_it(
        pg_server, logins, tmp_path, monkeypatch):
    """The owner is mid-way through the set-up (its first step made slow here) when ten
    trainees open the log: each waits for the set-up and opens the finished log, none
    tries to apply a step itself (a trainee may not) or says it is not set up."""
    import threading

    import psycopg

    from game.scorelog.pg import schema

    url = pg_server.create_database()
    trainees = trainee_urls(pg_server, logins, url, 10)
    go = tmp_path / "go"
    clients = [subprocess.Popen([sys.executable, "-c", OPENER, target, str(go)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for target in trainees]
    (first, statements), *rest = schema.MIGRATIONS
    monkeypatch.setattr(schema, "MIGRATIONS",
                        ((first, ("SELECT pg_sleep(4)", *statements)), *rest))
    owner = threading.Thread(target=lambda: ScoreLog.open(url).close())
    owner.start()
    with psycopg.connect(url, autocommit=True) as watch:
        for _ in range(500):  # the owner holds the set-up's lock: now the trainees start
            if watch.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                             "AND granted").fetchone()[0]:
                break
            time.sleep(0.01)
        else:
            raise AssertionError("the owner never took the set-up lock")
    time.sleep(1.0)  # the trainees import and are ready (they wait on the file)
    go.touch()
    owner.join(timeout=60)
    for proc in clients:
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, out.strip(), err) == (0, "OPENED", ""), (out, err)
    with ScoreLog.open(url) as log:
        names = [r[0] for r in log.conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_a_log_whose_set_up_commits_between_two_reads_is_not_taken_for_another_programs(
        pg_server, monkeypatch):
    """The interleaving behind a rare CI failure, made certain: a PC reads "no migrations
    table" while the owner's set-up is still open, and the set-up commits before the PC
    looks at the tables. It opens the log; it used to say the log was another program's
    database (the tables it then saw were the log's own)."""
    import threading

    from game.scorelog.pg import schema, server

    url = pg_server.create_database()
    (first, statements), *rest = schema.MIGRATIONS
    monkeypatch.setattr(schema, "MIGRATIONS",  # the owner holds its set-up open a while
                        ((first, ("SELECT pg_sleep(1.5)", *statements)), *rest))
    holding, committed = threading.Event(), threading.Event()
    real_applied = schema.applied
    reads = []

    def applied(conn):
        steps = real_applied(conn)
        reads.append(steps)
        if len(reads) == 1:  # the PC's first read: the set-up is open, then it commits
            assert steps is None
            committed.wait(timeout=30)
        return steps

    def owner():
        holding.set()
        ScoreLog.open(url).close()
        committed.set()

    thread = threading.Thread(target=owner)
    thread.start()
    holding.wait()
    time.sleep(0.5)  # the owner is inside its set-up (its first step sleeps)
    monkeypatch.setattr(schema, "applied", applied)
    try:
        server.open_server(url).close()
    finally:
        committed.set()
        thread.join(timeout=60)
    assert reads[0] is None and reads[-1] == len(schema.MIGRATIONS)


def test_verify_log_on_a_busy_server_sees_one_state_of_the_chain(logins, pg_url, tmp_path):
    """The chain checked again and again while five trainees append: every check is ok,
    with a receipt the log still extends afterwards. Each check reads one REPEATABLE
    READ snapshot (``snapshot``, as verify-log does): its rows, derived rows, totals and
    chain head are of one moment. (Read statement by statement instead, about one check
    in ten saw a head or totals ahead of the rows it had read: "TAMPERED".)"""
    from game.scorelog.queries import snapshot
    from game.scorelog.verify import extends

    go = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, "-c", TRAINEE, logins.add("trainee"),
                                 f"south/w{i}", "40", str(go)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for i in range(5)]
    time.sleep(1.0)
    go.touch()
    receipts, command = [], None
    with ScoreLog.open(pg_url) as log:
        while any(w.poll() is None for w in writers):
            if command is None and receipts:  # and verify-log itself, mid-way
                command = subprocess.Popen([sys.executable, "main.py", "verify-log", "--db",
                                            pg_url], cwd=ROOT, stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True)
            with snapshot(log.conn):
                verdict = verify(log.conn)
            assert verdict.ok, verdict.problem
            receipts.append(verdict.receipt)
        for w in writers:
            assert w.wait(timeout=120) == 0, w.stderr.read()
        out, err = command.communicate(timeout=120)
        assert command.returncode == 0 and " ok, " in out, err
        receipts.append(out.split("receipt ")[1].strip())
        grown = [r for r in receipts if not r.startswith("0:")]  # the log was empty first
        assert len(set(grown)) >= 5  # checks made while the log grew
        assert all(extends(log.conn, r) == "" for r in grown)
        assert verify(log.conn).events == 5 * 40 * 4


def test_a_scan_of_the_log_is_fetched_from_the_server_a_batch_at_a_time(logins, pg_url):
    """Inside a read snapshot the log's scans are server-side cursors (pg_cursors), read
    STREAM_ROWS rows per fetch: the client never holds the whole result."""
    from game.scorelog.pg.conn import STREAM_ROWS
    from game.scorelog.queries import snapshot

    sys.path.insert(0, str(ROOT / "tests" / "scorelog"))
    from played import play

    with ScoreLog.open(pg_url) as log:
        for k in range(3):
            play(log, f"s{k}", "north/anna", [("apologise", 3.0), ("tell_truth", 4.0)])
        conn = log.conn
        with snapshot(conn):
            rows = conn.execute("SELECT seq, data FROM events ORDER BY seq")
            assert next(iter(rows))[0] == 1
            open_cursors = conn.execute("SELECT count(*) FROM pg_cursors "
                                        "WHERE NOT is_holdable").fetchone()[0]
            assert open_cursors == 1 and rows.itersize == STREAM_ROWS
            assert [r[0] for r in rows] == list(range(2, 13))
        # outside a snapshot (the game's own reads and writes): plain statements
        assert conn.execute("SELECT count(*) FROM pg_cursors").fetchone()[0] == 0
        assert len(conn.execute("SELECT seq FROM events ORDER BY seq").fetchall()) == 12
