"""Driving a session by choice id, and writing down what happened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from game.core.errors import SessionError
from game.core.runtime import ChoiceOutcome, Session


def pick(session: Session, choice_id: str, response_time: float = 1.0) -> ChoiceOutcome:
    """Choose by id whatever position the shuffle put it in."""
    view = session.view()
    for c in view.choices:
        if c.id == choice_id:
            return session.choose(c.index, response_time=response_time)
    raise AssertionError(f"{choice_id!r} not open at {view.node}: {[c.id for c in view.choices]}")


def play(session: Session, *moves: str | tuple[str, float]) -> list[str]:
    """Play ``moves`` (choice ids, optionally with a response time; "TIMEOUT" waits
    the limit out) and return a transcript: one line per decision, then the result."""
    lines = []
    for move in moves:
        cid, rt = move if isinstance(move, tuple) else (move, 1.0)
        node = session.state.node
        out = session.timeout() if cid == "TIMEOUT" else pick(session, cid, rt)
        step = session.steps[-1]
        rules = ",".join(f.rule for f in (*step.tick_firings, *step.firings))
        lines.append(f"{node} -> {cid} merit={step.merit:+.2f} best={step.best} "
                     f"-> {out.next}" + (f" [{rules}]" if rules else ""))
    if session.status == "ended":
        r = session.result()
        traits = " ".join(f"{t.trait}={t.score:.0f}" for t in r.traits)
        lines.append(f"END {r.ending.id} overall={r.overall:.1f} "
                     f"{'pass' if r.passed else 'fail'} {traits}")
    return lines


def contributions(session: Session, trait: str) -> list[tuple[str, float]]:
    result = session.result().trait(trait)
    return [] if result is None else [(c.source, round(c.merit, 4))
                                      for c in result.contributions]


@contextmanager
def refused(message: str, kind: type[Exception] = SessionError) -> Iterator[None]:
    """The block raises ``kind`` whose whole message is ``message``."""
    with pytest.raises(kind) as err:
        yield
    assert str(err.value) == message
