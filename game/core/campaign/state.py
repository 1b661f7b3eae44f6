"""The relationship between episodes: what a campaign carries from one to the next,
and how an episode's scenario is started from it.

An episode is an ordinary scenario; starting it "with the state carried from k-1"
means starting it from a copy whose ``initial:`` is the carried one (the carried
meters, the carried flags, the promises due in it), so the session, its scoring,
its replay and every tool that reads it stay exactly those of a single encounter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from game.core.campaign.model import Campaign, Episode
from game.core.model import METERS, Condition, Scenario
from game.core.rules.conditions import CompiledCondition, compile_condition
from game.core.rules.scoring import overall_score, passes
from game.core.runtime.context import EvalContext, Static
from game.core.runtime.state import State, clamp_meter

_EMPTY: Mapping[str, Any] = MappingProxyType({})
MADE, KEPT, BROKEN = "made", "kept", "broken"


@dataclass(frozen=True, slots=True)
class Carried:
    """The relationship so far: meters, carried flags, campaign promises and the
    campaign score's running parts (Σ earned, Σ at stake over the episodes)."""

    meters: Mapping[str, float]
    flags: frozenset[str] = frozenset()
    promises: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # name -> status
    made_in: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # name -> scenario
    earned: float = 0.0
    available: float = 0.0
    critical: frozenset[str] = frozenset()  # critical traits shown in any episode

    @property
    def score(self) -> float:
        return overall_score(self.earned, self.available)

    def trust(self) -> float:
        return self.meters["trust"]

    def to_dict(self) -> dict[str, Any]:
        return {"meters": {k: round(v, 4) for k, v in self.meters.items()},
                "flags": sorted(self.flags), "promises": dict(sorted(self.promises.items())),
                "made_in": dict(sorted(self.made_in.items())),
                "earned": round(self.earned, 6), "available": round(self.available, 6),
                "critical": sorted(self.critical)}

    def key(self) -> tuple:
        """What the analyser merges equal states by (meters to 0.5, score to 1 point)."""
        return (tuple(round(self.meters[m] * 2) for m in sorted(self.meters)), self.flags,
                tuple(sorted(self.promises.items())), round(self.score), self.critical)


def starting(campaign: Campaign, first: Scenario) -> Carried:
    """The relationship before episode 1: the first episode's own starting meters."""
    return Carried(MappingProxyType({m: first.initial.as_meters()[m] for m in METERS
                                     if m != "reach"}))


def between(carried: Carried, episode: Episode) -> Carried:
    """The carried state after what happens between two episodes (``effects``)."""
    eff = episode.effects
    if not eff.meters and not eff.set_flags and not eff.clear_flags:
        return carried
    meters = dict(carried.meters)
    for name, delta in eff.meters.items():
        if name in meters:
            meters[name] = clamp_meter(name, meters[name] + delta)
    flags = (carried.flags | set(eff.set_flags)) - set(eff.clear_flags)
    return replace(carried, meters=MappingProxyType(meters), flags=frozenset(flags))


def episode_scenario(campaign: Campaign, scenario: Scenario, carried: Carried) -> Scenario:
    """``scenario`` starting from the carried state: carried meters and flags replace
    its own defaults, and the campaign promises open and due in it are open."""
    initial = scenario.initial
    meters = {m: carried.meters[m] for m in campaign.carry_meters}
    own_flags = [f for f in initial.flags if f not in campaign.carry_flags]
    flags = tuple(sorted({*own_flags, *(carried.flags & set(campaign.carry_flags))}))
    own_promises = [p for p in initial.promises if p not in campaign.by_promise]
    due = [p.name for p in campaign.promises
           if p.due == scenario.id and carried.promises.get(p.name) == MADE]
    promises = tuple(dict.fromkeys((*own_promises, *due)))
    return replace(scenario, initial=replace(initial, **meters, flags=flags, promises=promises))


def _compiled(cond: Condition) -> CompiledCondition:
    found = cond.compiled
    return found if isinstance(found, CompiledCondition) else compile_condition(cond.source)


def holds(campaign: Campaign, cond: Condition | None, carried: Carried) -> bool:
    """A campaign condition against the relationship so far: ``state.*`` are the
    carried meters, ``flags.*`` the carried and outcome flags, ``score()`` and
    ``passing()`` the campaign score and pass mark, ``open_promises()`` the promises
    made and not yet due."""
    if cond is None:
        return True
    state = State("", MappingProxyType({**carried.meters, "reach": 0.0}),
                  flags=carried.flags, promises=carried.promises, earned=carried.earned,
                  available=carried.available, critical=carried.critical)
    static = Static("", "", campaign.client, "", _EMPTY, pass_score=float(campaign.pass_score))
    return bool(_compiled(cond)(EvalContext(static, state, "campaign")))


def holds_in_episode(cond: Condition, setup: Any, state: State) -> bool:
    """A condition (a promise's ``made_when``) against an episode's final state."""
    return bool(setup.condition(cond)(EvalContext(setup.static, state, "end")))


def campaign_passed(campaign: Campaign, carried: Carried) -> bool:
    return passes(carried.score, campaign.pass_score, tuple(sorted(carried.critical)))
