"""The outbox without a real LRS: retry with backoff, refusals kept, nothing lost."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_run import run_cli
from lrs import free_port

from game.reports.outbox import LrsConfig, counts, deliver, enqueue
from game.scorelog import ScoreLog


def play(log, sid):
    rec = log.recorder(sid)
    rec.record({"type": "SessionStarted", "trainee": "anna", "scenario_id": "demo"})
    rec.record({"type": "ChoiceMade", "node": "a", "choice": "x", "response_time": 2.0})
    rec.record({"type": "SessionEnded", "overall": 70.0, "passed": True})


@pytest.fixture
def fake_lrs():
    """Answers with the statuses queued in ``script`` (then 200), keeping what it got."""
    state = {"script": [], "got": []}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            status = state["script"].pop(0) if state["script"] else 200
            if status == 200:
                state["got"].extend(s["id"] for s in body)
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}/xAPI"
    yield state
    server.shutdown()


def test_a_failing_lrs_is_retried_later_and_nothing_is_lost(db, fake_lrs):
    config = LrsConfig(fake_lrs["url"], backoff_base=0.0)
    with ScoreLog.open(db) as log:
        play(log, "s1")
        assert enqueue(log.conn) == 4  # initialized, answered, completed, passed
        fake_lrs["script"] = [503]
        first = deliver(log.conn, config)
        assert (first.sent, first.error) == (0, "LRS answered 503")
        attempts = log.conn.execute("SELECT DISTINCT attempts FROM outbox").fetchall()
        assert attempts == [(1,)]
        second = deliver(log.conn, config)
        assert second.sent == 4 and counts(log.conn) == {"pending": 0, "delivered": 4,
                                                         "rejected": 0}
        play(log, "s2")
        assert enqueue(log.conn) == 4 and enqueue(log.conn) == 0
        assert deliver(log.conn, config).sent == 4
    assert len(fake_lrs["got"]) == len(set(fake_lrs["got"])) == 8


def test_a_refused_statement_is_kept_and_the_others_delivered(db, fake_lrs):
    config = LrsConfig(fake_lrs["url"], backoff_base=0.0)
    with ScoreLog.open(db) as log:
        play(log, "s1")
        enqueue(log.conn)
        fake_lrs["script"] = [400, 200, 400, 200, 200]  # the batch, then one by one
        result = deliver(log.conn, config)
        assert (result.sent, result.rejected) == (3, 1)
        refused = log.conn.execute("SELECT last_error FROM outbox WHERE rejected_at IS NOT "
                                   "NULL").fetchall()
        assert refused == [("LRS answered 400",)]


def test_send_with_the_lrs_down_keeps_everything_queued(db):
    with ScoreLog.open(db) as log:
        play(log, "s1")
    down = f"http://127.0.0.1:{free_port()}/xAPI"  # nothing listens there
    proc = run_cli("send-xapi", "--db", str(db), "--url", down, "--wait", "0.5")
    assert proc.returncode == 1
    assert proc.stdout == "4 new statements queued; delivered 0, waiting 4, refused by the LRS 0\n"
    assert proc.stderr.startswith("error: 4 statements still waiting (LRS unreachable: ")
    assert proc.stderr.endswith("they stay queued, run send-xapi again later\n")


def test_send_without_an_lrs_configured_is_a_usage_error(db, monkeypatch):
    ScoreLog.open(db).close()
    monkeypatch.delenv("CRT_LRS_URL", raising=False)
    proc = run_cli("send-xapi", "--db", str(db))
    assert (proc.returncode, proc.stderr) == (
        2, "error: no LRS configured: pass --url or set CRT_LRS_URL (and CRT_LRS_USER, "
           "CRT_LRS_PASSWORD)\n")
