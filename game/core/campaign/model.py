"""The campaign model: one client relationship played as an ordered list of episodes
(each an ordinary scenario), with what carries from one to the next.

Immutable, like ``game.core.model``; the loader (``game.core.loader.campaign``)
builds it and the runtime (``game.core.campaign.runtime``) plays it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.core.model import NO_EFFECTS, NO_POS, Condition, Effects, Outcome, Pos, Text

#: the meters a campaign may carry (reach belongs to one public post, never carried)
CARRIABLE = ("trust", "commitment", "mood", "reputation")


@dataclass(frozen=True, slots=True)
class Replacement:
    """Play ``scenario`` instead of the listed one when ``when`` holds."""

    when: Condition
    scenario: str
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class Episode:
    """One encounter of the campaign.

    ``when``: played only while it holds (else skipped: a client who left never
    calls for the renewal). ``replace``: the first replacement whose condition holds
    is played in its place. ``effects``: what happens to the carried state between
    the previous episode and this one (a quiet month lowers the mood nobody sees).
    """

    scenario: str
    when: Condition | None = None
    replace: tuple[Replacement, ...] = ()
    effects: Effects = NO_EFFECTS
    recap: Text | None = None  # what the client remembers, shown before it starts
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class CarriedPromise:
    """A promise made in one episode that comes due in a later one.

    It is open after an episode that made it (a ``promise:<name>`` tag, or
    ``made_when`` holding at that episode's end), and is kept or broken by a
    ``keep:<name>``/``break:<name>`` tag in the ``due`` episode; still open after
    it, it counts as broken.
    """

    name: str
    due: str
    made_when: Condition | None = None
    text: Text | None = None  # the promise as the client remembers it
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class CampaignEnding:
    id: str
    outcome: Outcome
    title: Text
    text: Text
    when: Condition | None = None
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class Campaign:
    id: str
    version: int
    title: Text
    summary: Text
    client: str  # the one client (company) the whole campaign is about
    pass_score: float
    carry_meters: tuple[str, ...]
    carry_flags: tuple[str, ...]
    promises: tuple[CarriedPromise, ...]
    episodes: tuple[Episode, ...]
    endings: Mapping[str, CampaignEnding]
    stop_when: Condition | None = None  # the relationship is over: go to the endings
    path: str = ""
    content_hash: str = ""
    folder: str = ""  # where its episode scenarios are
    sources: tuple[str, ...] = ()
    by_promise: Mapping[str, CarriedPromise] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_promise",
                           MappingProxyType({p.name: p for p in self.promises}))

    def scenario_ids(self) -> tuple[str, ...]:
        """Every scenario the campaign may play (listed and replacements), in order."""
        out: dict[str, None] = {}
        for ep in self.episodes:
            out[ep.scenario] = None
            for r in ep.replace:
                out[r.scenario] = None
        return tuple(out)
