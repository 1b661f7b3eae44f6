"""Generated playthroughs for trying the reports: simulated trainees play the shipped
scenarios through the real runtime, getting better with practice.

A trainee has a starting skill and a learning rate; at each decision they pick the
choice worth most to this client with probability ``skill``, else any open choice,
and answer faster as they improve (slow answers on timed nodes time out). Every
run is seeded, so the same arguments always give the same database.
"""

from __future__ import annotations

import gc
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

TEAMS = ("north", "south", "east", "west")
BATCH = 10_000  # events per transaction: one commit (and fsync) per batch, not per event
NAMES = ("anna", "bruno", "carla", "dario", "elena", "fabio", "giulia", "marek", "kasia",
         "piotr", "zofia", "tomasz", "ola", "luca", "sara", "jan")


@dataclass(frozen=True, slots=True)
class Trainee:
    id: str
    start_skill: float
    learning: float  # how fast skill approaches 1 per session played
    pace: float  # seconds a typical answer takes at the start

    def skill(self, played: int) -> float:
        """Chance of picking the best answer: rises with practice, never quite perfect."""
        return min(0.93, 1 - (1 - self.start_skill) * math.exp(-self.learning * played))


def trainees(count: int, rng: random.Random) -> list[Trainee]:
    out = []
    for i in range(count):
        name = NAMES[i % len(NAMES)] + (str(i // len(NAMES) + 1) if i >= len(NAMES) else "")
        out.append(Trainee(f"{TEAMS[i % len(TEAMS)]}/{name}", rng.uniform(0.1, 0.5),
                           rng.uniform(0.03, 0.12), rng.uniform(6, 14)))
    return out


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


class Player:
    """Plays sessions of the real runtime for simulated trainees."""

    def __init__(self, library: Any, seed: int) -> None:
        from game.core.rules import polarities

        self.library = library
        self.scenarios = library.scenarios()
        self.polarity = polarities(library.catalogue)
        self.rng = random.Random(seed)

    def _worth(self, scenario: Any, node_id: str, choice_id: str) -> float:
        node = scenario.nodes[node_id]
        choice = next(c for c in node.choices if c.id == choice_id)
        return sum(e.strength * self.polarity.get(e.trait, 1) * scenario.persona.weight(e.trait)
                   for e in choice.evidence)

    def play(self, trainee: Trainee, played: int, start: datetime
             ) -> Iterator[tuple[Any, datetime]]:
        """The events of one session, each with the moment it happened."""
        from game.core.runtime import Mode, Session, Status, Timing

        rng, skill = self.rng, trainee.skill(played)
        scenario = rng.choice(self.scenarios)
        session = Session(scenario, self.library.catalogue, self.library.rules,
                          seed=rng.randrange(1 << 30),
                          mode=Mode.ASSESSMENT if rng.random() < 0.4 else Mode.PRACTICE,
                          timing=Timing.NORMAL, trainee=trainee.id,
                          lang=rng.choice(("en", "it", "pl")))
        moment, emitted = start, 0
        quits = rng.random() < 0.04 * (1 - skill)  # the odd session left unfinished
        while session.status == Status.AWAITING_CHOICE:
            if quits and session.state.decisions >= 1:
                if rng.random() < 0.5:  # closed the game properly; else it just stopped
                    session.abandon()
                break
            view = session.view()
            seconds = rng.lognormvariate(math.log(trainee.pace * (1.3 - skill)), 0.4)
            if view.can_time_out and view.time_limit and seconds > view.time_limit:
                seconds = float(view.time_limit)
                session.timeout()
            else:
                session.choose(self._pick(scenario, view, skill), response_time=round(seconds, 2))
            moment += timedelta(seconds=seconds + rng.uniform(2, 8))
            for event in session.events[emitted:]:
                yield event, moment
            emitted = len(session.events)
        for event in session.events[emitted:]:
            yield event, moment

    def _pick(self, scenario: Any, view: Any, skill: float) -> int:
        choices = view.choices
        if self.rng.random() < skill:
            return max(choices, key=lambda c: self._worth(scenario, view.node, c.id)).index
        return self.rng.choice(choices).index


def generate(log: Any, library: Any, trainee_count: int, sessions: int, seed: int,
             batch: int = BATCH, progress: Any = None) -> tuple[int, int]:
    """Fill ``log``; returns (sessions, events). Batched transactions: demo data only."""
    rng = random.Random(seed)
    people = trainees(trainee_count, rng)
    player = Player(library, seed)
    now = datetime.now(UTC).replace(microsecond=0)
    first_day = now - timedelta(days=max(28, sessions // 3))
    pending: list[tuple[str, Any, str]] = []
    total = 0
    for n in range(sessions):
        for trainee in people:
            day = first_day + (now - first_day) * (n + rng.random()) / sessions
            session_id = f"demo-{seed}-{trainee.id.replace('/', '-')}-{n}"
            for event, moment in player.play(trainee, n, day):
                pending.append((session_id, event, _iso(moment)))
            if len(pending) >= batch:
                total += write_batch(log, pending)
        if progress is not None:
            progress(n + 1, sessions, total + len(pending))
    total += write_batch(log, pending)
    return sessions * len(people), total


def write_batch(log: Any, pending: list) -> int:
    """Write ``pending`` (session id, event, time) in one transaction and empty it;
    returns how many. The cyclic garbage collector waits meanwhile: a batch makes
    hundreds of thousands of rows, dicts and strings that all live until it is written
    (none in a cycle), and the collector would scan the growing pile again and again."""
    if not pending:
        return 0
    enabled = gc.isenabled()
    gc.disable()
    try:
        log.append_many(pending)
    finally:
        if enabled:
            gc.enable()
    log.forget_sessions()
    count = len(pending)
    pending.clear()
    return count
