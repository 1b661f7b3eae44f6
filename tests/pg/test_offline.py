"""Offline first, against a real server that really stops: the game plays on, every event
waits in this PC's queue and reaches the server exactly once, in order, when it is back.

These tests stop and restart a server of their own (``outage``), never the shared one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "scorelog"))

from pgserver import Server, binaries
from played import library, own_scenario

from game.core.errors import UserError
from game.core.runtime import Session
from game.scorelog import ScoreLog, verify
from game.scorelog.pg.queue import OfflineLog, Outbox, queue_path

ROOT = Path(__file__).resolve().parents[2]
CALM = "offline: results will be sent when the connection is back"


@pytest.fixture(scope="module")
def outage():
    """A server of this module's own, stopped and started by its tests."""
    if binaries() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    server = Server.start()
    yield server
    server.close()


@pytest.fixture
def server(outage):
    """The outage server, running at the start and at the end of each test."""
    if not outage.running:
        outage.start_server()
    yield outage
    if not outage.running:
        outage.start_server()


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    """This PC's per-user data folder (where the queue lives), empty for each test."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def trainee_url(server: Server, name: str) -> str:
    """A new score log, and a trainee login for it (as an organisation sets them up)."""
    owner = server.create_database()
    ScoreLog.open(owner).close()
    database = owner.split("@/", 1)[1].split("?", 1)[0]
    server.sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD 'pw-1' IN ROLE crt_trainee")
    server.sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{name}"')
    return server.url(database, user=name, password="pw-1")


def session(trainee: str, picks: list[int]) -> Session:
    """A session really played by the runtime (fixture library: late_parcel, two
    decisions: SessionStarted, ChoiceMade x2, SessionEnded)."""
    lib = library()
    played = Session(lib.scenario("late_parcel"), lib.catalogue, lib.rules, seed=1,
                     mode="assessment", trainee=trainee, lang="en")
    for pick in picks:
        played.choose(pick, 2.0)
    return played


def on_server(server: Server, url: str) -> list[tuple]:
    """(seq, session, type, at, key) of every event, read by the log's owner."""
    database = url.split("@/", 1)[1].split("?", 1)[0]
    with ScoreLog.open(server.url(database)) as log:
        assert verify(log.conn).ok
        return log.conn.execute("SELECT seq, session_id, type, at, client_key FROM events "
                                "ORDER BY seq").fetchall()


def test_server_stopped_mid_session_every_event_arrives_once_in_order(server, data_home):
    url = trainee_url(server, "anna_outage")
    a, b, c = session("anna", [0, 1]), session("anna", [1, 1]), session("anna", [1, 0])
    log = ScoreLog.open(url, offline=True)
    ra, rb, rc = log.recorder("A"), log.recorder("B"), log.recorder("C")
    for event in a.events:  # session A wholly online
        assert ra.record(event) is not None
    assert rb.record(b.events[0]) is not None  # B starts online...
    server.stop_server()
    for event in b.events[1:3]:  # ... and goes on with the server gone
        assert rb.record(event) is None
    assert rb.offline and rb.pending == 2
    for event in c.events[:2]:  # C starts while it is gone
        assert rc.record(event) is None
    queued = sqlite3.connect(queue_path(url)).execute(
        "SELECT session_id, at FROM queue ORDER BY id").fetchall()
    assert [s for s, _ in queued] == ["B", "B", "C", "C"]
    server.start_server()
    # the next event delivers the four queued ones first, then itself
    assert rb.record(b.events[3]) is not None
    assert not rb.offline and rb.pending == 0
    for event in c.events[2:]:
        rc.record(event)
    log.close()
    rows = on_server(server, url)
    # 4 + 4 + 4 events, each once, gap-free, and in the order they were recorded
    assert [r[0] for r in rows] == list(range(1, 13))
    assert [(r[1], r[2]) for r in rows] == [
        ("A", "SessionStarted"), ("A", "ChoiceMade"), ("A", "ChoiceMade"), ("A", "SessionEnded"),
        ("B", "SessionStarted"), ("B", "ChoiceMade"), ("B", "ChoiceMade"),
        ("C", "SessionStarted"), ("C", "ChoiceMade"),
        ("B", "SessionEnded"), ("C", "ChoiceMade"), ("C", "SessionEnded")]
    # the runtime's own events, as it produced them, per session
    for sid, played in (("A", a), ("B", b), ("C", c)):
        assert [r[2] for r in rows if r[1] == sid] == [type(e).__name__ for e in played.events]
    # queued events keep the moment they happened, not the moment they were delivered
    assert [(r[1], r[3]) for r in rows[5:9]] == queued
    assert len({r[4] for r in rows}) == 12 and None not in {r[4] for r in rows}
    assert Outbox(url).waiting() == 0


def test_a_delivery_cut_after_the_servers_commit_is_not_written_twice(server, data_home):
    url = trainee_url(server, "ben_outage")
    played = session("ben", [0, 0])
    server.stop_server()
    log = ScoreLog.open(url, offline=True)
    assert isinstance(log, OfflineLog) and log.offline
    rec = log.recorder("S")
    for event in played.events:
        assert rec.record(event) is None
    log.close()
    server.start_server()
    # the server commits the queued events, and the PC dies before it lets go of them
    rows = sqlite3.connect(queue_path(url)).execute(
        "SELECT key, session_id, at, data FROM queue ORDER BY id").fetchall()
    with ScoreLog.open(url) as log:
        log.append_many([(s, json.loads(d), at) for _, s, at, d in rows],
                        keys=[k for k, _, _, _ in rows])
        outbox = Outbox(url)
        assert outbox.waiting() == 4
        assert outbox.deliver(log) == 4  # sent again after the restart...
        assert outbox.waiting() == 0
    events = on_server(server, url)
    assert [(r[0], r[2]) for r in events] == [  # ... and each is there once
        (1, "SessionStarted"), (2, "ChoiceMade"), (3, "ChoiceMade"), (4, "SessionEnded")]


def test_offline_at_start_up_knows_nothing_and_delivers_at_the_next_start(server,
                                                                          data_home):
    url = trainee_url(server, "cleo_outage")
    with ScoreLog.open(url) as log:  # an earlier, finished session on the server
        rec = log.recorder("old")
        for event in session("cleo", [0, 1]).events:
            rec.record(event)
        assert log.best_and_last("cleo", "late_parcel").sessions == 1
    server.stop_server()
    log = ScoreLog.open(url, offline=True)
    assert isinstance(log, OfflineLog)
    found = log.best_and_last("cleo", "late_parcel")
    assert (found.sessions, found.best, found.last) == (0, None, None)
    assert log.resume_candidates("cleo") == ()
    rec = log.recorder("new")
    for event in session("cleo", [1, 1]).events:
        rec.record(event)
    log.close()
    assert Outbox(url).waiting() == 4
    server.start_server()
    with ScoreLog.open(url, offline=True) as log:  # the game's next start sends them
        assert not isinstance(log, OfflineLog)
        assert Outbox(url).waiting() == 0
        assert log.best_and_last("cleo", "late_parcel").sessions == 2
    assert [r[1] for r in on_server(server, url)] == ["old"] * 4 + ["new"] * 4


def run(*args: str, env: dict, answers: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, input=answers,
                          capture_output=True, text=True, timeout=120, env=env)


def played_locally(play: tuple, tmp_path, env: dict, answers: str) -> list[str]:
    """The same play into a local file: the event types the runtime records for these
    answers, in order (what the server must hold once the queue is delivered)."""
    local = run(*play, "--db", str(tmp_path / "local.sqlite3"), env=env, answers=answers)
    assert local.returncode == 0, local.stderr
    with ScoreLog.open(tmp_path / "local.sqlite3", create=False) as log:
        return [t for (t,) in log.conn.execute("SELECT type FROM events ORDER BY seq")]


def test_play_text_against_a_stopped_server_is_calm_and_sync_delivers(server, tmp_path):
    url = trainee_url(server, "dora_outage")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "CRT_DB": url}
    env.pop("CRT_TRACEBACK", None)
    play = ("play", "phone_complaint", "--text", "--trainee", "dora", "--seed", "7",
            "--timing", "off")
    answers = "1\n" * 12
    expected = played_locally(play, tmp_path, env, answers)
    assert expected[0] == "SessionStarted" and expected[-1] == "SessionEnded"

    server.stop_server()
    offline = run(*play, env=env, answers=answers)
    assert offline.returncode == 0
    assert offline.stdout.count(CALM) == 1  # one calm line, said when it went
    assert "Scores recorded" not in offline.stdout
    assert offline.stderr == ""
    waiting = run("sync", env=env)  # still down: says what waits, exit 69
    assert waiting.returncode == 69
    assert f"0 events; {len(expected)} still waiting on this PC" in waiting.stdout
    assert "cannot be reached" in waiting.stderr
    assert len(waiting.stderr.strip().splitlines()) == 1 and "pw-1" not in waiting.stderr

    server.start_server()
    sent = run("sync", env=env)
    assert sent.returncode == 0, sent.stderr
    assert f"delivered {len(expected)} events of 1 sessions; nothing waiting" in sent.stdout
    assert [r[2] for r in on_server(server, url)] == expected
    again = run("sync", env=env)  # nothing left: nothing sent twice
    assert again.returncode == 0 and "nothing waiting on this PC" in again.stdout
    assert len(on_server(server, url)) == len(expected)


def test_events_the_server_refuses_wait_in_order_until_the_owner_fixes_it(server,
                                                                         data_home):
    from game.cli import main

    url = trainee_url(server, "emil_outage")
    played = session("emil", [0, 1])
    log = ScoreLog.open(url, offline=True)
    rec = log.recorder("S")
    rec.record(played.events[0])
    server.sql('REVOKE crt_trainee FROM "emil_outage"')  # the owner takes the role away
    for event in played.events[1:3]:
        with pytest.raises(UserError, match="has no role in this score log any more"):
            rec.record(event)
    assert rec.pending == 2 and not rec.offline  # kept on this PC, in order; not "offline"
    log.close()
    assert main(["sync", "--db", url]) == 1  # still refused: said, and kept
    assert Outbox(url).waiting() == 2
    server.sql('GRANT crt_trainee TO "emil_outage"')
    assert main(["sync", "--db", url]) == 0
    with ScoreLog.open(url) as log:
        rec = log.recorder("S")
        rec.record(played.events[3])
    assert [r[2] for r in on_server(server, url)] == [type(e).__name__ for e in played.events]


def test_a_campaign_in_the_terminal_plays_on_offline_and_sync_delivers(server, tmp_path):
    url = trainee_url(server, "fred_outage")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "CRT_DB": url}
    env.pop("CRT_TRACEBACK", None)
    tiny = Path(__file__).parents[1] / "campaign" / "fixtures" / "campaigns" / "tiny.yaml"
    play = ("play", str(tiny), "--text", "--trainee", "fred", "--seed", "5")
    answers = "1\n" * 20
    expected = played_locally(play, tmp_path, env, answers)
    assert expected[0] == "CampaignStarted" and expected[-1] == "CampaignEnded"
    server.stop_server()
    offline = run(*play, env=env, answers=answers)
    assert (offline.returncode, offline.stderr) == (0, "")
    assert offline.stdout.count(CALM) == 1 and "Scores recorded" not in offline.stdout
    server.start_server()
    assert run("sync", env=env).returncode == 0
    assert [r[2] for r in on_server(server, url)] == expected


def test_the_game_window_records_offline_and_says_so_until_it_is_back(server, data_home,
                                                                      monkeypatch):
    from game.ui.recording import Records

    url = trainee_url(server, "gina_outage")
    monkeypatch.setenv("CRT_DB", url)
    played = session("gina", [0, 1])
    server.stop_server()
    records = Records()
    key = records.new_session()
    assert records.record(key, played.events[:2]) == ""  # the writer thread queues them
    records.flush()
    assert records.offline and records.error == ""
    assert records.best_and_last("gina", "late_parcel") == (None, None)  # nothing known
    server.start_server()
    records.record(key, played.events[2:])
    records.flush()
    assert not records.offline  # the line goes away
    # snap (-2 of -2..+2: 0 of 4), then tell_truth (+3 of -2..+3: 5 of 5): 100 x 5 / 9
    assert records.best_and_last("gina", "late_parcel") == (pytest.approx(500 / 9),) * 2
    assert [r[2] for r in on_server(server, url)] == [type(e).__name__ for e in played.events]


def test_two_deliveries_at_once_send_each_event_once_in_order(server, data_home):
    url = trainee_url(server, "hugo_outage")
    server.stop_server()
    log = ScoreLog.open(url, offline=True)
    for n in range(10):  # 10 sessions x 4 events, all queued
        rec = log.recorder(f"S{n}")
        for event in session("hugo", [n % 2, 1]).events:
            rec.record(event)
    log.close()
    assert Outbox(url).waiting() == 40
    server.start_server()
    # a trainer's sync and the game's start-up delivering the same queue together
    env = {**os.environ, "CRT_DB": url}
    procs = [subprocess.Popen([sys.executable, "main.py", "sync"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    rows = on_server(server, url)
    assert [r[0] for r in rows] == list(range(1, 41))
    assert [r[1] for r in rows] == [f"S{n}" for n in range(10) for _ in range(4)]
    assert Outbox(url).waiting() == 0


def test_a_dead_network_costs_one_connection_timeout_not_one_per_event(data_home):
    import socket
    import time

    from game.scorelog.pg.conn import CONNECT_TIMEOUT_S

    # a host that takes the connection and never answers, as a dropped network does
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"postgresql://ivan:pw@127.0.0.1:{silent.getsockname()[1]}/crt"
        started = time.monotonic()
        log = ScoreLog.open(url, offline=True)
        assert isinstance(log, OfflineLog)
        assert time.monotonic() - started >= CONNECT_TIMEOUT_S  # it did wait, once
        rec = log.recorder("S")
        started = time.monotonic()
        for event in session("ivan", [0, 1]).events:
            assert rec.record(event) is None
        # four events with no new attempt: a second attempt alone would take 5 s
        assert time.monotonic() - started < CONNECT_TIMEOUT_S
        assert rec.pending == 4
        log.close()


def test_the_game_window_shows_the_calm_line_while_offline(server, data_home, tmp_path,
                                                           monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.setenv("CRT_SETTINGS", str(tmp_path / "settings.json"))
    import pygame

    from game.cli import main
    from game.ui import app as app_module

    opened = {}
    monkeypatch.setattr(app_module, "display_available", lambda: True)
    monkeypatch.setattr(app_module.App, "run", lambda self: opened.setdefault("app", self))
    url = trainee_url(server, "jana_outage")
    monkeypatch.setenv("CRT_DB", url)  # the window's start sets it: restored after the test
    server.stop_server()
    try:
        assert main(["play", "phone_complaint", "--trainee", "jana", "--seed", "5",
                     "--timing", "off", "--db", url]) == 0
        app = opened["app"]
        screen, toast = app.screen, app.toast_widget
        app.records.flush()  # the session's start went to this PC's queue
        screen.answer(0)
        assert toast.text == CALM and toast.left > 0
        server.start_server()
        app.records.flush()
        screen.answer(0)  # this answer's write gets through (and sends the queue)...
        app.records.flush()
        toast.left = 0
        screen.answer(0)  # ... so the next one shows no line
        app.records.flush()
        assert toast.left == 0 and not app.records.offline
        types = [r[2] for r in on_server(server, url)]
        assert types == ["SessionStarted"] + ["ChoiceMade"] * (len(types) - 1)
        assert len(types) == 4
    finally:
        pygame.display.quit()


def test_a_terminal_session_refused_mid_way_says_its_events_wait_for_sync(server,
                                                                         data_home):
    from io import StringIO

    from game.core.i18n import Translator
    from game.terminal.record import LogRecorder
    from game.terminal.screen import make_screen

    url = trainee_url(server, "kai_outage")
    t, out = Translator("terminal", "en"), StringIO()
    recorder = LogRecorder(ScoreLog.open(url, offline=True), make_screen(out, t, echo=False), t)
    played = session("kai", [])
    recorder.sync(played)  # SessionStarted gets through
    server.sql('REVOKE crt_trainee FROM "kai_outage"')
    played.choose(0, 2.0)
    played.choose(0, 2.0)
    recorder.sync(played)  # ChoiceMade x2 and SessionEnded are refused: kept, in order
    with pytest.raises(UserError, match=r"^3 events of this session wait on this PC, refused "
                                        r"by the server: .* has no role .*`python main.py "
                                        r"sync` sends them once that is fixed$"):
        recorder.close()
    assert out.getvalue().count("Scores not recorded") == 1
    assert Outbox(url).waiting("S") == 0 and Outbox(url).waiting() == 3


def test_sync_of_a_local_file_has_nothing_to_send(tmp_path, capsys):
    from game.cli import main

    assert main(["sync", "--db", str(tmp_path / "log.sqlite3")]) == 0
    assert capsys.readouterr().out == (
        f"nothing to send: the score log {tmp_path / 'log.sqlite3'} is a file on this PC "
        "(sync is for a central log: --db postgresql://... or CRT_DB)\n")
    assert not (tmp_path / "log.sqlite3").exists()  # and nothing was created


def test_a_trainers_own_scenario_played_offline_keeps_its_content_for_replay(server,
                                                                            tmp_path):
    """A scenario file of the trainer's own, played while the server is down, its file
    gone by the time the PC syncs: the log still keeps the content the trainee played,
    so verify-log --replay re-scores the session instead of skipping it."""
    url = trainee_url(server, "gus_outage")
    owner = server.url(url.split("@/", 1)[1].split("?", 1)[0])
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "CRT_DB": url}
    env.pop("CRT_TRACEBACK", None)
    content = own_scenario(tmp_path / "own", "line_stopped")
    own = tmp_path / "own" / "line_stopped.yaml"
    server.stop_server()
    offline = run("play", str(own), "--text", "--trainee", "gus", "--seed", "7", "--timing",
                  "off", env=env, answers="1\n" * 12)
    assert offline.returncode == 0 and offline.stdout.count(CALM) == 1, offline.stderr
    own.unlink()  # the trainer moved the file on before the PC was back online
    server.start_server()
    sent = run("sync", env=env)
    assert sent.returncode == 0 and "of 1 sessions; nothing waiting" in sent.stdout, sent.stderr
    with ScoreLog.open(owner) as log:
        kept = log.conn.execute("SELECT content FROM scenario_content").fetchall()
    assert [bytes(row[0]) for row in kept] == [content]
    check = run("verify-log", "--db", owner, "--replay", env={**env, "CRT_DB": owner})
    assert check.returncode == 0, check.stderr
    assert ", 1 sessions re-scored as recorded, receipt" in check.stdout  # none skipped
    with sqlite3.connect(next((tmp_path / "data").rglob("queue-*.sqlite3"))) as queue:
        assert queue.execute("SELECT count(*) FROM content").fetchone()[0] == 0  # let go


def test_the_pickers_scores_on_a_dead_network_cost_one_connection_timeout(data_home,
                                                                         monkeypatch):
    """The scenario picker asks the log for each card's best and last score. On a network
    that takes connections and never answers, the window waits for the server once, then
    shows the cards: it used to wait again for every card (13 cards, over a minute)."""
    import socket
    import time

    from game.scorelog.pg.conn import CONNECT_TIMEOUT_S
    from game.ui.recording import Records

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        monkeypatch.setenv("CRT_DB", f"postgresql://ivan:pw@127.0.0.1:"
                                     f"{silent.getsockname()[1]}/crt")
        records = Records()
        started = time.monotonic()
        scores = [records.best_and_last("ivan", f"scenario_{k}") for k in range(4)]
        waited = time.monotonic() - started
    assert scores == [(None, None)] * 4  # nothing known while offline
    assert CONNECT_TIMEOUT_S <= waited < 2 * CONNECT_TIMEOUT_S


def test_an_offline_read_whose_login_is_refused_when_back_answers_nothing_known(server,
                                                                               data_home):
    """Back online, the server refuses the login (its role was taken away meanwhile): a
    read answers "nothing known" as it did offline, instead of stopping the front end; the
    next write says why (and keeps the event for sync)."""
    url = trainee_url(server, "kira_outage")
    server.stop_server()
    log = ScoreLog.open(url, offline=True)
    assert isinstance(log, OfflineLog)
    server.start_server()
    server.sql('REVOKE crt_trainee FROM "kira_outage"')
    found = log.best_and_last("kira", "late_parcel")
    assert (found.best, found.last) == (None, None) and log.resume_candidates("kira") == ()
    rec = log.recorder("S")
    with pytest.raises(UserError, match="has no role in this score log"):
        rec.record(session("kira", [0]).events[0])
    assert rec.pending == 1
    log.close()
