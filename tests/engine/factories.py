"""Small scenarios built straight from model objects, so engine tests do not
depend on the shipped content or on YAML."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from game.core.model import (
    Channel,
    Choice,
    Condition,
    Difficulty,
    Effects,
    Encounter,
    Ending,
    Escalation,
    Evidence,
    InitialState,
    Node,
    Outcome,
    Persona,
    Polarity,
    Rule,
    RuleScope,
    Scenario,
    Speaker,
    Text,
    Timeout,
    Trait,
    TraitCatalogue,
)
from game.core.rules.vocabulary import DEFAULT_TRAITS

ROOT = Path(__file__).resolve().parents[2]
BAD = frozenset({
    "terrible_communication", "withholding_opinions", "hoarding_knowledge", "bad_etiquette",
    "unresolved_debates", "no_planning", "negative_attitude", "no_reporting",
    "over_familiarity", "deceiving_client", "ignoring_public_complaints", "broken_promises"})


def text(line_id: str, en: str | None = None) -> Text:
    words = en if en is not None else line_id
    return Text(line_id, words, f"[it] {words}", f"[pl] {words}")


def catalogue() -> TraitCatalogue:
    return TraitCatalogue(tuple(
        Trait(t, Polarity.BAD if t in BAD else Polarity.GOOD, text(f"trait.{t}.name", t),
              text(f"trait.{t}.definition"), "004_3c4903abc408d5f8.txt")
        for t in sorted(DEFAULT_TRAITS)))


def effects(set_flags: tuple[str, ...] = (), clear: tuple[str, ...] = (), **meters: float
            ) -> Effects:
    return Effects(MappingProxyType(meters), tuple(set_flags), tuple(clear))


def choice(cid: str, next_: str, evidence: dict[str, int] | None = None, *,
           fx: Effects | None = None, tags: tuple[str, ...] = (), when: str | None = None,
           once: bool = False, say: str | None = None) -> Choice:
    return Choice(cid, text(f"s.{cid}.text", say or cid.replace("_", " ")), next_,
                  tuple(Evidence(t, s) for t, s in (evidence or {}).items()),
                  fx or Effects(), text(f"s.{cid}.feedback", f"feedback {cid}"),
                  Condition(when) if when else None, once, tags)


def node(nid: str, *choices: Choice, limit: float | None = None,
         timeout: Timeout | None = None) -> Node:
    return Node(nid, Speaker.CLIENT, text(f"s.{nid}.say", f"{nid} says"), tuple(choices),
                limit, timeout)


def timeout(next_: str, evidence: dict[str, int] | None = None, fx: Effects | None = None
            ) -> Timeout:
    return Timeout(next_, tuple(Evidence(t, s) for t, s in (evidence or {}).items()),
                   fx or Effects(), text("s.timeout.feedback", "too slow"))


def ending(eid: str, outcome: Outcome = Outcome.SUCCESS) -> Ending:
    return Ending(eid, outcome, text(f"s.end.{eid}.title", eid), text(f"s.end.{eid}.text"))


def rule(rid: str, when: str, *, scope: RuleScope = RuleScope.CHOICE,
         traits: dict[str, float] | None = None, multiply: dict[str, float] | None = None,
         fx: Effects | None = None, once: bool = False) -> Rule:
    return Rule(rid, Condition(when), text(f"s.rule.{rid}", f"because {rid}"), scope,
                MappingProxyType(traits or {}), MappingProxyType(multiply or {}),
                fx or Effects(), once)


def scenario(*nodes: Node, endings: tuple[str, ...] = ("done",), start: str | None = None,
             weights: dict[str, float] | None = None, initial: InitialState | None = None,
             rules: tuple[Rule, ...] = (), escalation: Escalation | None = None,
             encounter: Encounter = Encounter.PHONE_COMPLAINT, pass_score: float = 60,
             channel: Channel = Channel.PHONE) -> Scenario:
    persona = Persona("Marco Bellini", text("s.persona.role"), "Bellini Srl",
                      text("s.persona.temperament", "irritable"),
                      MappingProxyType(weights or {}))
    return Scenario(
        "s", 1, text("s.title"), text("s.summary"), encounter, channel,
        Difficulty.STANDARD, 5, pass_score, persona, initial or InitialState(),
        start or nodes[0].id, MappingProxyType({n.id: n for n in nodes}),
        MappingProxyType({e: ending(e) for e in endings}), rules, escalation)


def escalation(stop_when: str = "flags.responded", reach: float = 40,
               per_1000: float = 1.5) -> Escalation:
    return Escalation(reach, per_1000, Condition(stop_when))


def core_pack():
    """The shipped shared rule pack (scenarios/rules/core.yaml)."""
    from game.core import loader
    return loader.load_rule_pack(ROOT / "scenarios" / "rules" / "core.yaml")


def generated(nodes: int = 2000, width: int = 100, seed: int = 1) -> Scenario:
    """A layered scenario of ``nodes`` nodes, ``width`` per layer, three choices each
    into the next layer (random evidence and tags the shared pack reads), every fifth
    node timed; the last layer leads to three endings."""
    import random

    rng = random.Random(seed)
    traits = sorted(DEFAULT_TRAITS)
    tags = ((), (), ("favour",), ("report",), ("promise:p",), ("keep:p",), ("break:p",),
            ("settlement",), ("public_reply",))
    ids = [f"n{i}" for i in range(nodes)]
    built = []
    for i, nid in enumerate(ids):
        layer_end = (i // width + 1) * width
        targets = ids[layer_end:layer_end + width] or ["good", "mixed", "bad"]
        options = tuple(
            choice(f"c{k}", rng.choice(targets),
                   {t: rng.choice((-2, -1, 1, 2, 3)) for t in rng.sample(traits, 2)},
                   fx=effects(trust=rng.randint(-10, 10), mood=rng.randint(-10, 10)),
                   tags=rng.choice(tags), say="x" * rng.randint(10, 80))
            for k in range(3))
        timed = i % 5 == 0
        built.append(node(nid, *options, limit=20 if timed else None,
                          timeout=timeout(rng.choice(targets), {"responsiveness": -2})
                          if timed else None))
    return scenario(*built, endings=("good", "mixed", "bad"), start="n0")
