"""One encounter being played: the runtime session plus the clocks the window keeps.

This is the game's only door to ``game.core.runtime``. The window measures time
(response time, the call timer, the social feed's spread) and hands it to the
session; every score, meter and next line comes back from the session.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from game.core.model import Scenario
from game.ui.content import Content
from game.ui.recording import Records
from game.ui.settings import Settings

#: How often the live social counters ask the runtime for a preview (per second).
PREVIEW_HZ = 20


def time_factor(settings: Settings) -> float | None:
    """Real seconds per scenario second; None when time limits are off.

    Enlarged text takes longer to read, so limits stretch with it (WCAG 2.2.1, timing
    adjustable): ×1.5 at 150 %, ×2 at 200 %, on top of "extended" (×2).
    """
    if settings.time_limits == "off":
        return None
    base = 2.0 if settings.time_limits == "extended" else 1.0
    return base * max(1.0, settings.text_scale / 100)


@dataclass(frozen=True)
class Step:
    """What the trainee did at one node, as the screen shows it right after."""

    node: str
    choice_text: str | None  # None when time ran out
    feedback: tuple[str, ...]  # feedback lines and rule explanations (practice mode)
    traits: tuple[tuple[str, float], ...]  # (trait name, merit) shown by the answer


class Play:
    def __init__(self, scenario: Scenario, content: Content, settings: Settings,
                 records: Records | None = None, seed: int | None = None, *,
                 session: Any = None, key: str | None = None, logged: int = 0) -> None:
        """``session``: one already started (a campaign's episode), recorded under
        ``key`` in the log, its first ``logged`` events being there already."""
        from game.core.runtime import Mode, Session, Timing

        self.scenario = scenario
        self.content = content
        self.settings = settings
        self.seed = seed if seed is not None else random.randrange(1, 2**31)
        # the session records how long the limits really were: an extension for the
        # text size is "extended" with its factor in SessionStarted
        factor = time_factor(settings)
        timing = Timing.OFF if factor is None else \
            Timing.NORMAL if factor == 1 else Timing.EXTENDED
        self.session_factor = factor
        if session is not None:
            self.seed = session.seed
            self.session_factor = {"off": None, "normal": 1.0}.get(
                getattr(session.timing, "value", str(session.timing)), 2.0)
        self.session = session or Session(
            scenario, content.catalogue, content.rules, seed=self.seed,
            mode=Mode(settings.mode), timing=timing, trainee=settings.trainee,
            lang=settings.lang, time_factor=factor if timing is Timing.EXTENDED else 2.0,
            form=settings.form)
        self.rate = 1.0  # scenario seconds per real second, after a mid-encounter change
        self.records = records or Records(enabled=False)
        self.recorder = self.records.new_session()
        self._recorded = 0
        if key is not None:
            self.recorder = key if self.records.enabled else None
            self._recorded = logged
        self.log_error = self._record()
        self.node_time = 0.0  # seconds on the current node (response time)
        self.total_time = 0.0  # seconds since the encounter started (call timer)
        self._preview_age = 1.0
        self._preview: Any = None
        self._view: Any = None

    # -- reading ---------------------------------------------------------------

    @property
    def ended(self) -> bool:
        from game.core.runtime import Status

        return self.session.status is not Status.AWAITING_CHOICE

    def view(self) -> Any:
        """The current node as the runtime presents it (kept until the next answer)."""
        if self._view is None:
            self._view = self.session.view()
        return self._view

    @property
    def state(self) -> Any:
        return self.session.state

    def retime(self, settings: Settings) -> None:
        """Settings changed mid-encounter (pause menu, text size): the clock follows at
        once. Limits switched off stop it; limits cannot be switched on in a session
        that started without them (the runtime then has no timeout to offer)."""
        wanted = time_factor(settings)
        if self.session_factor is None:
            self.rate = 1.0
        elif wanted is None:
            self.rate = 0.0
        else:
            self.rate = self.session_factor / wanted

    def time_limit(self) -> float | None:
        """The current node's limit in real seconds, None when untimed or switched off."""
        if self.ended or self.rate == 0:
            return None
        limit = self.view().time_limit
        return None if limit is None else limit / self.rate

    def time_left(self) -> float | None:
        limit = self.time_limit()
        return None if limit is None else max(0.0, limit - self.node_time / self.rate)

    def live_state(self) -> Any:
        """The state as it stands now, counting the seconds spent on this node."""
        if self.ended:
            return self.session.state
        if self._preview is None or self._preview_age >= 1 / PREVIEW_HZ:
            self._preview = self.session.preview(self.node_time)
            self._preview_age = 0.0
        return self._preview

    def result(self) -> Any:
        return self.session.result()

    # -- acting ----------------------------------------------------------------

    def tick(self, dt: float) -> None:
        if not self.ended:
            self.node_time += dt * self.rate  # in scenario seconds (see ``retime``)
            self.total_time += dt
            self._preview_age += dt

    def choose(self, index: int) -> Step:
        view = self.view()
        choice = view.choices[index]
        outcome = self.session.choose(index, response_time=round(self.node_time, 2))
        return self._after(view.node, choice.text.get(self.settings.lang), outcome)

    def timeout(self) -> Step:
        view = self.view()
        outcome = self.session.timeout()
        return self._after(view.node, None, outcome)

    def abandon(self) -> None:
        """Leaving mid-encounter: the log keeps the answers and marks the session."""
        if self.ended:
            return
        self.session.abandon()
        self._record()

    def _after(self, node: str, choice_text: str | None, outcome: Any) -> Step:
        self._view = None
        self.node_time = 0.0
        self._preview = None
        self.log_error = self._record()
        lines, traits = feedback_of(outcome, self.content.catalogue, self.settings.lang)
        return Step(node, choice_text, lines, traits)

    def _record(self) -> str:
        events = list(self.session.events)
        fresh, self._recorded = events[self._recorded:], len(events)
        return self.records.record(self.recorder, fresh)


def feedback_of(outcome: Any, catalogue, lang: str
                ) -> tuple[tuple[str, ...], tuple[tuple[str, float], ...]]:
    """(feedback lines, traits shown) from a choice's outcome; empty in assessment mode."""
    from game.ui.debrief_data import merits_by_trait

    lines = tuple(dict.fromkeys(t.get(lang) for t in (*outcome.feedback,
                                                      *outcome.explanations)))
    return lines, merits_by_trait(outcome.evidence, catalogue, lang)
