"""A merit of -0.0 is what a persona weight (or rule factor) of 0 makes of evidence against
a trait: 2 x -1 x 0.0. SQLite gives a stored -0.0 back as 0.0; the log must still verify.
(It did not: the evidence was hashed as "-0.0" and read back as "0.0", so verify-log called
an untouched log edited.)"""

from game.scorelog import ScoreLog, chain, verify

START = {"type": "SessionStarted", "trainee": "north/anna", "scenario": "late_parcel"}


def choice(merit: float) -> dict:
    return {"type": "ChoiceMade", "node": "n1", "choice": "c1", "response_time": 3.0,
            "evidence": [{"trait": "courtesy", "merit": merit}],
            "points": [{"rule": "r", "trait": "honesty", "merit": -0.0}], "rules": []}


def test_a_log_holding_a_negative_zero_merit_verifies(tmp_path):
    with ScoreLog.open(tmp_path / "log.sqlite3") as log:
        log.append_many([("s1", START, "2026-11-02T09:00:00.000000Z"),
                         ("s1", choice(-0.0), "2026-11-02T09:00:01.000000Z")])
        rec = log.recorder("s2")  # and one event at a time, as the game records
        rec.record(dict(START))
        rec.record(choice(-0.0))
        rec.record({"type": "SessionEnded", "overall": 0.0, "passed": False,
                    "traits": {"courtesy": -0.0}})
        assert verify(log.conn).ok
        stored = log.conn.execute("SELECT merit FROM evidence ORDER BY rowid").fetchall()
    assert stored == [(0.0,), (0.0,), (0.0,), (0.0,)]


def test_negative_zero_pairs_are_spelled_as_zero():
    assert chain.pairs_text(chain.evidence_items(choice(-0.0))) == \
        '["courtesy",0.0],["honesty",0.0]'
    assert chain.trait_scores({"traits": {"courtesy": -0.0}}) == [("courtesy", 0.0)]
    assert repr(chain.trait_scores({"traits": {"courtesy": -0.0}})[0][1]) == "0.0"
