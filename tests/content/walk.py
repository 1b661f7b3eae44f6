"""Reading scenarios as data: every text line, every piece of evidence, every path."""

from __future__ import annotations

from collections.abc import Iterator

from game.core.model import Evidence, Outcome, Scenario, Text


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


def decisions_to_success(s: Scenario) -> list[int]:
    """For each path that ends in a success ending, how many decisions it took.

    The shipped scenarios route by choice (no ``when`` conditions), so following every
    ``next`` and timeout is every path a player can take.
    """
    found: list[int] = []

    def walk(ref: str, depth: int, seen: frozenset[str]) -> None:
        if s.is_ending(ref):
            if s.endings[ref].outcome is Outcome.SUCCESS:
                found.append(depth)
            return
        if ref in seen:  # a loop cannot make a path shorter
            return
        node = s.nodes[ref]
        targets = {c.next for c in node.choices}
        if node.timeout:
            targets.add(node.timeout.next)
        for target in targets:
            walk(target, depth + 1, seen | {ref})

    walk(s.start, 0, frozenset())
    return found
