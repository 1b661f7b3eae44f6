"""The campaign file format (``scenarios/campaigns/<id>.yaml``), declared once like
``spec.py``: loading, lint messages and ``schema/campaign.schema.json`` all come from
the ``CAMPAIGN`` record below.

A campaign names one client and an ordered list of episodes, each an ordinary
scenario in ``scenarios/campaigns/<id>/``, and what carries from one to the next
(meters, flags, promises with their due episode). The checks that need the episodes
(every reference, carried names that exist in them, promises that can be made and
come due) are here too; see docs/authoring.md, "Campaigns", and docs/lint-codes.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import Node as YNode

from game.core.campaign.model import (
    Campaign,
    CampaignEnding,
    CarriedPromise,
    Episode,
    Replacement,
)
from game.core.errors import ScenarioError
from game.core.loader.context import Abort, Ctx
from game.core.loader.files import _field, _peek_id, _top, display_path
from game.core.loader.kinds import ID, Choice, Num, Str
from game.core.loader.problems import has_errors, sort_problems, summary_message
from game.core.loader.record import Field, ListOf, MapOf, Record
from game.core.loader.spec import COND, EFFECTS, FLAG, TEXT, pos
from game.core.model import NO_EFFECTS, Outcome, Scenario
from game.core.model import Text as TextModel

CAMPAIGNS_FOLDER = "campaigns"
#: derived flags the runtime sets after each episode, readable in campaign conditions
OUTCOME_FLAGS = ("passed", *(o.value for o in Outcome))


def _text(prefix: str, texts: tuple[str, str, str] | None) -> TextModel | None:
    return None if texts is None else TextModel(prefix, *texts)


def build_replacement(v: dict[str, Any], node: YNode, ctx: Ctx) -> Replacement:
    return Replacement(v["when"], v["scenario"], pos(node))


REPLACEMENT = Record("replacement", (
    Field("when", COND, True, "played instead when this holds"),
    Field("scenario", ID, True, "the episode scenario played in its place"),
), build_replacement, doc="another episode played instead, depending on the state")


def build_episode(v: dict[str, Any], node: YNode, ctx: Ctx) -> Episode:
    return Episode(v["scenario"], v.get("when"), v.get("replace", ()),
                   v.get("effects", NO_EFFECTS),
                   _text(f"{ctx.prefix}.{v['scenario']}.recap", v.get("recap")), pos(node))


EPISODE = Record("episode", (
    Field("scenario", ID, True, "the scenario id (scenarios/campaigns/<campaign>/<id>.yaml)"),
    Field("when", COND, doc="played only while this holds (else skipped)"),
    Field("replace", ListOf(REPLACEMENT), doc="episodes played instead, first that holds"),
    Field("effects", EFFECTS, doc="what happens to the carried state before it starts"),
    Field("recap", TEXT, doc="the 'previously' line shown before it starts"),
), build_episode, doc="one encounter of the campaign")


def build_promise(v: dict[str, Any], node: YNode, ctx: Ctx) -> CarriedPromise:
    name = ctx.key.value if ctx.key is not None else ""
    return CarriedPromise(name, v["due"], v.get("made_when"),
                          _text(f"{ctx.prefix}.promise.{name}", v.get("text")), pos(node))


PROMISE = Record("carried promise", (
    Field("due", ID, True, "the episode scenario in which it is kept or broken"),
    Field("made_when", COND, doc="also made when this holds at the end of an episode "
                                 "(besides a promise:<name> tag)"),
    Field("text", TEXT, doc="the promise as the client remembers it"),
), build_promise, doc="a promise made in one episode that comes due in a later one")


def build_ending(v: dict[str, Any], node: YNode, ctx: Ctx) -> CampaignEnding:
    name = ctx.key.value if ctx.key is not None else ""
    return CampaignEnding(name, v["outcome"], TextModel(f"{ctx.prefix}.end.{name}.title",
                                                        *v["title"]),
                          TextModel(f"{ctx.prefix}.end.{name}.text", *v["text"]),
                          v.get("when"), pos(node))


CAMPAIGN_ENDING = Record("campaign ending", (
    Field("outcome", Choice(Outcome), True),
    Field("title", TEXT, True),
    Field("text", TEXT, True),
    Field("when", COND, doc="picked when this holds; endings are tried in order, the "
                            "last has no 'when'"),
), build_ending, doc="how the whole relationship ends")

METER = Str("^(trust|commitment|mood|reputation)$", "carried meter",
            rule="one of trust, commitment, mood, reputation")
CARRY = Record("carry", (
    Field("meters", ListOf(METER), doc="meters whose value at an episode's end starts the next"),
    Field("flags", ListOf(FLAG), doc="flags that stay set from one episode to the next"),
))

CAMPAIGN = Record("campaign", (
    Field("id", ID, True, "unique; the file is <id>.yaml, its episodes in <id>/"),
    Field("version", Num(1, None, integer=True), True, "bump when the content changes meaning"),
    Field("title", TEXT, True),
    Field("summary", TEXT, True),
    Field("client", Str(), True, "the one client company the campaign is about"),
    Field("pass_score", Num(0, 100), doc="campaign score needed to pass (default 60)"),
    Field("sources", ListOf(Str()), doc="the seed articles it draws on"),
    Field("carry", CARRY, doc="what carries from one episode to the next"),
    Field("promises", MapOf(ID, PROMISE), doc="promise name -> when it comes due"),
    Field("episodes", ListOf(EPISODE, 1), True, "the episodes, in order"),
    Field("stop_when", COND, doc="after an episode: the relationship is over, go to the endings"),
    Field("endings", MapOf(ID, CAMPAIGN_ENDING, min_items=1), True),
), doc="one client relationship over several encounters (scenarios/campaigns/<id>.yaml)")

RECORDS = (CAMPAIGN, CARRY, EPISODE, REPLACEMENT, PROMISE, CAMPAIGN_ENDING, EFFECTS)


# --- reading ------------------------------------------------------------------------

def episode_folder(path: Path, campaign_id: str) -> Path:
    return path.parent / campaign_id


def read_campaign(path: Path, load: Any = None) -> tuple[Campaign | None, tuple]:
    """The Campaign (None if any error) and every problem, its episodes included in
    the checks. ``load(path) -> Scenario`` loads an episode (default: the loader's)."""
    from game.core.loader.library import load_scenario

    load = load or load_scenario
    ctx = Ctx(display_path(path))
    data, top = _top(path, ctx, "id: ..., episodes: [...], endings: ...")
    if top is None:
        return None, sort_problems(ctx.problems)
    ctx.prefix = "campaign." + _peek_id(top, path.stem)
    try:
        v = CAMPAIGN.convert(top, ctx, CAMPAIGN.title)
    except Abort:
        v = None
    if v is None or ctx.has_errors():
        return None, sort_problems(ctx.problems)
    if path.stem != v["id"]:
        ctx.add("E304", _field(top, "id"), f"campaign id '{v['id']}' does not match the file "
                f"name '{path.name}' (expected '{v['id']}.yaml')")
    carry = v.get("carry", {})
    campaign = Campaign(
        v["id"], v["version"], TextModel(f"campaign.{v['id']}.title", *v["title"]),
        TextModel(f"campaign.{v['id']}.summary", *v["summary"]), v["client"],
        v.get("pass_score", 60), tuple(dict.fromkeys(carry.get("meters", ()))),
        tuple(dict.fromkeys(carry.get("flags", ()))),
        tuple(v.get("promises", {}).values()), v["episodes"],
        MappingProxyType(v["endings"]), v.get("stop_when"), str(path),
        hashlib.sha256(data).hexdigest(), str(episode_folder(path, v["id"])),
        v.get("sources", ()))
    episodes = _load_episodes(campaign, top, ctx, load)
    if episodes is not None:
        check_campaign(campaign, episodes, top, ctx)
    if ctx.has_errors():
        return None, sort_problems(ctx.problems)
    return campaign, sort_problems(ctx.problems)


def _load_episodes(campaign: Campaign, top: YNode, ctx: Ctx, load: Any
                   ) -> dict[str, Scenario] | None:
    folder = Path(campaign.folder)
    where = _field(top, "episodes")
    found: dict[str, Scenario] = {}
    for sid in campaign.scenario_ids():
        file = folder / f"{sid}.yaml"
        if not file.is_file():
            ctx.add("E601", where, f"episode '{sid}' has no scenario file "
                    f"{display_path(file)}")
            continue
        try:
            found[sid] = load(file)
        except ScenarioError as err:
            ctx.add("E602", where, f"episode '{sid}' does not load ({len(err.problems)} "
                    f"problems): run lint on {display_path(file)}")
    return found if len(found) == len(campaign.scenario_ids()) else None


def _tags(scenario: Scenario) -> set[str]:
    out: set[str] = set()
    for node in scenario.nodes.values():
        for path in (*node.choices, *((node.timeout,) if node.timeout else ())):
            out.update(path.tags)
    return out


def flags_set_by(scenario: Scenario) -> set[str]:
    out = set(scenario.initial.flags)
    for node in scenario.nodes.values():
        for path in (*node.choices, *((node.timeout,) if node.timeout else ())):
            out.update(path.effects.set_flags)
    for rule in scenario.rules:
        out.update(rule.effects.set_flags)
    return out


def _flags_read(conditions: Iterable[Any]) -> set[str]:
    return {f for c in conditions if c is not None
            for f in getattr(c.compiled, "flags", ())}


def scenario_conditions(scenario: Scenario) -> list[Any]:
    out: list[Any] = [e.when for e in scenario.endings.values()]
    for node in scenario.nodes.values():
        for path in (*node.choices, *((node.timeout,) if node.timeout else ())):
            out.append(getattr(path, "when", None))
            out.extend(b.when for b in path.branches)
    out.extend(r.when for r in scenario.rules)
    return out


def derived_flags(campaign: Campaign) -> set[str]:
    """Flags the runtime sets in the campaign state: ``<episode>_passed``,
    ``<episode>_<outcome>``, ``kept_<promise>``, ``broke_<promise>``."""
    out = {f"{sid}_{kind}" for sid in campaign.scenario_ids() for kind in OUTCOME_FLAGS}
    out.update(f"{kind}_{p.name}" for p in campaign.promises for kind in ("kept", "broke"))
    return out


def check_campaign(campaign: Campaign, episodes: dict[str, Scenario], top: YNode,
                   ctx: Ctx) -> None:
    order = {sid: i for i, ep in enumerate(campaign.episodes)
             for sid in (ep.scenario, *(r.scenario for r in ep.replace))}
    carry_node = _field(top, "carry")
    for sid in (ep.scenario for ep in campaign.episodes):
        if sum(ep.scenario == sid for ep in campaign.episodes) > 1:
            ctx.add("E603", _field(top, "episodes"), f"episode '{sid}' is listed twice")
            break
    # carried flags: set by some episode, read by a later one or by the campaign
    reads = _flags_read(c for s in episodes.values() for c in scenario_conditions(s))
    own = [ep.when for ep in campaign.episodes] + [r.when for ep in campaign.episodes
                                                    for r in ep.replace]
    own += [e.when for e in campaign.endings.values()] + [campaign.stop_when]
    reads |= _flags_read(own) | _flags_read(p.made_when for p in campaign.promises)
    setters = {f: [sid for sid, s in episodes.items() if f in flags_set_by(s)]
               for f in campaign.carry_flags}
    for flag, where in setters.items():
        if not where:
            ctx.add("E604", carry_node, f"carried flag '{flag}' is set by no episode")
        elif flag not in reads:
            ctx.add("W605", carry_node, f"carried flag '{flag}' is read by no episode "
                    "and no campaign condition: carrying it changes nothing")
    known = set(campaign.carry_flags) | derived_flags(campaign)
    for cond in (c for c in own if c is not None):
        compiled = cond.compiled
        for flag in sorted(getattr(compiled, "flags", ())):
            if flag not in known:
                ctx.at("E606", cond.pos.line, cond.pos.column,
                       f"condition '{cond.source}': flag '{flag}' is neither carried nor "
                       "one the campaign sets (<episode>_passed, <episode>_<outcome>, "
                       "kept_<promise>, broke_<promise>)")
        if getattr(compiled, "choices", ()) or getattr(compiled, "nodes", ()):
            ctx.at("E606", cond.pos.line, cond.pos.column,
                   f"condition '{cond.source}': chose() and visited() read one episode; "
                   "carry a flag instead")
    for promise in campaign.promises:
        _check_promise(campaign, promise, episodes, order, reads, ctx)
    endings = list(campaign.endings.values())
    for ending in endings[:-1]:
        if ending.when is None:
            ctx.at("E609", ending.pos.line, ending.pos.column, f"campaign ending '{ending.id}' "
                   "has no 'when' but is not the last: the endings after it are never picked")
    if endings[-1].when is not None:
        last = endings[-1]
        ctx.at("E609", last.pos.line, last.pos.column, f"the last campaign ending "
               f"('{last.id}') has a 'when': the last one is the default and has none")


def _check_promise(campaign: Campaign, promise: CarriedPromise, episodes: dict[str, Scenario],
                   order: dict[str, int], reads: set[str], ctx: Ctx) -> None:
    line, col = promise.pos.line, promise.pos.column
    if promise.due not in episodes:
        ctx.at("E607", line, col, f"promise '{promise.name}' is due in '{promise.due}', "
               "which is not an episode of this campaign")
        return
    due_at = order[promise.due]
    made_by_tag = [sid for sid, s in episodes.items() if order[sid] < due_at
                   and f"promise:{promise.name}" in _tags(s)]
    made_flags = set(getattr(promise.made_when.compiled, "flags", ())) \
        if promise.made_when is not None else set()
    made_by_flag = [sid for sid, s in episodes.items() if order[sid] < due_at
                    and made_flags & flags_set_by(s)]
    if not made_by_tag and not made_by_flag:
        ctx.at("E608", line, col, f"promise '{promise.name}' is made in no episode before "
               f"'{promise.due}' (a promise:{promise.name} tag or its made_when)")
    for flag in sorted(made_flags - set(campaign.carry_flags)):
        if not any(flag in flags_set_by(s) for s in episodes.values()):
            ctx.at("E608", line, col, f"promise '{promise.name}': made_when reads flag "
                   f"'{flag}', which no episode sets")
    tags = _tags(episodes[promise.due])
    if f"keep:{promise.name}" not in tags and f"break:{promise.name}" not in tags:
        ctx.at("E608", line, col, f"promise '{promise.name}' is due in '{promise.due}', but "
               f"no answer there keeps or breaks it (keep:{promise.name}/break:{promise.name})")


def load_campaign(path: str | Path) -> Campaign:
    """A campaign by path or id (``scenarios/campaigns/<id>.yaml``); ScenarioError if
    it has errors."""
    path = resolve_campaign(path)
    campaign, problems = read_campaign(path)
    if campaign is None or has_errors(problems):
        raise ScenarioError(summary_message(str(path), problems), problems)
    return campaign


def campaign_paths(folder: Path | None = None) -> list[Path]:
    from game.core.loader.library import SCENARIOS

    folder = folder if folder is not None else SCENARIOS / CAMPAIGNS_FOLDER
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def resolve_campaign(arg: str | Path) -> Path:
    """A campaign file from its id or path; UsageError when there is none."""
    from game.core.errors import UsageError
    from game.core.loader.library import SCENARIOS

    path = Path(arg)
    if path.is_file():
        return path
    by_id = SCENARIOS / CAMPAIGNS_FOLDER / f"{arg}.yaml"
    if by_id.is_file() and "/" not in str(arg):
        return by_id
    raise UsageError(f"no campaign '{arg}'")


def is_campaign(arg: str | Path) -> bool:
    """Whether a command's SCENARIO argument names a campaign (by id or path)."""
    from game.core.loader.library import SCENARIOS

    path = Path(arg)
    if path.is_file():
        return path.parent.name == CAMPAIGNS_FOLDER
    return "/" not in str(arg) and (SCENARIOS / CAMPAIGNS_FOLDER / f"{arg}.yaml").is_file()


def load_campaign_episodes(campaign: Campaign, catalogue: Any = None) -> dict[str, Scenario]:
    """Every scenario the campaign may play, by id, loaded from its folder."""
    from game.core.loader.library import load_scenario

    folder = Path(campaign.folder)
    return {sid: load_scenario(folder / f"{sid}.yaml", catalogue)
            for sid in campaign.scenario_ids()}
