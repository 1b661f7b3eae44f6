"""The score log's own events, and turning any event into the dict it stores.

The runtime's events (``game.core.runtime.events``) arrive as objects with
``to_dict()``; the log adds two of its own for managers. Neither kind is ever
edited: an override or a sign-off is a new event pointing at the session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ScoreOverridden:
    """A manager replaces a session's overall score, saying who and why."""

    by: str
    reason: str
    score: float
    previous: float | None = None
    passed: bool | None = None  # judged against the scenario's pass score, if known
    after_sign_off: bool = False  # the session had been signed off (needs --force)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "ScoreOverridden", **asdict(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoreOverridden:
        return cls(by=data["by"], reason=data["reason"], score=float(data["score"]),
                   previous=data.get("previous"), passed=data.get("passed"),
                   after_sign_off=bool(data.get("after_sign_off", False)))


@dataclass(frozen=True, slots=True)
class SignedOff:
    """A manager has reviewed the session and signs it off."""

    by: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"type": "SignedOff", **asdict(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SignedOff:
        return cls(by=data["by"], note=data.get("note", ""))


def event_dict(event: Any) -> dict[str, Any]:
    """The plain-dict form of an event object (``to_dict()``) or of a dict event."""
    if isinstance(event, Mapping):
        data = dict(event)
    elif hasattr(event, "to_dict"):
        data = dict(event.to_dict())
    else:
        raise TypeError(f"cannot record {type(event).__name__}: no to_dict()")
    data.setdefault("type", type(event).__name__)
    return data
