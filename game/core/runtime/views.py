"""What the front ends are given: enums, the current node, a choice's outcome."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from game.core.model import Speaker, Text
from game.core.rules.scoring import MeritLine
from game.core.runtime.state import State


class Mode(StrEnum):
    PRACTICE = "practice"  # feedback after every choice
    ASSESSMENT = "assessment"  # feedback only in the final debrief


class Timing(StrEnum):
    """Time limits as WCAG 2.2.1 asks: kept, extended (×2 by default) or switched off."""

    NORMAL = "normal"
    EXTENDED = "extended"
    OFF = "off"


class Status(StrEnum):
    AWAITING_CHOICE = "awaiting_choice"
    ENDED = "ended"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class ChoiceView:
    index: int  # what to pass to Session.choose
    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class NodeView:
    node: str
    speaker: Speaker
    text: Text
    time_limit: float | None  # effective seconds (extended, or None when off/untimed)
    choices: tuple[ChoiceView, ...]
    can_time_out: bool  # timeout() is allowed here
    decision: int  # 1-based number of this decision


@dataclass(frozen=True, slots=True)
class ChoiceOutcome:
    """What a choice or timeout did. In assessment mode the teaching parts are empty
    (``feedback``, ``evidence``, ``explanations``) until the final debrief."""

    node: str
    choice: str | None  # None when the time ran out
    timed_out: bool
    next: str
    ended: bool
    state: State
    feedback: tuple[Text, ...] = ()
    evidence: tuple[MeritLine, ...] = ()
    explanations: tuple[Text, ...] = ()  # why each rule that fired fired


#: The line explaining the responsiveness evidence of a slow answer.
SLOW_NOTE = Text(
    "runtime.slow",
    en="You took more than half the time available: slow answers count against "
       "responsiveness.",
    it="Ha impiegato più di metà del tempo disponibile: le risposte lente contano contro "
       "la reattività.",
    pl="Odpowiedź zajęła ponad połowę dostępnego czasu: powolne odpowiedzi liczą się na "
       "niekorzyść responsywności.",
)
