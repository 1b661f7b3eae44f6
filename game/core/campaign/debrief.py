"""The campaign debrief: trust and commitment across episodes, the decisions that
moved them, and each carried promise from where it was made to where it came due.

Pure data from the episodes' sessions; the front ends lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.campaign.model import Campaign, CampaignEnding
from game.core.campaign.state import BROKEN, KEPT, MADE, Carried, campaign_passed
from game.core.model import Text


@dataclass(frozen=True, slots=True)
class Move:
    """One decision that moved trust or commitment."""

    node: str
    choice: str | None  # None: the time ran out
    text: Text | None  # the answer as shown
    trust: float  # change
    commitment: float


@dataclass(frozen=True, slots=True)
class EpisodeRecord:
    index: int
    scenario: str
    title: Text
    session: str
    ending: str
    ending_title: Text
    outcome: str
    score: float
    passed: bool
    before: Carried
    after: Carried
    moves: tuple[Move, ...]
    promises: tuple[tuple[str, str], ...]  # (name, made | kept | broken) here


@dataclass(frozen=True, slots=True)
class PromiseLine:
    name: str
    text: Text | None
    made_in: str | None  # the scenario it was made in (None: never made)
    due: str
    status: str  # made (still open: never came due), kept, broken, or "" (never made)


@dataclass(frozen=True, slots=True)
class CampaignResult:
    campaign: str
    ending: CampaignEnding
    outcome: str
    score: float
    passed: bool
    pass_score: float
    episodes: tuple[EpisodeRecord, ...]
    promises: tuple[PromiseLine, ...]

    def trust_line(self) -> tuple[float, ...]:
        """Trust at the start, then after each episode played."""
        if not self.episodes:
            return ()
        return (self.episodes[0].before.meters["trust"],
                *(e.after.meters["trust"] for e in self.episodes))

    def commitment_line(self) -> tuple[float, ...]:
        if not self.episodes:
            return ()
        return (self.episodes[0].before.meters["commitment"],
                *(e.after.meters["commitment"] for e in self.episodes))


def moves_of(session: Any) -> tuple[Move, ...]:
    """The decisions of an episode session that changed trust or commitment."""
    initial = session.scenario.initial
    trust, commitment = initial.trust, initial.commitment
    texts = {(n.id, c.id): c.text for n in session.scenario.nodes.values() for c in n.choices}
    out = []
    for step in session.steps:
        t, c = step.state.meters["trust"], step.state.meters["commitment"]
        if abs(t - trust) > 1e-9 or abs(c - commitment) > 1e-9:
            out.append(Move(step.node, step.choice, texts.get((step.node, step.choice)),
                            round(t - trust, 4), round(c - commitment, 4)))
        trust, commitment = t, c
    return tuple(out)


def build_campaign_result(campaign: Campaign, ending: CampaignEnding, carried: Carried,
                          records: tuple[EpisodeRecord, ...]) -> CampaignResult:
    lines = []
    for p in campaign.promises:
        status = carried.promises.get(p.name, "")
        assert status in ("", MADE, KEPT, BROKEN)
        lines.append(PromiseLine(p.name, p.text, carried.made_in.get(p.name), p.due, status))
    return CampaignResult(campaign.id, ending, ending.outcome.value, carried.score,
                          campaign_passed(campaign, carried), float(campaign.pass_score),
                          records, tuple(lines))
