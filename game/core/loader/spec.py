"""The file formats, declared once: scenario, rule pack, trait catalogue, curriculum.

Each ``Record`` lists its fields (name, kind, required, a one-line description) and
a builder that turns the checked values into the immutable model. Loading, lint
messages ("unknown key ... did you mean") and the JSON Schema all come from here.
See docs/design.md for the format's meaning and docs/lint-codes.md for the checks.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from yaml.nodes import Node as YNode
from yaml.nodes import ScalarNode, SequenceNode

from game.core.loader.conditions import compile_at
from game.core.loader.context import Ctx
from game.core.loader.kinds import ID, Bool, Choice, Kind, Num, Ref, Str, Text, TraitRef
from game.core.loader.record import Field, ListOf, MapOf, Record
from game.core.model import (
    METERS,
    NO_EFFECTS,
    Branch,
    Channel,
    Condition,
    Difficulty,
    Effects,
    Encounter,
    Ending,
    Escalation,
    Evidence,
    Outcome,
    Persona,
    Polarity,
    Pos,
    Rule,
    RuleScope,
    Speaker,
    Timeout,
    Trait,
)
from game.core.model import Choice as ChoiceModel
from game.core.model import Node as NodeModel
from game.core.model import Text as TextModel

TEXT = Text()
TRAIT = TraitRef()
FLAG = Str("^[a-z][a-z0-9_]*$", "flag name")
TAG = Str("^[a-z][a-z0-9_]*(:[a-z0-9_]+)?$", "tag",
          doc="a fact rules read: promise:<name>, keep:<name>, break:<name>, favour, report...",
          rule="a word, or two joined by ':' (like favour or promise:callback)")


class Cond(Str):
    """A condition in the rules' expression language, compiled at load time."""

    def __init__(self) -> None:
        super().__init__(doc="a condition, e.g. \"state.trust >= 40 and flags.apologised\"")

    def convert(self, node: YNode, ctx: Ctx, name: str) -> Condition | None:
        source = Str.convert(self, node, ctx, name)
        if source is None:
            return None
        if not source.strip():
            ctx.add("E303", node, f"'{name}' is an empty condition")
            return None
        return compile_at(ctx, node, source)


COND = Cond()


def pos(node: YNode) -> Pos:
    mark = node.start_mark
    return Pos(mark.line + 1, mark.column + 1)


def _line(prefix: str, texts: tuple[str, str, str] | None) -> TextModel | None:
    return None if texts is None else TextModel(prefix, *texts)


def _evidence(found: dict[str, int] | None) -> tuple[Evidence, ...]:
    return tuple(Evidence(t, s) for t, s in found.items()) if found else ()


# --- effects and evidence ---------------------------------------------------------

def build_effects(v: dict[str, Any], node: YNode, ctx: Ctx) -> Effects:
    meters = {name: v[name] for name in METERS if name in v}
    if not meters and not v.get("set") and not v.get("clear"):
        return NO_EFFECTS
    return Effects(MappingProxyType(meters), v.get("set", ()), v.get("clear", ()))


_DELTA = Num(-100, 100, doc="change to the meter (the result is kept within 0-100)")
EFFECTS = Record("effects", (
    *(Field(name, Num(-1e9, 1e9) if name == "reach" else _DELTA,
            doc=f"change to {name}") for name in METERS),
    Field("set", ListOf(FLAG), doc="flags to set (conditions read them as flags.<name>)"),
    Field("clear", ListOf(FLAG), doc="flags to clear"),
), build_effects, doc="changes to the session state")

EVIDENCE = MapOf(TRAIT, Num(-3, 3, integer=True, nonzero=True),
                 doc="trait id -> strength -3..3 (not 0): + shows the trait, - goes against it")
TAGS = ListOf(TAG, doc="facts the rules read")


# --- nodes, choices, endings ------------------------------------------------------

def build_branch(v: dict[str, Any], node: YNode, ctx: Ctx) -> Branch | tuple[None, str]:
    when = v.get("when")
    return (None, v["next"]) if when is None else Branch(when, v["next"], pos(node))


BRANCH = Record("branch", (
    Field("when", COND, doc="taken when this holds (the last branch has no 'when')"),
    Field("next", Ref(), True, "the node or ending it leads to"),
), build_branch, doc="one conditional way on")


class Next(Kind):
    """Where a choice or timeout leads: one target, or an ordered list of
    ``{when, next}`` branches ending in a default ``{next}`` (ink's conditional
    divert). Converts to ``(default, branches)``."""

    what = "a node or ending id, or a list of {when: ..., next: ...} ending with {next: ...}"

    def __init__(self, doc: str) -> None:
        self.ref, self.doc = Ref(), doc

    def convert(self, node: YNode, ctx: Ctx, name: str) -> tuple[str, tuple[Branch, ...]] | None:
        if node.__class__ is ScalarNode:
            target = self.ref.convert(node, ctx, name)
            return None if target is None else (target, ())
        if node.__class__ is not SequenceNode or not node.value:
            ctx.wrong_type(node, name, self.what)
            ctx.broken = True
            return None
        items = [BRANCH.convert(item, ctx, f"{name}[]") for item in node.value]
        if any(item is None for item in items):
            return None
        last = items[-1]
        if isinstance(last, Branch):
            ctx.add("E310", node.value[-1], f"'{name}' has no default: its last branch needs "
                    "no 'when' (say where the scene goes when no condition holds)")
            return None
        for item, where in zip(items[:-1], node.value[:-1], strict=True):
            if not isinstance(item, Branch):
                ctx.add("E311", where, f"a branch of '{name}' without 'when' comes before "
                        "others, which can then never be taken; put it last")
                return None
        seen: dict[str, int] = {}
        for item in items[:-1]:
            if item.when.source in seen:  # type: ignore[union-attr]
                ctx.at("W312", item.pos.line, item.pos.column,
                       f"this branch repeats the condition of the branch at line "
                       f"{seen[item.when.source]}: it can never be taken")  # type: ignore
            seen.setdefault(item.when.source, item.pos.line)  # type: ignore[union-attr]
        return last[1], tuple(items[:-1])  # type: ignore[index,return-value]

    def children(self) -> tuple[Kind, ...]:
        return (BRANCH,)

    def schema(self) -> dict[str, Any]:
        return {"description": self.doc, "oneOf": [
            {"type": "string", "pattern": self.ref.pattern},
            {"type": "array", "minItems": 1, "items": BRANCH.schema()}]}


def build_choice(v: dict[str, Any], node: YNode, ctx: Ctx) -> ChoiceModel:
    line = f"{ctx.prefix}.{v['id']}"
    target, branches = v["next"]
    return ChoiceModel(v["id"], TextModel(line + ".text", *v["text"]), target,
                       _evidence(v.get("evidence")), v.get("effects", NO_EFFECTS),
                       _line(line + ".feedback", v.get("feedback")), v.get("when"),
                       v.get("once", False), v.get("tags", ()), pos(node), branches)


CHOICE = Record("choice", (
    Field("id", ID, True, "stable id, unique in its node (part of the line ids)"),
    Field("text", TEXT, True, "what the player says or does"),
    Field("next", Next("the node or ending it leads to, or a list of {when, next} "
                       "branches ending with a default {next}; 'ending' picks the first "
                       "ending whose 'when' holds"), True),
    Field("evidence", EVIDENCE),
    Field("effects", EFFECTS),
    Field("feedback", TEXT, doc="why this was good or bad, naming the trait"),
    Field("when", COND, doc="shown only when this condition holds"),
    Field("once", Bool(), doc="gone once used"),
    Field("tags", TAGS),
), build_choice, doc="an answer the player can give")


def build_timeout(v: dict[str, Any], node: YNode, ctx: Ctx) -> Timeout:
    target, branches = v["next"]
    return Timeout(target, _evidence(v.get("evidence")), v.get("effects", NO_EFFECTS),
                   _line(f"{ctx.prefix}.timeout.feedback", v.get("feedback")),
                   v.get("tags", ()), pos(node), branches)


TIMEOUT = Record("timeout", (
    Field("next", Next("the node or ending the timeout leads to (or {when, next} "
                       "branches)"), True),
    Field("evidence", EVIDENCE),
    Field("effects", EFFECTS),
    Field("feedback", TEXT),
    Field("tags", TAGS),
), build_timeout, doc="what happens when the time limit runs out")


def build_node(v: dict[str, Any], node: YNode, ctx: Ctx) -> NodeModel:
    node_id = ctx.prefix.rpartition(".")[2]
    choices: tuple[ChoiceModel, ...] = v["choices"]
    first: dict[str, ChoiceModel] = {}
    for choice in choices:
        if choice.id in first:
            ctx.at("E208", choice.pos.line, choice.pos.column,
                   f"duplicate choice id '{choice.id}' in node '{node_id}' "
                   f"(first at line {first[choice.id].pos.line})")
        first.setdefault(choice.id, choice)
    time_limit, timeout = v.get("time_limit"), v.get("timeout")
    if time_limit is not None and timeout is None:
        ctx.add("E209", ctx.key or node, f"node '{node_id}' has a time_limit but no timeout "
                "(say where the scene goes when time runs out)")
    elif timeout is not None and time_limit is None:
        ctx.at("E209", timeout.pos.line, timeout.pos.column,
               f"node '{node_id}' has a timeout but no time_limit")
    if choices and all(c.when is not None for c in choices):
        ctx.add("W404", ctx.key or node, f"every choice of node '{node_id}' has a condition; "
                "the player may be left with nothing to choose")
    return NodeModel(node_id, v.get("speaker", Speaker.CLIENT),
                     TextModel(ctx.prefix + ".say", *v["say"]), choices,
                     time_limit, timeout, pos(ctx.key or node))


NODE = Record("node", (
    Field("speaker", Choice(Speaker), doc="who speaks (default: client)"),
    Field("say", TEXT, True, "what the client, the feed or a colleague says"),
    Field("time_limit", Num(1, 600), doc="seconds to answer; needs a timeout"),
    Field("timeout", TIMEOUT),
    Field("choices", ListOf(CHOICE, 1), True, "the answers on offer (at least one)"),
), build_node, doc="a moment of the encounter")


def build_ending(v: dict[str, Any], node: YNode, ctx: Ctx) -> Ending:
    return Ending(ctx.prefix.rpartition(".")[2], v["outcome"],
                  TextModel(ctx.prefix + ".title", *v["title"]),
                  TextModel(ctx.prefix + ".text", *v["text"]), pos(ctx.key or node),
                  v.get("when"))


ENDING = Record("ending", (
    Field("outcome", Choice(Outcome), True, "how it leaves the relationship"),
    Field("title", TEXT, True),
    Field("text", TEXT, True),
    Field("when", COND, doc="with 'next: ending', this ending is picked when this holds "
                            "(endings are tried in file order; the last has no 'when')"),
), build_ending, doc="how the encounter ends")


# --- rules ------------------------------------------------------------------------

def build_rule(v: dict[str, Any], node: YNode, ctx: Ctx) -> Rule:
    return Rule(v["id"], v["when"], TextModel(f"{ctx.prefix}.rule.{v['id']}", *v["explain"]),
                v.get("scope", RuleScope.CHOICE), MappingProxyType(v.get("traits", {})),
                MappingProxyType(v.get("multiply", {})), v.get("effects", NO_EFFECTS),
                v.get("once", False), v.get("source"), pos(node))


RULE = Record("rule", (
    Field("id", ID, True),
    Field("scope", Choice(RuleScope), doc="when it is checked (default: choice)"),
    Field("when", COND, True),
    Field("traits", MapOf(TRAIT, Num(-10, 10)), doc="points added to traits"),
    Field("multiply", MapOf(TRAIT, Num(0, 10)), doc="factors on this event's evidence"),
    Field("effects", EFFECTS),
    Field("once", Bool(), doc="fires at most once per session"),
    Field("source", Str(), doc="the article it encodes"),
    Field("explain", TEXT, True, "the line the debrief shows when it fires"),
), build_rule, doc="a scoring rule")

RULES = ListOf(RULE)

RULE_PACK = Record("rule pack", (
    Field("id", ID, True),
    Field("rules", RULES, True),
), doc="a shared rule pack (scenarios/rules/*.yaml)")


# --- the scenario -----------------------------------------------------------------

def build_persona(v: dict[str, Any], node: YNode, ctx: Ctx) -> Persona:
    return Persona(v["name"], TextModel(ctx.prefix + ".persona.role", *v["role"]), v["company"],
                   TextModel(ctx.prefix + ".persona.temperament", *v["temperament"]),
                   MappingProxyType(v.get("weights", {})), v.get("avatar"))


PERSONA = Record("persona", (
    Field("name", Str(), True),
    Field("company", Str(), True),
    Field("role", TEXT, True),
    Field("temperament", TEXT, True),
    Field("weights", MapOf(TRAIT, Num(0, 3)),
          doc="trait id -> how much this client cares (default 1.0, range 0-3)"),
    Field("avatar", Str(), doc="an image under assets/"),
), build_persona, doc="the client")

INITIAL = Record("initial state", (
    *(Field(name, Num(lo, hi), doc=f"starting {name}") for name, (lo, hi) in METERS.items()),
    Field("flags", ListOf(FLAG), doc="flags already set when the scene opens"),
    Field("promises", ListOf(FLAG), doc="promises made before the scene (open: they come "
                                        "due with keep:<name> or break:<name>)"),
))


def build_escalation(v: dict[str, Any], node: YNode, ctx: Ctx) -> Escalation:
    return Escalation(v["reach_per_second"], v["reputation_per_1000"], v["stop_when"], pos(node))


ESCALATION = Record("escalation", (
    Field("reach_per_second", Num(0, 1e6), True),
    Field("reputation_per_1000", Num(0, 100), True),
    Field("stop_when", COND, True, "the spreading stops once this holds"),
), build_escalation, doc="a public post that spreads while the player hesitates")

SCENARIO = Record("scenario", (
    Field("id", ID, True, "unique across the library; the file is <id>.yaml"),
    Field("version", Num(1, None, integer=True), True, "bump when the content changes meaning"),
    Field("title", TEXT, True),
    Field("summary", TEXT, True),
    Field("encounter", Choice(Encounter), True),
    Field("channel", Choice(Channel), True),
    Field("difficulty", Choice(Difficulty), doc="default: standard"),
    Field("minutes", Num(1, 120, integer=True), doc="estimated playing time (default 10)"),
    Field("pass_score", Num(0, 100), doc="overall score needed to pass (default 60)"),
    Field("sources", ListOf(Str()), doc="the seed articles it draws on"),
    Field("persona", PERSONA, True),
    Field("initial", INITIAL, doc="starting meters, 0-100 (reach >= 0)"),
    Field("escalation", ESCALATION),
    Field("start", Ref(), True, "the first node"),
    Field("nodes", MapOf(ID, NODE, min_items=1, scope=""), True),
    Field("endings", MapOf(ID, ENDING, min_items=1, scope="end."), True),
    Field("rules", RULES, doc="rules of this scenario only"),
), doc="one encounter: a client, a story graph of nodes and choices, and endings")


# --- the trait catalogue and the curriculum ---------------------------------------

def build_trait(v: dict[str, Any], node: YNode, ctx: Ctx) -> Trait:
    tid = v["id"]
    return Trait(tid, v["polarity"], TextModel(f"trait.{tid}.name", *v["name"]),
                 TextModel(f"trait.{tid}.definition", *v["definition"]), v["source"],
                 v.get("opposite"), pos(node), v.get("critical", False))


TRAIT_RECORD = Record("trait", (
    Field("id", ID, True),
    Field("polarity", Choice(Polarity), True),
    Field("opposite", ID, doc="its counterpart of the other polarity"),
    Field("source", Str(), True, "the article it comes from"),
    Field("name", TEXT, True),
    Field("definition", TEXT, True),
    Field("critical", Bool(), doc="showing this bad trait fails the encounter on its own"),
), build_trait, doc="a relationship trait")

CATALOGUE = Record("trait catalogue", (
    Field("traits", ListOf(TRAIT_RECORD, 1), True),
), doc="the trait catalogue (scenarios/traits.yaml)")

CURRICULUM = Record("curriculum", (
    Field("id", ID, True),
    Field("title", TEXT, True),
    Field("scenarios", ListOf(Ref("scenario id"), 1), True,
          "scenario ids, in the order to play them"),
), doc="the ordered first-week list (scenarios/curriculum.yaml)")

#: Every record, for the JSON Schema's $defs.
RECORDS = (SCENARIO, PERSONA, INITIAL, ESCALATION, NODE, TIMEOUT, CHOICE, BRANCH, ENDING,
           EFFECTS,
           RULE, RULE_PACK, TRAIT_RECORD, CATALOGUE, CURRICULUM)
