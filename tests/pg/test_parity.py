"""The same sessions in a SQLite file and on the PostgreSQL server give the same bytes.

Both logs are filled by the real runtime with the same session ids and times: the
hand-checked fixture sessions (tests/scorelog/played.py: a slow answer, a timeout, an
override and a sign-off, an abandoned and a never-ended session), seeded sessions of
the shipped library by the demo Player, and a campaign run. On the server the review
is made by the manager's login ``Maria Rossi`` (there the reviewer is the login), so
every event is the same bytes at the same place in both chains and the hashes, hence
the receipts and the xAPI statement ids, are equal. Then every report view in every
format, with each filter, in Italian, each kind of session replay, ``verify-log``
(with ``--expect`` and ``--replay``), ``export-xapi`` and ``send-xapi`` run through the
CLI against both; only the log's name in a line may differ.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "scorelog"))

from played import FIXTURES, play

from game.cli import main
from game.scorelog import ScoreLog

CAMPAIGN = Path(__file__).parents[1] / "campaign" / "fixtures" / "campaigns" / "tiny.yaml"
REVIEWER = "Maria Rossi"
GENERATED = "2026-12-01T12:00:00Z"


class Clock:
    """The times the store gives events recorded without one (reviews): the same
    sequence for both logs."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        moment = datetime(2026, 11, 20, 17, 0, tzinfo=UTC) + timedelta(seconds=self.n)
        return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def fixture_sessions(log: ScoreLog) -> None:
    """tests/reports/known_log.py's sessions, plus an abandoned one (see there)."""
    play(log, "a1", "north/anna", [("snap", 3.0), ("tell_truth", 4.0)], day=2)
    play(log, "a2", "north/anna", [("apologise", 3.0), ("tell_truth", 4.0)], day=4)
    play(log, "a3", "north/anna", [("apologise", 15.0), ("tell_truth", 4.0)], day=10)


def fixture_sessions_after_review(log: ScoreLog) -> None:
    play(log, "a4", "north/anna", [(None, 20.0), ("tell_truth", 4.0)], day=11)
    play(log, "b1", "south/bruno", [("snap", 2.0), ("promise_today", 2.0)], day=3)
    play(log, "b2", "south/bruno", [("apologise", 5.0)], day=12)
    play(log, "c1", "east/ugo", [("apologise", 4.0)], day=13, abandon=True, lang="it")


def demo_sessions(log: ScoreLog) -> int:
    """Seeded sessions of the shipped scenarios played by the demo's simulated trainees,
    one event per transaction as the game writes them; returns how many events."""
    import random

    from game.core.loader import Library
    from game.reports.demo import Player, trainees

    library = Library()
    player = Player(library, seed=7)
    people = trainees(6, random.Random(7))
    count = 0
    for n in range(4):
        for person in people:
            start = datetime(2026, 11, 2 + 3 * n, 8, tzinfo=UTC) + timedelta(minutes=37 * n)
            session_id = f"demo-{person.id.replace('/', '-')}-{n}"
            for event, moment in player.play(person, n, start):
                log.append(session_id, event,
                           moment.isoformat(timespec="microseconds").replace("+00:00", "Z"))
                count += 1
    return count


def campaign_run(log: ScoreLog) -> None:
    """The tiny fixture campaign, both episodes, recorded as `play CAMPAIGN` records it:
    the run's events under the run id, each episode as an ordinary session."""
    from game.core.campaign import CampaignSession, load_campaign, load_episodes
    from game.core.loader import load_catalogue

    campaign = load_campaign(CAMPAIGN)
    catalogue = load_catalogue()
    episodes = load_episodes(campaign, catalogue)  # kept in the log, as `play` does;
    # verify-log --replay says the episodes are not replayed (a replay of an episode on
    # its own would miss the trust its campaign carried into it)
    run = CampaignSession(campaign, episodes, catalogue, (), seed=11, run="run1",
                          trainee="west/dario")
    moment = datetime(2026, 11, 16, 14, tzinfo=UTC)
    written = 0

    def record(session_id: str, events: tuple) -> int:
        nonlocal moment
        for event in events:
            moment += timedelta(seconds=41)
            log.append(session_id, event,
                       moment.isoformat(timespec="microseconds").replace("+00:00", "Z"))
        return len(events)

    for answers in (["offer_report"], ["greet", "forgot"]):
        session = run.start_episode()
        written += record("run1", run.events[written:])
        done = 0
        for choice_id in answers:
            view = session.view()
            session.choose([c.id for c in view.choices].index(choice_id), 3.0)
            done += record(run.session_id, tuple(session.events)[done:])
        run.finish_episode()
        record(run.session_id, tuple(session.events)[done:])
    record("run1", run.events[written:])


def fill(target: str, reviewer: str, monkeypatch) -> int:
    """Every kind of session into one log; reviews through ``reviewer``'s connection."""
    from game.reports.review import override_score, sign_off
    from game.scorelog import store

    monkeypatch.setattr(store, "now_iso", Clock())
    with ScoreLog.open(target) as log:
        fixture_sessions(log)
    with ScoreLog.open(reviewer) as log:
        override_score(log, "a3", 90.0, "line dropped", REVIEWER, library=FIXTURES)
        sign_off(log, "a3", REVIEWER, "discussed in the 1:1")
    with ScoreLog.open(target) as log:
        fixture_sessions_after_review(log)
        events = demo_sessions(log)
        campaign_run(log)
    with ScoreLog.open(reviewer) as log:  # a demo session re-scored, after nobody signed
        override_score(log, "demo-north-anna-1", 61.5, "the call dropped twice", REVIEWER)
    return events


@pytest.fixture(scope="module")
def logs(pg_server, tmp_path_factory):
    """(SQLite file, the server's URL as the reviewing manager): the same sessions."""
    monkeypatch = pytest.MonkeyPatch()
    folder = tmp_path_factory.mktemp("parity")
    sqlite_db = str(folder / "log.sqlite3")
    url = pg_server.create_database()
    ScoreLog.open(url).close()  # set up by its owner
    database = url.split("@/", 1)[1].split("?", 1)[0]
    pg_server.sql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                  f"'{REVIEWER}') THEN CREATE ROLE \"{REVIEWER}\" LOGIN PASSWORD 'pw-m' "
                  f"IN ROLE crt_manager; END IF; END $$")
    pg_server.sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{REVIEWER}"')
    manager = pg_server.url(database, user=REVIEWER.replace(" ", "%20"), password="pw-m")
    try:
        demo_a = fill(sqlite_db, sqlite_db, monkeypatch)
        demo_b = fill(url, manager, monkeypatch)
        assert demo_a == demo_b > 150
        # reports are read by the manager on the server, as a manager would
        monkeypatch.setattr("game.reports.build._now", lambda: GENERATED)
        yield sqlite_db, manager, url
    finally:
        monkeypatch.undo()


def cli(*argv: str) -> tuple[int, str, str]:
    """A command as a user runs it (in this process, for speed): (exit code, out, err)."""
    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)  # a command puts its options into the environment
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, out.getvalue(), err.getvalue()


def both(logs, *argv: str, out: Path | None = None) -> tuple[tuple, tuple]:
    """The command against each log, with the log's name in its lines made one."""
    results = []
    for db, name in ((logs[0], "SQLITE"), (logs[1], "SERVER")):
        args = [a.replace("{db}", db) for a in argv]
        code, stdout, stderr = cli(*args, *(("--out", str(out) + name) if out else ()))
        body = Path(str(out) + name).read_bytes() if out else b""
        shown = db if name == "SQLITE" else _shown(db)
        results.append((code, stdout.replace(str(shown), "LOG").replace(str(out) + name, "OUT"),
                        stderr.replace(str(shown), "LOG"), body))
    return results[0], results[1]


def same(server_side: tuple, sqlite_side: tuple, what: object) -> None:
    """Equal, or a failure that shows the first lines that differ."""
    if server_side == sqlite_side:
        return
    import difflib

    parts = []
    for label, a, b in zip(("code", "out", "err", "file"), sqlite_side, server_side,
                           strict=True):
        if a != b:
            a, b = (x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x)
                    for x in (a, b))
            parts.append(label + ":\n" + "".join(list(difflib.unified_diff(
                a.splitlines(True), b.splitlines(True), "sqlite", "server", n=0))[:12]))
    pytest.fail(f"{what}: the server's output differs\n" + "\n".join(parts))


def _shown(url: str) -> str:
    from game.scorelog.pg import shown

    return shown(url)


VIEWS = ("all", "summary", "review", "trainees", "traits", "scenarios", "team", "campaigns")
FORMATS = ("table", "csv", "json", "html")


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_in_every_format_is_the_same_bytes(logs, view, tmp_path):
    for fmt in FORMATS:
        sqlite_side, server_side = both(logs, "report", "--db", "{db}", "--view", view,
                                        "--format", fmt, out=tmp_path / f"{view}.{fmt}")
        assert sqlite_side[0] == 0, sqlite_side[2]
        same(server_side, sqlite_side, (view, fmt))
        assert len(sqlite_side[3]) > 150  # a real report, not an empty page
    # and in a terminal (stdout, no --out), as a manager reads the default report
    sqlite_side, server_side = both(logs, "report", "--db", "{db}", "--view", view)
    assert server_side == sqlite_side and sqlite_side[0] == 0


FILTERS = (("--team", "north"), ("--team", "east"), ("--since", "2026-11-04"),
           ("--until", "2026-11-10"), ("--since", "2026-11-05", "--until", "2026-11-12"),
           ("--scenario", "late_parcel"), ("--trainee", "north/anna"),
           ("--trainee", "south/bruno", "--since", "2026-11-03"), ("--lang", "it"),
           ("--lang", "pl", "--team", "west"), ("--scenarios", str(FIXTURES)))


@pytest.mark.parametrize("options", FILTERS, ids=lambda o: " ".join(o).replace(str(FIXTURES),
                                                                                "FIXTURES"))
def test_filters_and_languages_give_the_same_bytes(logs, options, tmp_path):
    for view in ("all", "review", "traits", "scenarios", "team", "trainees", "campaigns"):
        for fmt in ("json", "csv"):
            sqlite_side, server_side = both(logs, "report", "--db", "{db}", *options,
                                            "--view", view, "--format", fmt,
                                            out=tmp_path / f"{view}.{fmt}")
            assert sqlite_side[0] == 0, sqlite_side[2]
            same(server_side, sqlite_side, (options, view, fmt))
    sqlite_side, server_side = both(logs, "report", "--db", "{db}", *options, "--format",
                                    "html", out=tmp_path / "all.html")
    assert server_side == sqlite_side


def test_filtered_views_are_not_empty(logs, tmp_path):
    """The filters above select something on both sides (a parity of empty pages proves
    nothing): anna's summary row, the east team's abandoned session."""
    code, out, _ = cli("report", "--db", logs[1], "--team", "east", "--view", "trainees",
                       "--format", "csv")
    assert code == 0 and "east/ugo,1,0,0,1," in out  # one started, none ended: abandoned
    code, out, _ = cli("report", "--db", logs[1], "--view", "review", "--format", "json")
    rows = next(s for s in json.loads(out)["sections"] if s["key"] == "overrides")["rows"]
    assert [(r["session"], r["by"]) for r in rows] == [("a3", REVIEWER),
                                                       ("demo-north-anna-1", REVIEWER)]


SESSIONS = ("a1", "a3", "a4", "b2", "c1", "demo-south-bruno-2", "demo-north-anna-1",
            "run1.1", "run1.2")


@pytest.mark.parametrize("session", SESSIONS)
def test_each_session_replays_the_same(logs, session, tmp_path):
    """Overridden and signed off (a3), a timeout (a4), never ended (b2), abandoned (c1),
    demo sessions, the campaign's episodes: in English and Italian, every format."""
    for options in ((), ("--lang", "it"), ("--scenarios", str(FIXTURES))):
        for fmt in FORMATS:
            sqlite_side, server_side = both(logs, "report", "--db", "{db}", "--session",
                                            session, *options, "--format", fmt,
                                            out=tmp_path / f"s.{fmt}")
            assert sqlite_side[0] == 0, sqlite_side[2]
            same(server_side, sqlite_side, (session, options, fmt))


def test_a_session_not_in_the_log_is_one_line_on_both(logs):
    sqlite_side, server_side = both(logs, "report", "--db", "{db}", "--session", "nope")
    assert sqlite_side[0] == server_side[0] == 1
    assert server_side[2] == sqlite_side[2] == "error: no session 'nope' in the score log\n"


def test_the_chains_are_the_same_bytes_and_give_the_same_receipt(logs):
    sqlite_side, server_side = both(logs, "verify-log", "--db", "{db}")
    assert sqlite_side[0] == 0 and server_side == sqlite_side
    receipt = re.search(r"receipt (\d+:[0-9a-f]{64})$", sqlite_side[1].strip()).group(1)
    heads = []
    for db in logs[0], logs[2]:
        with ScoreLog.open(db) as log:
            heads.append(log.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC "
                                          "LIMIT 1").fetchone())
            rows = log.conn.execute("SELECT seq, session_id, at, type, data, hash FROM "
                                    "events ORDER BY seq").fetchall()
            heads.append(rows)
    assert f"{heads[0][0]}:{heads[0][1]}" == receipt == f"{heads[2][0]}:{heads[2][1]}"
    assert heads[1] == heads[3]  # row for row: same events, same hashes
    # the receipt is extended by both; --replay re-scores every session alike
    sqlite_side, server_side = both(logs, "verify-log", "--db", "{db}", "--expect", receipt,
                                    "--replay")
    assert server_side == sqlite_side
    assert sqlite_side[0] == 0, sqlite_side[2]
    assert re.search(r"ok, \d+ events, 31 sessions re-scored as recorded \(2 campaign "
                     r"episodes not replayed on their own\), receipt", sqlite_side[1])
    # an older receipt that the log no longer extends fails alike on both
    wrong = receipt.split(":")[0] + ":" + "0" * 64
    sqlite_side, server_side = both(logs, "verify-log", "--db", "{db}", "--expect", wrong)
    assert sqlite_side[0] == 1 and server_side == sqlite_side


def test_the_xapi_export_is_the_same_bytes(logs, tmp_path):
    sqlite_side, server_side = both(logs, "export-xapi", "--db", "{db}",
                                    out=tmp_path / "statements.json")
    assert sqlite_side[0] == 0 and server_side == sqlite_side
    statements = json.loads(sqlite_side[3])
    verbs = {s["verb"]["display"]["en-US"] for s in statements}
    assert {"initialized", "answered", "completed", "passed", "failed", "terminated",
            "scored", "approved"} <= verbs
    # the campaign's episodes are grouped under it on both sides alike
    assert any("/xapi/campaigns/tiny" in json.dumps(s["context"]) for s in statements)


@pytest.fixture
def fake_lrs():
    """Stores what it is sent, in order."""
    got: list = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            got.extend(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/xAPI", got
    server.shutdown()


def test_send_xapi_delivers_the_same_statements_in_the_same_order(logs, fake_lrs, tmp_path):
    url, got = fake_lrs
    sent = []
    for db in logs[0], logs[1]:
        got.clear()
        code, out, err = cli("send-xapi", "--db", db, "--url", url, "--wait", "5")
        assert code == 0, err
        sent.append((out, list(got)))
    assert sent[0] == sent[1]
    assert len(sent[0][1]) > 200
    # sending again adds nothing on either side
    for db in logs[0], logs[1]:
        got.clear()
        code, out, _ = cli("send-xapi", "--db", db, "--url", url, "--wait", "5")
        assert code == 0 and out.startswith("0 new statements queued") and got == []
