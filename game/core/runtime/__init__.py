"""The headless simulation runtime: sessions, their events and their debrief.

See docs/design.md ("The runtime", "Events").
"""

from game.core.errors import SessionError
from game.core.runtime.debrief import (
    Alternative,
    Contribution,
    Decision,
    Result,
    RuleNote,
    ScorePart,
    TraitResult,
)
from game.core.runtime.events import (
    EVENT_TYPES,
    ChoiceMade,
    Event,
    RuleFired,
    SessionAbandoned,
    SessionEnded,
    SessionStarted,
    TimedOut,
    event_from_dict,
)
from game.core.runtime.session import DEFAULT_EXTENSION, Session
from game.core.runtime.state import State
from game.core.runtime.views import ChoiceOutcome, ChoiceView, Mode, NodeView, Status, Timing

__all__ = [
    "DEFAULT_EXTENSION",
    "EVENT_TYPES",
    "Alternative",
    "ChoiceMade",
    "ChoiceOutcome",
    "ChoiceView",
    "Contribution",
    "Decision",
    "Event",
    "Mode",
    "NodeView",
    "Result",
    "RuleFired",
    "RuleNote", "ScorePart",
    "Session",
    "SessionAbandoned",
    "SessionEnded",
    "SessionError",
    "SessionStarted",
    "State",
    "Status",
    "TimedOut",
    "Timing",
    "TraitResult",
    "event_from_dict",
]
