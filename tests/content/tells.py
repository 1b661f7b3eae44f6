"""The measures behind the content tests on surface tells, computed from the scenario
data alone (never from the runtime's output): which answer is best at each decision,
its length rank among the answers shown, phrases only best answers use, and the
register an answer speaks in.

The anchor is the item-writing literature (Haladyna, Downing & Rodriguez 2002): the
right answer must not show by its shape, its wording or its register."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from game.core.model import Choice, Node, Scenario, Speaker, TraitCatalogue

LANGS = ("en", "it", "pl")


def merit(s: Scenario, cat: TraitCatalogue, c: Choice) -> float:
    """The answer's worth before rules: strength x polarity x the client's weight."""
    return sum(e.strength * (-1 if cat.is_bad(e.trait) else 1) * s.persona.weight(e.trait)
               for e in c.evidence)


@dataclass(frozen=True)
class Decision:
    node: Node
    choices: tuple[Choice, ...]  # the distinct answers (a text offered twice counts once)
    best: Choice


def decisions(s: Scenario, cat: TraitCatalogue) -> Iterator[Decision]:
    """Every set of answers a player can be shown where the answers differ in worth: a
    real decision, not routing. A node whose answers carry `when` conditions yields one
    view per conditional answer (beside the unconditional ones); a text offered twice
    counts once."""
    for node in s.nodes.values():
        always = [c for c in node.choices if c.when is None]
        guarded = [c for c in node.choices if c.when is not None]
        views = [[*always, g] for g in guarded] if guarded else [always]
        for view in views:
            seen: set[str] = set()
            shown = []
            for c in view:
                if c.text.en not in seen:
                    seen.add(c.text.en)
                    shown.append(c)
            worths = [merit(s, cat, c) for c in shown]
            if len(shown) < 2 or len(set(worths)) == 1:
                continue
            yield Decision(node, tuple(shown), shown[worths.index(max(worths))])


def length_rank(d: Decision, lang: str) -> str:
    """'shortest', 'longest' or 'middle': where the best answer sits by characters."""
    lengths = [len(c.text.get(lang)) for c in d.choices]
    own = len(d.best.text.get(lang))
    if own == min(lengths):
        return "shortest"
    if own == max(lengths):
        return "longest"
    return "middle"


WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")


def ngrams(text: str, sizes: tuple[int, ...] = (2, 3, 4)) -> set[str]:
    words = [w.lower() for w in WORD.findall(text)]
    return {" ".join(words[i:i + n]) for n in sizes for i in range(len(words) - n + 1)}


# The informal second person singular, as a new hire would slip into it with a client.
# Italian: the tu pronouns and possessives, and the everyday tu imperatives. Polish: the
# ty pronouns and possessives (not the ambiguous "ci", which is also "those"), and the
# second-person verb endings of the present and past tense.
_IT_TU = re.compile(
    r"\b(tu|ti|te|tuo|tua|tuoi|tue|dimmi|fammi|senti|scusa|guarda|figurati|dai(?=\s*[,!]))\b",
    re.IGNORECASE)
_PL_TY = re.compile(
    r"\b(ty|cię|ciebie|tobie|tobą|twój|twoja|twoje|twojego|twojej|twojemu|twoim|twoją|"
    r"twoich|twoi|jesteś|masz|wiesz|możesz|chcesz|musisz|\w+łeś|\w+łaś)\b",
    re.IGNORECASE)


def informal(text: str, lang: str) -> list[str]:
    """The tu/ty forms in an Italian or Polish answer (empty: the answer is formal)."""
    pattern = {"it": _IT_TU, "pl": _PL_TY}.get(lang)
    return pattern.findall(text) if pattern else []


def speaks_to_the_client(node: Node) -> bool:
    """Answers to a colleague or a manager may use tu/ty; every other answer is said to
    the client or in public."""
    return node.speaker not in (Speaker.COLLEAGUE, Speaker.MANAGER)


FAMILIARITY = ("over_familiarity", "professional_distance")


def familiarity_node(node: Node) -> bool:
    """A node whose answers are scored on (over-)familiarity: there, slipping into tu/ty
    with the client is the very thing being taught."""
    return any(e.trait in FAMILIARITY for c in node.choices for e in c.evidence)
