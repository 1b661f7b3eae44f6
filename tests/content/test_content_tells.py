"""No surface tells: a trainee who reads for shape, wording or register instead of
meaning must not find the best answer (Haladyna, Downing & Rodriguez 2002: choices
about equal in length, no clues to the right answer, every wrong choice plausible).
Every figure here is computed from the scenario files, not from the runtime."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from game.core.loader import Library

from .tells import (
    LANGS,
    decisions,
    familiarity_node,
    informal,
    length_rank,
    ngrams,
    speaks_to_the_client,
)
from .walk import texts

IDS = Library().scenario_ids()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sid", IDS)
def test_best_answer_length_rank_varies(library, scenarios, sid, lang) -> None:
    """Within a scenario, no length rank (shortest, middle, longest among the answers
    shown) holds the best answer in more than half of the decisions, in each language:
    'always pick the middle-length answer' must not pass."""
    ranks = Counter(length_rank(d, lang) for d in decisions(scenarios[sid], library.catalogue))
    total = sum(ranks.values())
    assert total >= 2
    assert max(ranks.values()) <= total / 2, dict(ranks)


# A phrase is a tell when a trainee could learn it as "the words of the right answer":
# it occurs in best answers of at least three different scenarios (so it crosses the
# curriculum: a repeated topic word inside one scenario, like "24 months", is continuity,
# not a clue) and in no other answer of the library. Phrases made of function words only
# ("with your", "e una") are chance; a tell carries at least one content word, of four
# letters or more and not in the short lists below. Measured on the library before the
# rewrite, this flags "you're right", "was wrong", "ma pani rację", "un mio errore",
# "z mojej strony"... and no stop-word pairs.
def _words(line: str) -> frozenset[str]:
    return frozenset(line.split())


STOPWORDS = {
    "en": _words("what with your that this have from will they them their there been were when "
              "then than into about just also more very here our ours"),
    "it": _words("della delle dello degli dalla dalle sono come questo questa anche nella nelle "
              "alle allo sulla sulle perché dove quando solo ogni suoi vostra vostro nostra "
              "nostro nostri nostre molto"),
    "pl": _words("jest oraz przez które który która jako tylko przy albo będzie tego żeby także "
              "może pani pana panu państwa nasz nasza nasze nasi naszym"),
}
TELL_SCENARIOS = 3


def _content(gram: str, lang: str) -> bool:
    return any(len(w) >= 4 and w not in STOPWORDS[lang] for w in gram.split())


@pytest.mark.parametrize("lang", LANGS)
def test_no_phrase_marks_the_best_answer(library, scenarios, lang) -> None:
    best: dict[str, set[tuple[str, str]]] = defaultdict(set)
    elsewhere: Counter[str] = Counter()
    for s in scenarios.values():
        for d in decisions(s, library.catalogue):
            for c in d.choices:
                for gram in ngrams(c.text.get(lang)):
                    if c is d.best:
                        best[gram].add((s.id, d.node.id))
                    else:
                        elsewhere[gram] += 1
    tells = {gram: sorted(where) for gram, where in best.items()
             if elsewhere[gram] == 0 and _content(gram, lang)
             and len({sid for sid, _ in where}) >= TELL_SCENARIOS}
    assert tells == {}


@pytest.mark.parametrize("sid", IDS)
def test_digits_do_not_mark_the_best_answer(library, scenarios, sid) -> None:
    """'Pick the answer with a number in it' must not work. With two wrong answers per
    decision, digits spread evenly would put twice as many in wrong answers as in best
    ones; allow one best answer over that, and never more than half of the decisions."""
    has_digit = re.compile(r"\d")
    best = other = total = 0
    for d in decisions(scenarios[sid], library.catalogue):
        total += 1
        for c in d.choices:
            if has_digit.search(c.text.en):
                if c is d.best:
                    best += 1
                else:
                    other += 1
    assert best <= total / 2 and best <= other / 2 + 1, (best, other, total)


@pytest.mark.parametrize("sid", IDS)
def test_wrong_answers_keep_the_clients_register(scenarios, sid) -> None:
    """In Italian and Polish every answer said to the client keeps Lei / Pan(i), unless
    the node is about over-familiarity (then the slip to tu / ty is what it teaches) or
    the answer is scored as rude (bad etiquette)."""
    slips = []
    for node in scenarios[sid].nodes.values():
        if not speaks_to_the_client(node) or familiarity_node(node):
            continue
        for c in node.choices:
            if any(e.trait == "bad_etiquette" and e.strength > 0 for e in c.evidence):
                continue
            for lang in ("it", "pl"):
                found = informal(c.text.get(lang), lang)
                if found:
                    slips.append(f"{node.id}.{c.id} [{lang}] {found}")
    assert slips == []


# --- Polish typography (house rule of issue 11) --------------------------------------
# Quotes are „…” (with «…» inside), and a one-letter word (w, z, i, o, a, u) is tied to
# the next word by a no-break space so that it never ends a line in the window.
_HANGING = re.compile(r"(?<![\w\u00a0])[wzioauWZIOAU] (?=\S)")


@pytest.mark.parametrize("sid", IDS)
def test_polish_typography(scenarios, sid) -> None:
    bad = []
    for text in texts(scenarios[sid]):
        line = text.pl
        first = next((ch for ch in line if ch in "«„"), None)
        if first == "«":
            bad.append(f"{text.id}: «…» as outer quotes")
        if _HANGING.search(line):
            bad.append(f"{text.id}: one-letter word before a plain space: "
                       f"{_HANGING.search(line).group(0)!r}")
    assert bad == []
