"""`analyze CAMPAIGN`: the campaign explored as a whole, episode after episode, with
the one exploration API (``Explorer``) on each episode started from each carried
state the earlier episodes can leave.

Each episode's complete runs carry on through the same pure functions the runtime
uses (``game.core.campaign.state``), so what analysis finds is what play does.
Carried states that are equal to within half a point of each meter, a point of
score, the same flags and promises merge (their path counts add up); when more
than ``per_episode`` remain, a spread of them is kept (lowest and highest trust and
score of each flag/promise combination first) and the figures are marked
approximate. Reported: campaign endings with their paths and score range, the
campaign score range, promises never made or never come due, and what naive and
surface strategies (first, last, shortest, middle-length, longest answer, most
digits, random play) score over the whole campaign.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from game.core.analysis.explore import Explorer
from game.core.analysis.strategies import SURFACE, _by_length, _digits
from game.core.campaign import state as cs
from game.core.campaign.model import Campaign
from game.core.model import LANGS, Choice, Scenario, TraitCatalogue
from game.core.rules.scoring import passes

Picker = Callable[[tuple[Choice, ...], tuple], Choice]


@dataclass(frozen=True, slots=True)
class CampaignAnalysis:
    campaign: str
    episodes: int
    pass_score: float
    endings: dict[str, dict]  # id -> {outcome, paths, passed_paths, score {min, median, max}}
    paths: int
    score: dict[str, float | None]
    per_episode: tuple[dict, ...]  # {scenario, states_in, runs, endings {id: paths}, skipped}
    promises: dict[str, dict]  # name -> {made, kept, broken, never_due} (paths)
    strategies: dict[str, float]
    passing_strategies: dict[str, str]
    exact: bool
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {"campaign": self.campaign, "episodes": self.episodes,
                "pass_score": self.pass_score, "endings": self.endings, "paths": self.paths,
                "score": self.score, "per_episode": list(self.per_episode),
                "promises": self.promises, "strategies": self.strategies,
                "passing_strategies": self.passing_strategies, "exact": self.exact,
                "warnings": list(self.warnings)}


@dataclass(slots=True)
class _Point:
    """Campaign paths that reached the same carried state at the same position."""

    carried: cs.Carried
    index: int
    played: bool
    count: int


def _explorer(campaign: Campaign, scenario: Scenario, carried: cs.Carried,
              catalogue: TraitCatalogue | None, rules: object) -> Explorer:
    return Explorer(cs.episode_scenario(campaign, scenario, carried), catalogue, rules)


def _spread(points: list[_Point], cap: int) -> tuple[list[_Point], bool]:
    """At most ``cap`` points: first the best and the worst (by score, then trust) of
    each state of the promises (made, kept, broken), then of each flag/promise
    combination, best and worst in turn, then the rest evenly spaced by trust.
    Returns (kept, whether any was dropped)."""
    if len(points) <= cap:
        return points, False
    groups: dict[tuple, list[_Point]] = {}
    for p in points:
        groups.setdefault((tuple(sorted(p.carried.flags)),
                           tuple(sorted(p.carried.promises.items()))), []).append(p)
    rank = lambda p: (p.carried.score, p.carried.meters["trust"])  # noqa: E731
    ordered = [sorted(groups[k], key=rank) for k in sorted(groups)]
    # the best of each combination, best first (the paths to the success ending),
    # then the worst of each, worst first (the paths to the failure ending)
    firsts = sorted((m[-1] for m in ordered), key=rank, reverse=True)
    worsts = sorted((m[0] for m in ordered if len(m) > 1), key=rank)
    kept: dict[int, _Point] = {}
    by_promises: dict[tuple, list[_Point]] = {}  # every promise outcome stays in view
    for p in points:
        by_promises.setdefault(tuple(sorted(p.carried.promises.items())), []).append(p)
    for key in sorted(by_promises):
        members = sorted(by_promises[key], key=rank)
        for p in (members[-1], members[0]):
            if len(kept) < cap:
                kept.setdefault(id(p), p)
    interleaved = [x for pair in zip(firsts, worsts + firsts[len(worsts):], strict=False)
                   for x in pair]
    for p in interleaved:
        if len(kept) >= cap:
            break
        kept.setdefault(id(p), p)
    rest = sorted((p for p in points if id(p) not in kept),
                  key=lambda p: (p.carried.meters["trust"], p.carried.score))
    room = cap - len(kept)
    if room > 0 and rest:
        step = len(rest) / room
        for i in range(min(room, len(rest))):
            p = rest[int(i * step)]
            kept.setdefault(id(p), p)
    return list(kept.values()), True


def analyze_campaign(campaign: Campaign, episodes: Mapping[str, Scenario],
                     catalogue: TraitCatalogue | None, rules: object = (), *,
                     per_episode: int = 16, runs_per_state: int = 4000,
                     random_runs: int = 40) -> CampaignAnalysis:
    first = episodes[campaign.episodes[0].scenario]
    frontier = [_Point(cs.starting(campaign, first), 0, False, 1)]
    finished: list[tuple[cs.Carried, str, int]] = []  # (final carried, ending id, paths)
    exact, per = True, []
    while frontier:
        merged: dict[tuple, _Point] = {}
        stats: dict[str, dict] = {}
        for point in frontier:
            index, _, ending = cs.advance(campaign, point.carried, point.index, point.played)
            if ending is not None:
                finished.append((point.carried, ending.id, point.count))
                continue
            ep = campaign.episodes[index]
            before = cs.between(point.carried, ep)
            sid = cs.scenario_for(campaign, ep, before)
            row = stats.setdefault(sid, {"scenario": sid, "position": index + 1,
                                         "states_in": 0, "runs": 0, "endings": {}})
            row["states_in"] += 1
            ex = _explorer(campaign, episodes[sid], before, catalogue, rules)
            runs = 0
            for _steps, final in ex.runs(limit=runs_per_state):
                runs += 1
                outcome = ex.scenario.endings[final.node].outcome.value
                after, _ = cs.carry_after(campaign, before, sid, final, ex.setup, outcome,
                                          ex.passed(final))
                row["endings"][final.node] = row["endings"].get(final.node, 0) + point.count
                key = (index + 1, after.key())
                if key in merged:
                    merged[key].count += point.count
                else:
                    merged[key] = _Point(after, index + 1, True, point.count)
            exact = exact and runs < runs_per_state
            row["runs"] += runs
        per.extend(stats.values())
        frontier, dropped = _spread(list(merged.values()), per_episode)
        exact = exact and not dropped
    return _report(campaign, episodes, catalogue, rules, finished, tuple(per), exact,
                   random_runs)


def _report(campaign: Campaign, episodes: Mapping[str, Scenario],
            catalogue: TraitCatalogue | None, rules: object, finished: list, per: tuple,
            exact: bool, random_runs: int) -> CampaignAnalysis:
    endings: dict[str, dict] = {}
    for eid, e in campaign.endings.items():
        mine = [(c, n) for c, ending, n in finished if ending == eid]
        scores = [c.score for c, _ in mine]
        endings[eid] = {
            "outcome": e.outcome.value, "reachable": bool(mine),
            "paths": sum(n for _, n in mine),
            "passed_paths": sum(n for c, n in mine if cs.campaign_passed(campaign, c)),
            "score": _range(scores)}
    promises = {}
    for p in campaign.promises:
        counts = {"made": 0, "kept": 0, "broken": 0, "never_due": 0, "never_made": 0}
        for c, _, n in finished:
            status = c.promises.get(p.name)
            if status is None:
                counts["never_made"] += n
            else:
                counts["made"] += n
                counts[{"kept": "kept", "broken": "broken"}.get(status, "never_due")] += n
        promises[p.name] = counts
    scores, passing = campaign_strategies(campaign, episodes, catalogue, rules, random_runs)
    warnings = [f"campaign ending '{eid}' is never reached" for eid, e in endings.items()
                if not e["reachable"]]
    warnings += [f"promise '{name}' is never made on any path" for name, c in promises.items()
                 if not c["made"]]
    warnings += [f"promise '{name}' never comes due: made on {c['made']} paths, kept or "
                 f"broken on none" for name, c in promises.items()
                 if c["made"] and not (c["kept"] or c["broken"])]
    warnings += [f"strategy '{name}' {how} (campaign pass mark {campaign.pass_score:g})"
                 for name, how in passing.items()]
    return CampaignAnalysis(campaign.id, len(campaign.episodes), float(campaign.pass_score),
                            endings, sum(n for _, _, n in finished),
                            _range([c.score for c, _, _ in finished]), per, promises, scores,
                            passing, exact, tuple(warnings))


def _range(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"min": None, "median": None, "max": None}
    return {"min": round(min(values), 2), "median": round(statistics.median(values), 2),
            "max": round(max(values), 2)}


def play_through(campaign: Campaign, episodes: Mapping[str, Scenario],
                 catalogue: TraitCatalogue | None, rules: object, pick: Picker
                 ) -> tuple[cs.Carried, str]:
    """One whole campaign chosen by ``pick`` at every decision: (final state, ending)."""
    first = episodes[campaign.episodes[0].scenario]
    carried, index, played = cs.starting(campaign, first), 0, False
    while True:
        index, _, ending = cs.advance(campaign, carried, index, played)
        if ending is not None:
            return carried, ending.id
        ep = campaign.episodes[index]
        before = cs.between(carried, ep)
        sid = cs.scenario_for(campaign, ep, before)
        ex = _explorer(campaign, episodes[sid], before, catalogue, rules)
        final = ex.play(pick)
        if final is None:  # an episode that never ends: lint and analyze say where
            return carried, ""
        outcome = ex.scenario.endings[final.node].outcome.value
        carried, _ = cs.carry_after(campaign, before, sid, final, ex.setup, outcome,
                                    ex.passed(final))
        index, played = index + 1, True


def campaign_strategies(campaign: Campaign, episodes: Mapping[str, Scenario],
                        catalogue: TraitCatalogue | None, rules: object, random_runs: int = 40
                        ) -> tuple[dict[str, float], dict[str, str]]:
    """({strategy: campaign score}, {strategy: why it passes}); a surface strategy's
    score is its best over the three languages."""
    def run(pick: Picker) -> tuple[float, bool]:
        carried, _ = play_through(campaign, episodes, catalogue, rules, pick)
        return carried.score, cs.campaign_passed(campaign, carried)

    scores: dict[str, float] = {}
    passing: dict[str, str] = {}
    for name, pick in (("first", lambda s, a: s[0]), ("last", lambda s, a: s[-1])):
        score, ok = run(pick)
        scores[name] = round(score, 2)
        if ok:
            passing[name] = "passes"
    for name in SURFACE:
        best = 0.0
        for lang in LANGS:
            score, ok = run(_digits(lang) if name == "digits" else _by_length(lang, name))
            best = max(best, score)
            if ok and name not in passing:
                passing[name] = f"passes in '{lang}'"
        scores[name] = round(best, 2)
    rng = random.Random(0)
    results = [run(lambda s, a: s[rng.randrange(len(s))]) for _ in range(random_runs)]
    if results:
        mean = sum(s for s, _ in results) / len(results)
        scores["random_mean"] = round(mean, 2)
        if passes(mean, campaign.pass_score, ()):
            share = sum(ok for _, ok in results) / len(results)
            passing["random_mean"] = f"the mean reaches the pass mark ({share:.0%} of runs pass)"
    return scores, passing
