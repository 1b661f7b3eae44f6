"""A scenario as a map: the nodes and edges `graph` draws, independent of format.

Built once from the model, then written as DOT (for Graphviz) or as a
self-contained HTML page. Colours say whether a choice is good or bad for the
relationship (its merit with this client), endings are coloured by outcome, and
nodes no path from the start can reach are marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.analysis import reachable, ways
from game.core.model import Evidence, Outcome, Scenario, TraitCatalogue
from game.core.rules import polarities, total, value_evidence

__all__ = ["COLOURS", "Edge", "Graph", "GraphNode", "build_graph", "merit_of"]

COLOURS = {
    "good": "#2e7d32",
    "bad": "#c62828",
    "neutral": "#616161",
    "node": "#e3ecf7",
    "start": "#1565c0",
    "unreachable": "#eeeeee",
    Outcome.SUCCESS: "#c8e6c9",
    Outcome.MIXED: "#fff3c4",
    Outcome.FAILURE: "#ffcdd2",
}


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    kind: str  # "node" or "ending"
    title: str  # speaker or ending title
    text: str  # what is said, or the ending text
    outcome: Outcome | None = None
    is_start: bool = False
    reachable: bool = True
    time_limit: float | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str  # "2. acknowledge" or "timeout (20 s)"
    text: str  # the choice text, for tooltips and the table
    evidence: str  # "courtesy +2, de_escalation +1"
    merit: float
    when: str | None = None
    timeout: bool = False

    @property
    def tone(self) -> str:
        return "good" if self.merit > 0 else "bad" if self.merit < 0 else "neutral"


@dataclass(frozen=True, slots=True)
class Graph:
    scenario_id: str
    title: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[Edge, ...]


def merit_of(evidence: tuple[Evidence, ...], scenario: Scenario,
             catalogue: TraitCatalogue) -> float:
    """Strength × polarity × persona weight, summed (rules left out: they depend on state)."""
    return total(value_evidence(evidence, polarities(catalogue), scenario.persona))


def _evidence_label(evidence: tuple[Evidence, ...]) -> str:
    return ", ".join(f"{e.trait} {e.strength:+d}" for e in evidence)


def reachable_ids(scenario: Scenario) -> set[str]:
    """Nodes and endings some path from the start reaches (conditions ignored)."""
    return reachable(scenario.start, scenario.nodes, scenario.endings)


def build_graph(scenario: Scenario, catalogue: TraitCatalogue, lang: str = "en",
                reached: set[str] | None = None) -> Graph:
    """The map of ``scenario``. ``reached``: the nodes and endings some played path
    reaches; anything else is marked unreachable (a ``when`` that never holds hides a
    branch the links alone would not)."""
    reachable = reachable_ids(scenario)
    if reached is not None:
        reachable &= reached
    nodes: list[GraphNode] = []
    edges: list[Edge] = []
    for node in scenario.nodes.values():
        nodes.append(GraphNode(node.id, "node", node.speaker.value, node.text.get(lang),
                               is_start=node.id == scenario.start,
                               reachable=node.id in reachable, time_limit=node.time_limit))
    for way in ways(scenario.nodes, scenario.endings):
        node = scenario.nodes[way.source]
        path = way.path
        if way.choice is None:
            limit = f"{node.time_limit:g} s" if node.time_limit else ""
            label = f"timeout ({limit})".replace(" ()", "")
            words = path.feedback.get(lang) if path.feedback else ""
        else:
            number = 1 + next(i for i, c in enumerate(node.choices) if c.id == way.choice)
            label = f"{number}. {way.choice}"
            words = path.text.get(lang)
        when = way.when if way.when is not None else (
            path.when.source if way.choice is not None and path.when else None)
        if way.picked:
            ending = scenario.endings[way.target]
            when = " and ".join(w for w in (when, ending.when.source if ending.when else None)
                                if w) or None
        edges.append(Edge(node.id, way.target, label, words, _evidence_label(path.evidence),
                          merit_of(path.evidence, scenario, catalogue), when=when,
                          timeout=way.choice is None))
    for ending in scenario.endings.values():
        nodes.append(GraphNode(ending.id, "ending", ending.title.get(lang), ending.text.get(lang),
                               outcome=ending.outcome, reachable=ending.id in reachable))
    return Graph(scenario.id, scenario.title.get(lang), tuple(nodes), tuple(edges))
