"""What the score log records about a campaign run: frozen, JSON-safe events.

A run is its own stream (session id = the run id) beside the episodes' ordinary
sessions; ``EpisodeStarted``/``EpisodeEnded`` name the episode's session id, so a
report groups episodes under their campaign and ``CampaignSession.replay`` rebuilds
the run from the two streams. The carried state is written in each event so a report
never re-runs the engine to show trust across episodes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any


class _Event:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": type(self).__name__}
        for f in fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        return cls(**{f.name: _frozen(data[f.name]) for f in fields(cls)  # type: ignore
                      if f.name in data})


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list | frozenset | set):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    return value


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class CampaignStarted(_Event):
    run: str
    trainee: str
    campaign: str
    version: int
    content_hash: str
    lang: str
    mode: str
    seed: int
    timing: str
    start: Mapping[str, Any] = field(default_factory=dict)  # the carried state at the start
    form: str = "n"  # how the trainee asked to be addressed (f, m, n)


@dataclass(frozen=True, slots=True)
class EpisodeStarted(_Event):
    index: int  # position in the campaign's episode list, from 0
    scenario: str  # the scenario played (a replacement's, when one applied)
    session: str  # the episode's own session id in the log
    seed: int
    carried: Mapping[str, Any] = field(default_factory=dict)  # the state it starts from


@dataclass(frozen=True, slots=True)
class EpisodeSkipped(_Event):
    index: int
    scenario: str
    why: str  # the condition that did not hold


@dataclass(frozen=True, slots=True)
class EpisodeEnded(_Event):
    index: int
    scenario: str
    session: str
    ending: str
    outcome: str
    score: float
    passed: bool
    carried: Mapping[str, Any] = field(default_factory=dict)  # the state it leaves
    promises: tuple = ()  # [name, "made" | "kept" | "broken"] settled or made here


@dataclass(frozen=True, slots=True)
class CampaignEnded(_Event):
    ending: str
    outcome: str
    score: float
    passed: bool
    episodes: int  # episodes played


CAMPAIGN_EVENT_TYPES: Mapping[str, type] = {
    cls.__name__: cls for cls in (CampaignStarted, EpisodeStarted, EpisodeSkipped,
                                  EpisodeEnded, CampaignEnded)}


def campaign_event(data: Mapping[str, Any]) -> Any:
    """The event a ``to_dict()`` came from; ValueError for an unknown type."""
    cls = CAMPAIGN_EVENT_TYPES.get(str(data.get("type")))
    if cls is None:
        raise ValueError(f"unknown campaign event type {data.get('type')!r}")
    return cls.from_dict(data)
