"""The hash chain and the columns derived from each event, checked against values
worked out by hand (these kill the mutants mutmut left alive in game/scorelog/chain.py).

The chain's bytes are a contract: an auditor re-computes them without our code, so the
expected hashes below are of strings spelled out here, not produced by chain.py.
"""

from __future__ import annotations

import hashlib

import pytest

from game.scorelog.chain import (
    GENESIS,
    canonical,
    columns,
    evidence_items,
    first,
    row_hash,
    trait_scores,
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_genesis_is_64_zeros():
    assert GENESIS == "0000000000000000000000000000000000000000000000000000000000000000"


def test_row_hash_is_the_documented_bytes():
    data = '{"type":"SessionStarted"}'
    expected = sha("0" * 64 + '{"at":"2026-11-01T10:00:00Z","seq":1,"session":"s1"}' + data)
    assert row_hash(GENESIS, 1, "2026-11-01T10:00:00Z", "s1", data) == expected
    # text is JSON-escaped but not ASCII-escaped (as canonical() spells it); seq is an int
    odd = sha("ab" + '{"at":"t\\"1","seq":12,"session":"Żółw"}' + "{}")
    assert row_hash("ab", 12, 't"1', "Żółw", "{}") == odd
    assert row_hash("ab", "12", 't"1', "Żółw", "{}") == odd  # type: ignore[arg-type]


def test_each_part_of_a_row_changes_its_hash():
    base = row_hash(GENESIS, 1, "t", "s", "{}")
    assert len({base, row_hash("1" * 64, 1, "t", "s", "{}"), row_hash(GENESIS, 2, "t", "s", "{}"),
                row_hash(GENESIS, 1, "u", "s", "{}"), row_hash(GENESIS, 1, "t", "r", "{}"),
                row_hash(GENESIS, 1, "t", "s", "[]")}) == 6


def test_canonical_has_one_spelling():
    assert canonical({"b": 1, "a": [1.5, "é", None, True]}) == '{"a":[1.5,"é",null,true],"b":1}'
    with pytest.raises(ValueError):
        canonical({"x": float("nan")})
    with pytest.raises(ValueError):
        canonical({"x": float("inf")})


def test_first_skips_absent_and_null_fields():
    assert first({"node": None, "node_id": "b"}, "node", "node_id") == "b"
    assert first({"node": "a", "node_id": "b"}, "node", "node_id") == "a"
    assert first({"node": 0}, "node", "node_id") == 0  # 0 is a value, not absence
    assert first({}, "node") is None


def test_evidence_items_from_evidence_points_and_rules():
    event = {
        "evidence": [{"trait": "courtesy", "merit": 3.0},
                     {"trait": "honesty", "strength": 2},  # older events: strength
                     {"trait": "mixed", "merit": None, "strength": -1},
                     {"trait": "flag", "merit": True},  # a bool is no number
                     {"merit": 5},  # no trait
                     "junk"],
        "points": [{"trait": "honesty", "merit": -1.5}, {"trait": "x"}, {"merit": 2}, 7],
        "rules": [{"traits": {"courtesy": 2, "bad": "x"}}, {"id": "no traits"}, "junk"],
    }
    assert evidence_items(event) == [("courtesy", 3.0), ("honesty", 2.0), ("mixed", -1.0),
                                     ("honesty", -1.5), ("courtesy", 2.0)]
    assert evidence_items({"rules_fired": [{"traits": {"t": 1}}]}) == [("t", 1.0)]
    assert evidence_items({"evidence": None, "points": None, "rules": None}) == []


def test_columns_of_a_choice():
    event = {"type": "ChoiceMade", "node": "opening", "choice": "greet", "response_time": 4,
             "evidence": [{"trait": "courtesy", "merit": 3.0}, {"trait": "bad", "merit": -1.0}],
             "earned": 2.5, "available": 6.0, "best": "listen"}
    # merit 3 - 1 = 2; lost: available - earned = 3.5; not the best answer: wrong
    assert columns(event) == {"type": "ChoiceMade", "node": "opening", "choice": "greet",
                              "score": None, "passed": None, "merit": 2.0, "lost": 3.5,
                              "response_time": 4.0, "mistake": "wrong"}
    # the best answer, yet points lost: it came too slowly
    assert columns({**event, "best": "greet"})["mistake"] == "slow"
    assert columns({**event, "earned": 6.0})["mistake"] is None  # nothing lost
    legacy = {"type": "ChoiceMade", "node_id": "n", "choice_id": "c", "seconds": 2.0,
              "evidence": [{"trait": "bad", "merit": -4.0}]}
    cols = columns(legacy)
    assert (cols["node"], cols["choice"], cols["response_time"]) == ("n", "c", 2.0)
    assert (cols["merit"], cols["lost"]) == (-4.0, 4.0)  # no runtime figures: -merit lost
    assert columns({"type": "ChoiceMade", "evidence": [{"trait": "t", "merit": 2.0}]}
                   )["lost"] == 0.0
    over = {"type": "ChoiceMade", "earned": 7.0, "available": 6.0}
    assert columns(over)["lost"] == 0.0  # never negative
    assert columns(event, items=[("x", 10.0)])["merit"] == 10.0  # the caller's items


def test_columns_of_a_timeout():
    event = {"type": "TimedOut", "node": "opening", "choice": "ignored",
             "evidence": [{"trait": "responsiveness", "merit": -2.0}],
             "earned": 0.0, "available": 6.0}
    cols = columns(event)
    assert (cols["node"], cols["choice"], cols["merit"], cols["lost"], cols["mistake"]) == \
        ("opening", "(timeout)", -2.0, 6.0, "timeout")


@pytest.mark.parametrize("kind", ["SessionEnded", "ScoreOverridden"])
def test_columns_of_a_score(kind: str):
    cols = columns({"type": kind, "overall": 72.5, "score": 72.5, "passed": True})
    assert (cols["score"], cols["passed"], cols["merit"], cols["node"]) == (72.5, 1, None, None)
    assert columns({"type": kind, "score": 40, "passed": False})["passed"] == 0
    assert columns({"type": kind, "score": 40})["passed"] is None
    legacy = "score" if kind == "SessionEnded" else "new_score"
    assert columns({"type": kind, legacy: 55})["score"] == 55.0


def test_columns_of_other_events_are_empty():
    assert columns({"type": "SessionStarted", "node": "x", "score": 5, "passed": True}) == {
        "type": "SessionStarted", "node": None, "choice": None, "score": None,
        "passed": None, "merit": None, "lost": None, "response_time": None, "mistake": None}


def test_trait_scores():
    assert trait_scores({"traits": {"courtesy": 80, "honesty": 42.5, "none": None,
                                    "text": "x", "flag": True}}) == [
        ("courtesy", 80.0), ("honesty", 42.5)]
    assert trait_scores({"trait_scores": {"a": 1}}) == [("a", 1.0)]
    assert trait_scores({"traits": ["courtesy"]}) == []
    assert trait_scores({}) == []


def test_index_text_is_the_documented_json_array():
    import json

    from game.scorelog.chain import index_text

    text = index_text("north/anna", "phone_complaint", "ChoiceMade", "opening", "greet",
                      None, None, 2.0, 3.5, 4.25, [("courtesy", 3.0), ("bad", -1.0)],
                      [("courtesy", 80.0), ("honesty", 42.5)])
    assert text == ('["north/anna","phone_complaint","ChoiceMade","opening","greet",null,null,'
                    '2.0,3.5,4.25,[["courtesy",3.0],["bad",-1.0]],'
                    '[["courtesy",80.0],["honesty",42.5]]]')
    assert json.loads(text)[10] == [["courtesy", 3.0], ["bad", -1.0]]
    ended = index_text(None, None, "SessionEnded", None, None, 72.5, 1, None, None, None,
                       [], [])
    assert ended == '[null,null,"SessionEnded",null,null,72.5,1,null,null,null,[],[]]'


def test_stored_gives_the_columns_as_the_database_keeps_them():
    from game.scorelog.chain import stored

    cols = columns({"type": "ChoiceMade", "node": "opening", "choice": "greet",
                    "response_time": 4, "evidence": [{"trait": "courtesy", "merit": 3}],
                    "earned": 1, "available": 6})
    assert stored(cols) == ("ChoiceMade", "opening", "greet", None, None, 3.0, 5.0, 4.0)
    assert stored(columns({"type": "SessionEnded", "overall": 80, "passed": True})) == \
        ("SessionEnded", None, None, 80.0, 1, None, None, None)
