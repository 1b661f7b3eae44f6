"""The store's fast spelling of the runtime's events (``events.event_dict``: shared
evidence lists, the JSON assembled around them) is byte for byte
``chain.canonical(event.to_dict())``, so a log written with it has the very hashes a
log written from the plain dicts has, and verify-log passes it.

The events are demo-data's (simulated trainees playing every shipped scenario through
the real runtime, in practice and assessment, some sessions abandoned) and two sessions
of the fixture scenario whose first question times out.
"""

import random
from datetime import UTC, datetime

import pytest
from played import library as fixture_library

from game.core.loader import Library
from game.core.runtime import Session
from game.reports.demo import Player, trainees
from game.scorelog import ScoreLog, chain, verify
from game.scorelog.events import event_dict


@pytest.fixture(scope="module")
def played():
    library = Library()
    player, people = Player(library, 3), trainees(8, random.Random(3))
    start, out = datetime(2026, 11, 2, tzinfo=UTC), []
    for n in range(160):  # every shipped scenario several times
        for event, moment in player.play(people[n % len(people)], n // 8, start):
            out.append((f"s{n}", event, moment.isoformat().replace("+00:00", "Z")))
    fixture = fixture_library()  # and timeouts, which simulated trainees rarely let happen
    for n, mode in enumerate(("practice", "assessment")):
        session = Session(fixture.scenario("late_parcel"), fixture.catalogue, fixture.rules,
                          seed=n, mode=mode, trainee="t/o")
        session.timeout()
        session.choose(0, 3.0)
        out += [(f"t{n}", event, "2026-11-03T09:00:00.000000Z") for event in session.events]
    kinds = {type(e).__name__ for _, e, _ in out}
    assert {"SessionStarted", "ChoiceMade", "TimedOut", "SessionEnded"} <= kinds
    assert {e.scenario for _, e, _ in out if type(e).__name__ == "SessionStarted"} \
        >= set(library.scenario_ids())
    return out


def test_every_event_is_spelled_as_its_to_dict(played):
    for _, event, _ in played:
        fast = event_dict(event)
        assert isinstance(fast, chain.Recorded) and fast.text is not None
        assert dict(fast) == event.to_dict()
        assert chain.canonical(fast) == chain.canonical(dict(event.to_dict()))
        assert chain.evidence_items(fast) == chain.evidence_items(event.to_dict())


def test_a_log_written_from_the_events_has_the_hashes_of_one_written_from_dicts(
        played, tmp_path):
    heads = []
    for name, convert in (("objects", lambda e: e), ("dicts", lambda e: e.to_dict())):
        with ScoreLog.open(tmp_path / f"{name}.sqlite3") as log:
            for start in range(0, len(played), 500):
                log.append_many([(s, convert(e), at) for s, e, at in played[start:start + 500]])
                log.forget_sessions()
            assert verify(log.conn).ok
            heads.append(log.conn.execute("SELECT seq, hash FROM chain_head").fetchone())
    assert heads[0] == heads[1] and heads[0][0] == len(played)


def test_a_changed_dict_is_spelled_from_what_it_holds(played):
    choice = next(e for _, e, _ in played if type(e).__name__ == "ChoiceMade")
    data = event_dict(choice)
    data["response_time"] = 99.5
    assert chain.canonical(data) == chain.canonical(dict(data))
    assert '"response_time":99.5' in chain.canonical(data)
    data = event_dict(choice)
    data.pop("evidence")
    assert chain.canonical(data) == chain.canonical(dict(data))
    assert chain.evidence_items(data) == chain.evidence_items(dict(data))


def test_every_layout_of_field_types_is_spelled_as_its_to_dict(played):
    """Each combination of field types has its own spelling: None, a bool where an int
    was, an int where a float was, a mapping and a key with a quote in it."""
    from dataclasses import replace

    choice = next(e for _, e, _ in played if type(e).__name__ == "ChoiceMade")
    variants = [replace(choice, best=None), replace(choice, slow=True, ticks=3),
                replace(choice, ticks=True), replace(choice, response_time=4),
                replace(choice, state={**choice.state, 'say "hi"': 1, "n": None, "50%": True}),
                replace(choice, evidence=(), points=(), rules=())]
    for event in variants:
        fast = event_dict(event)
        assert fast.text is not None
        assert fast.text == chain.canonical(dict(event.to_dict()))
        assert chain.evidence_items(fast) == chain.evidence_items(event.to_dict())


def test_a_value_the_fast_spelling_does_not_know_is_left_to_to_dict(played):
    from dataclasses import replace

    choice = next(e for _, e, _ in played if type(e).__name__ == "ChoiceMade")
    infinite = event_dict(replace(choice, response_time=float("inf")))
    assert type(infinite) is dict  # the plain to_dict(), which canonical refuses
    with pytest.raises(ValueError):
        chain.canonical(infinite)
    nested = event_dict(replace(choice, state={**choice.state, "deep": [1, 2]}))
    assert type(nested) is dict and chain.canonical(nested) == chain.canonical(
        dict(replace(choice, state={**choice.state, "deep": [1, 2]}).to_dict()))


def test_a_weight_written_as_an_integer_is_the_same_line_as_one_written_as_a_float():
    """``2`` and ``2.0`` in a persona's weights make equal lines that are spelled alike
    (the store spells each distinct line once)."""
    from game.core.model import Persona

    as_int = Persona("A", None, "C", None, {"courtesy": 2, "honesty": 1.5})
    as_float = Persona("A", None, "C", None, {"courtesy": 2.0, "honesty": 1.5})
    assert type(as_int.weight("courtesy")) is float and as_int.weights == as_float.weights
    assert chain.canonical(dict(as_int.weights)) == '{"courtesy":2.0,"honesty":1.5}'
