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
    #: Seconds the words on screen take to read; ``time_limit`` already includes them
    #: (a front end may show "reading…" first, then the countdown).
    reading: float = 0.0


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


#: The line explaining the responsiveness evidence of a slow answer ({cost}: its merit,
#: {late}: seconds after the text could have been read). RIGHT_BUT_SLOW when the
#: answer itself was the best one, so the two never read as a contradiction.
SLOW_NOTE = Text(
    "runtime.slow",
    en="Slow: responsiveness {cost}, answered {late} s after you could have (more than half "
       "the time available once the text was read).",
    it="Risposta lenta: reattività {cost}, data {late} s dopo il momento in cui poteva "
       "rispondere (più di metà del tempo disponibile dopo la lettura).",
    pl="Zbyt wolno: responsywność {cost}, odpowiedź {late} s po chwili, w której była już "
       "możliwa (ponad połowa czasu dostępnego po przeczytaniu tekstu).",
)
RIGHT_BUT_SLOW = Text(
    "runtime.right_but_slow",
    en="Right answer, but slow: responsiveness {cost}, {late} s after you could have "
       "answered.",
    it="Risposta giusta, ma lenta: reattività {cost}, {late} s dopo il momento in cui poteva "
       "rispondere.",
    pl="Dobra odpowiedź, ale zbyt wolna: responsywność {cost}, {late} s po chwili, w której "
       "można było odpowiedzieć.",
)


def slow_note(step) -> Text:
    """The slow-answer note of a step, with its figures (the slow line is the last
    evidence line of a slow step)."""
    cost = step.evidence[-1].merit if step.evidence else -1.0
    figures = {"cost": f"{cost:+.1f}".replace("-", "\u2212"), "late": f"{step.late:.0f}"}
    template = RIGHT_BUT_SLOW if step.choice is not None and step.choice == step.best \
        else SLOW_NOTE
    return Text(template.id, *(template.get(lang).format(**figures)
                               for lang in ("en", "it", "pl")))
