"""Reading scenarios as data: every text line, every piece of evidence, every path
(paths through the one exploration API, so conditions and routing are honoured)."""

from __future__ import annotations

from collections.abc import Iterator

from game.core.analysis import Explorer
from game.core.model import Evidence, Outcome, Scenario, Text, TraitCatalogue


def texts(s: Scenario) -> Iterator[Text]:
    """Every player-visible line of a scenario."""
    yield from (s.title, s.summary, s.persona.role, s.persona.temperament)
    for node in s.nodes.values():
        yield node.text
        if node.timeout and node.timeout.feedback:
            yield node.timeout.feedback
        for c in node.choices:
            yield c.text
            if c.feedback:
                yield c.feedback
    for e in s.endings.values():
        yield from (e.title, e.text)


def evidence(s: Scenario) -> Iterator[Evidence]:
    """Every piece of evidence a choice or a timeout can show."""
    for node in s.nodes.values():
        if node.timeout:
            yield from node.timeout.evidence
        for c in node.choices:
            yield from c.evidence


def decisions_to_success(s: Scenario, catalogue: TraitCatalogue, rules: object) -> list[int]:
    """For each complete run that ends in a success ending, how many decisions it took
    (conditions, conditional ``next`` and ``next: ending`` honoured by the explorer)."""
    found: list[int] = []
    for steps, final in Explorer(s, catalogue, rules).runs(limit=20_000):
        if s.endings[final.node].outcome is Outcome.SUCCESS:
            found.append(len(steps))
    return found
