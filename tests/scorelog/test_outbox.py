"""The outbox without a real LRS: retry with backoff, refusals kept, nothing lost."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_run import run_cli
from lrs import free_port
from played import play as played

from game.reports.outbox import WITHHELD, LrsConfig, counts, deliver, enqueue
from game.scorelog import ScoreLog


def play_whole(log, sid, trainee="anna"):
    """A whole session of the fixture scenario, through the runtime: 4 events, 5
    statements (initialized, answered x2, completed, passed)."""
    return played(log, sid, trainee, [("apologise", 3.0), ("tell_truth", 3.0)])


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
        play_whole(log, "s1")
        assert enqueue(log.conn) == 5  # initialized, answered x2, completed, passed
        fake_lrs["script"] = [503]
        first = deliver(log.conn, config)
        assert (first.sent, first.error) == (0, "LRS answered 503")
        attempts = log.conn.execute("SELECT DISTINCT attempts FROM outbox").fetchall()
        assert attempts == [(1,)]
        second = deliver(log.conn, config)
        assert second.sent == 5 and counts(log.conn) == {"pending": 0, "delivered": 5,
                                                         "rejected": 0}
        play_whole(log, "s2")
        assert enqueue(log.conn) == 5 and enqueue(log.conn) == 0
        assert deliver(log.conn, config).sent == 5
    assert len(fake_lrs["got"]) == len(set(fake_lrs["got"])) == 10


def test_a_refused_statement_is_kept_and_the_others_delivered(db, fake_lrs):
    config = LrsConfig(fake_lrs["url"], backoff_base=0.0)
    with ScoreLog.open(db) as log:
        play_whole(log, "s1")
        enqueue(log.conn)
        fake_lrs["script"] = [400, 200, 400, 200, 200, 200]  # the batch, then one by one
        result = deliver(log.conn, config)
        assert (result.sent, result.rejected) == (4, 1)
        refused = log.conn.execute("SELECT last_error FROM outbox WHERE rejected_at IS NOT "
                                   "NULL").fetchall()
        assert refused == [("LRS answered 400",)]


def test_send_with_the_lrs_down_keeps_everything_queued(db):
    with ScoreLog.open(db) as log:
        play_whole(log, "s1")
    down = f"http://127.0.0.1:{free_port()}/xAPI"  # nothing listens there
    proc = run_cli("send-xapi", "--db", str(db), "--url", down, "--wait", "0.5")
    assert proc.returncode == 1
    assert proc.stdout == "5 new statements queued; delivered 0, waiting 5, refused by the LRS 0\n"
    assert proc.stderr.startswith("error: 5 statements still waiting (LRS unreachable: ")
    assert proc.stderr.endswith("they stay queued, run send-xapi again later\n")


def test_send_without_an_lrs_configured_is_a_usage_error(db, monkeypatch):
    ScoreLog.open(db).close()
    monkeypatch.delenv("CRT_LRS_URL", raising=False)
    proc = run_cli("send-xapi", "--db", str(db))
    assert (proc.returncode, proc.stderr) == (
        2, "error: no LRS configured: pass --url or set CRT_LRS_URL (and CRT_LRS_USER, "
           "CRT_LRS_PASSWORD)\n")


def test_an_edited_outbox_statement_is_never_sent(db, fake_lrs):
    """(d) bruno's failed session (overall 0) edited in the outbox to 100 / success: the
    statement rebuilt from the log differs, so it is withheld; the others go out."""
    with ScoreLog.open(db) as log:
        played(log, "b1", "bruno", [("snap", 3.0), ("promise_today", 3.0)])
        assert enqueue(log.conn) == 5
        (sid, body), = log.conn.execute(
            "SELECT statement_id, body FROM outbox WHERE body LIKE '%/completed\"%'")
        statement = json.loads(body)
        assert statement["result"]["score"]["raw"] == 0.0
        statement["result"]["score"] = {"scaled": 1.0, "raw": 100.0, "min": 0, "max": 100}
        statement["result"]["success"] = True
        log.conn.execute("UPDATE outbox SET body = ? WHERE statement_id = ?",
                         (json.dumps(statement), sid))
    proc = run_cli("send-xapi", "--db", str(db), "--url", fake_lrs["url"], "--wait", "5")
    assert proc.returncode == 1
    assert proc.stderr == ("error: 1 queued statements differ from the score log's events and "
                           "were not sent (the outbox was edited)\n")
    assert len(fake_lrs["got"]) == 4 and sid not in fake_lrs["got"]
    with ScoreLog.open(db) as log:
        assert log.conn.execute("SELECT last_error FROM outbox WHERE statement_id = ?",
                                (sid,)).fetchone() == (WITHHELD,)


def test_send_refuses_a_tampered_log(db, fake_lrs):
    with ScoreLog.open(db) as log:
        play_whole(log, "s1")
    conn = __import__("sqlite3").connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET data = replace(data, '100.0', '99.0') WHERE seq = 4")
    conn.close()
    proc = run_cli("send-xapi", "--db", str(db), "--url", fake_lrs["url"], "--wait", "1")
    assert proc.returncode == 1 and "TAMPERED: event 4" in proc.stderr
    assert proc.stderr.endswith("; nothing was sent\n") and fake_lrs["got"] == []
