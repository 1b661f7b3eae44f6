"""A session: one trainee playing one scenario, driven by a front end.

The front end pulls (ink's Continue / Yarn Spinner's Dialogue): it asks what to
show with ``view()``, submits ``choose(index, response_time)`` or ``timeout()``,
and renders the outcome. It never changes state itself; every change is an event
in ``events``, and ``Session.replay`` rebuilds a session from them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from game.core.errors import SessionError
from game.core.model import FORMS, Choice, Scenario, TraitCatalogue
from game.core.runtime import step as steps
from game.core.runtime.debrief import Result, build_result, in_form
from game.core.runtime.draft import Draft
from game.core.runtime.eventlog import ended_event, step_event
from game.core.runtime.events import (
    ChoiceMade,
    Event,
    SessionAbandoned,
    SessionStarted,
    TimedOut,
    event_from_dict,
)
from game.core.runtime.state import State
from game.core.runtime.views import (
    ChoiceOutcome,
    ChoiceView,
    Mode,
    NodeView,
    Status,
    Timing,
    slow_note,
)

DEFAULT_EXTENSION = 2.0


class Session:
    def __init__(self, scenario: Scenario, catalogue: TraitCatalogue | None, rules: object = (),
                 *, seed: int = 0, mode: Mode | str = Mode.PRACTICE,
                 timing: Timing | str = Timing.NORMAL, trainee: str = "", lang: str = "en",
                 time_factor: float = DEFAULT_EXTENSION, form: str = "n") -> None:
        self.mode = _enum(Mode, mode, "mode")
        self.timing = _enum(Timing, timing, "timing")
        if not (isinstance(time_factor, int | float) and 1 <= time_factor <= 10):
            raise SessionError(f"time_factor must be between 1 and 10, got {time_factor!r}")
        factor = {Timing.NORMAL: 1.0, Timing.EXTENDED: float(time_factor), Timing.OFF: None}
        if form not in FORMS:
            raise SessionError(f"form must be one of {', '.join(FORMS)} (feminine, masculine, "
                               f"neutral), got {form!r}")
        self.form = form  # how the trainee asked to be addressed: lines agree with it
        self.scenario = scenario
        self.seed = int(seed)
        self.lang = lang
        self.trainee = trainee
        self.setup = steps.Setup.build(scenario, catalogue, rules, factor[self.timing], lang)
        self._state = steps.start(self.setup)
        self._steps: list[steps.Step] = []
        self._shown: tuple[Choice, ...] | None = None
        self._reading = 0.0
        self._status = Status.AWAITING_CHOICE
        self._events: list[Event] = [SessionStarted(
            trainee, scenario.id, scenario.version, scenario.content_hash, lang,
            self.mode.value, self.seed, self.timing.value, factor[self.timing], form)]

    # -- what the front end reads -------------------------------------------------
    @property
    def status(self) -> Status:
        return self._status

    @property
    def state(self) -> State:
        return self._state

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    @property
    def steps(self) -> tuple[steps.Step, ...]:
        return tuple(self._steps)

    def view(self) -> NodeView:
        self._require_open("view()")
        node = self.scenario.nodes[self._state.node]
        shown = self._shown_choices()
        limit = self.setup.limit(node)
        if limit is not None:
            limit = round(limit + self._reading, 2)  # the clock starts once it could be read
        form = self.form
        choices = tuple(ChoiceView(i, c.id, c.text.for_form(form)) for i, c in enumerate(shown))
        can_time_out = node.timeout is not None and (limit is not None or not shown)
        return NodeView(node.id, node.speaker, node.text.for_form(form), limit, choices,
                        can_time_out, self._state.decisions + 1, self._reading)

    def preview(self, seconds: float) -> State:
        """The state as it would be after waiting ``seconds`` more (live counters of a
        social scene); nothing is committed. With time limits off nothing grows while
        the player reads: escalation then advances per decision, not per second."""
        seconds = _seconds(seconds, "seconds")
        if self.setup.factor is None or self._status != Status.AWAITING_CHOICE:
            return self._state
        self._shown_choices()
        d = Draft(self._state)
        late = max(0.0, seconds - self._reading)  # nothing spreads while they read
        steps.advance(self.setup, d, steps.seconds_for(self.setup, late))
        return d.freeze()

    # -- what the front end submits -------------------------------------------------
    def choose(self, index: int, response_time: float = 0.0) -> ChoiceOutcome:
        self._require_open("choose()")
        shown = self._shown_choices()
        if not shown:
            raise SessionError(f"node '{self._state.node}' has no open choice; "
                               "only timeout() can continue")
        if isinstance(index, bool) or not isinstance(index, int) \
                or not 0 <= index < len(shown):
            raise SessionError(f"expected a choice index between 0 and {len(shown) - 1}, "
                               f"got {index!r}")
        rt = _seconds(response_time, "response_time")
        return self._commit(steps.decide(self.setup, self._state, shown[index], rt, shown,
                                         reading=self._reading))

    def timeout(self) -> ChoiceOutcome:
        self._require_open("timeout()")
        node = self.scenario.nodes[self._state.node]
        shown = self._shown_choices()
        if node.timeout is None or node.time_limit is None:
            raise SessionError(f"node '{node.id}' has no time limit; there is nothing to "
                               "time out")
        if self.setup.factor is None and shown:
            raise SessionError("time limits are switched off in this session; "
                               "timeout() is not available")
        limit = (self.setup.limit(node) or node.time_limit) + self._reading
        return self._commit(steps.decide(self.setup, self._state, None, limit, shown,
                                         reading=self._reading))

    def abandon(self) -> None:
        """The player left before an ending; recorded, and the session is closed."""
        self._require_open("abandon()")
        self._status = Status.ABANDONED
        self._events.append(SessionAbandoned(self._state.node, self._state.decisions))

    def result(self) -> Result:
        if self._status != Status.ENDED:
            raise SessionError(f"the session has not ended (it is at node "
                               f"'{self._state.node}'); result() is available once it "
                               "reaches an ending")
        return in_form(build_result(self.setup, self._steps, self._state, self.mode,
                                    self.timing), self.form)

    # -- rebuilding ----------------------------------------------------------------------
    @classmethod
    def replay(cls, scenario: Scenario, catalogue: TraitCatalogue | None, rules: object,
               events: Iterable[Event | Mapping[str, Any]]) -> Session:
        """The session the events describe, re-run step by step (same scores)."""
        items = [e if not isinstance(e, Mapping) else event_from_dict(e) for e in events]
        if not items or not isinstance(items[0], SessionStarted):
            raise SessionError("cannot replay: the events must start with SessionStarted")
        first = items[0]
        extension = first.time_factor if first.timing == Timing.EXTENDED.value else 2.0
        session = cls(scenario, catalogue, rules, seed=first.seed, mode=first.mode,
                      timing=first.timing, trainee=first.trainee, lang=first.lang,
                      time_factor=extension or DEFAULT_EXTENSION,
                      form=first.form if first.form in FORMS else "n")
        for number, event in enumerate(items[1:], start=2):
            session._replay_one(number, event)
        return session

    def _replay_one(self, number: int, event: Event) -> None:
        if isinstance(event, ChoiceMade):
            ids = [c.id for c in self._shown_choices()] if self._status == Status.AWAITING_CHOICE \
                else []
            if event.node != self._state.node or event.choice not in ids:
                raise SessionError(
                    f"cannot replay event {number}: choice '{event.node}.{event.choice}' is "
                    f"not open (the session is at node '{self._state.node}', open: "
                    f"{', '.join(ids) or 'none'})")
            self.choose(ids.index(event.choice), event.response_time)
        elif isinstance(event, TimedOut):
            if event.node != self._state.node:
                raise SessionError(f"cannot replay event {number}: timeout at node "
                                   f"'{event.node}' but the session is at '{self._state.node}'")
            self.timeout()
        elif isinstance(event, SessionAbandoned):
            self.abandon()
        # SessionEnded is re-derived by the replay itself.

    # -- internals -------------------------------------------------------------------------
    def _shown_choices(self) -> tuple[Choice, ...]:
        if self._shown is None:
            open_now = steps.open_choices(self.setup, self._state)
            node = self.scenario.nodes[self._state.node]
            if not open_now and node.timeout is None:
                raise SessionError(f"node '{node.id}' has no open choice and no timeout: "
                                   "the scenario cannot continue from here")
            self._shown = steps.shuffled(open_now, self.seed, self._state)
            self._reading = self.setup.reading(node, self._shown)
        return self._shown

    def _require_open(self, what: str) -> None:
        if self._status == Status.ENDED:
            raise SessionError(f"the session has ended (ending '{self._state.node}'); "
                               f"{what} is not available")
        if self._status == Status.ABANDONED:
            raise SessionError(f"the session was abandoned; {what} is not available")

    def _commit(self, step: steps.Step) -> ChoiceOutcome:
        self._steps.append(step)
        self._state = step.state
        self._shown = None
        self._events.append(step_event(step))
        ended = self.scenario.is_ending(step.next)
        if ended:
            self._status = Status.ENDED
            self._events.append(ended_event(self.setup, step))
        return self._outcome(step, ended)

    def _outcome(self, step: steps.Step, ended: bool) -> ChoiceOutcome:
        outcome = ChoiceOutcome(step.node, step.choice, step.choice is None, step.next, ended,
                                step.state)
        if self.mode == Mode.ASSESSMENT:
            return outcome
        node = self.scenario.nodes[step.node]
        path = node.timeout if step.choice is None else \
            next(c for c in node.choices if c.id == step.choice)
        slow = slow_note(step) if step.slow else None
        feedback = tuple(t.for_form(self.form) for t in (path.feedback if path else None, slow)
                         if t is not None)
        explain = tuple(f.explain.for_form(self.form)
                        for f in (*step.tick_firings, *step.firings))
        return replace(outcome, feedback=feedback, evidence=step.evidence,
                       explanations=tuple(dict.fromkeys(explain)))


def _enum(kind: type, value: object, what: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)  # type: ignore[attr-defined]
        raise SessionError(f"{what} must be one of {allowed}, got {value!r}") from None


def _seconds(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or value < 0:
        raise SessionError(f"{what} must be a number of seconds >= 0, got {value!r}")
    return float(value)
