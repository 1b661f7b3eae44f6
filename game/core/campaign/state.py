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

from game.core.campaign.model import Campaign, CampaignEnding, Episode
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


def carry_after(campaign: Campaign, before: Carried, sid: str, final: State, setup: Any,
                outcome: str, passed: bool) -> tuple[Carried, tuple[tuple[str, str], ...]]:
    """The relationship after episode ``sid`` ended in ``final``: carried meters and
    flags from it, its outcome as flags, its score parts, and the campaign promises
    made, kept or broken in it (one still open at its due episode's end is broken)."""
    meters = dict(before.meters)
    for m in campaign.carry_meters:
        meters[m] = final.meters[m]
    flags = {f for f in before.flags if f not in campaign.carry_flags}
    flags |= final.flags & set(campaign.carry_flags)
    flags.add(f"{sid}_{outcome}")
    if passed:
        flags.add(f"{sid}_passed")
    promises, made_in, changed = dict(before.promises), dict(before.made_in), []
    for p in campaign.promises:
        status = promises.get(p.name)
        if p.due == sid and status == MADE:
            got = final.promises.get(p.name, MADE)
            promises[p.name] = KEPT if got == KEPT else BROKEN
            flags.add(("kept_" if got == KEPT else "broke_") + p.name)
            changed.append((p.name, promises[p.name]))
        elif status is None and p.due != sid and (
                final.promises.get(p.name) == MADE
                or (p.made_when is not None and holds_in_episode(p.made_when, setup, final))):
            promises[p.name], made_in[p.name] = MADE, sid
            changed.append((p.name, MADE))
    after = replace(before, meters=MappingProxyType(meters), flags=frozenset(flags),
                    promises=MappingProxyType(promises), made_in=MappingProxyType(made_in),
                    earned=before.earned + final.earned,
                    available=before.available + final.available,
                    critical=before.critical | final.critical)
    return after, tuple(changed)


def advance(campaign: Campaign, carried: Carried, index: int, played: bool
            ) -> tuple[int, tuple[int, ...], CampaignEnding | None]:
    """From episode position ``index``: (the next episode to play, the positions
    skipped on the way, the campaign ending when none is left or the relationship
    is over after an episode was ``played``)."""
    if played and campaign.stop_when is not None and holds(campaign, campaign.stop_when,
                                                             carried):
        return index, (), pick_ending(campaign, carried)
    skipped = []
    while index < len(campaign.episodes):
        ep = campaign.episodes[index]
        if holds(campaign, ep.when, between(carried, ep)):
            return index, tuple(skipped), None
        skipped.append(index)
        index += 1
    return index, tuple(skipped), pick_ending(campaign, carried)


def pick_ending(campaign: Campaign, carried: Carried) -> CampaignEnding:
    """The first campaign ending (file order) whose ``when`` holds; the last has none."""
    return next(e for e in campaign.endings.values() if holds(campaign, e.when, carried))


def scenario_for(campaign: Campaign, episode: Episode, carried: Carried) -> str:
    """The scenario an episode plays: the first replacement that holds, else its own."""
    for r in episode.replace:
        if holds(campaign, r.when, carried):
            return r.scenario
    return episode.scenario
