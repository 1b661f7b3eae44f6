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
