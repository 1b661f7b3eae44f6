"""The scenario map as Graphviz DOT, and as SVG when Graphviz is installed."""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from game.core.errors import UserError
from game.terminal.graphmodel import COLOURS, Edge, Graph, GraphNode

__all__ = ["to_dot", "to_svg"]

INSTALL_HINT = ("Graphviz `dot` is not installed: install it (apt install graphviz, "
                "brew install graphviz, or graphviz.org/download) or use --format html")


def quote(text: str) -> str:
    """A DOT double-quoted string (newlines become centred line breaks)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def _wrap(text: str, width: int = 32, lines: int = 3) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder=" …"))


def _node_line(node: GraphNode) -> str:
    if node.kind == "ending":
        label = f"{node.id}\n[{node.outcome}]\n{_wrap(node.title)}"
        attrs = {"shape": "doubleoctagon", "fillcolor": COLOURS[node.outcome]}
    else:
        timer = f" · {node.time_limit:g} s" if node.time_limit else ""
        label = f"{node.id}\n({node.title}{timer})\n{_wrap(node.text)}"
        attrs = {"shape": "box", "fillcolor": COLOURS["node"]}
    if node.is_start:
        label = "▶ start\n" + label
        attrs.update(penwidth="2.5", color=COLOURS["start"])
    if not node.reachable:
        label = "UNREACHABLE\n" + label
        attrs.update(fillcolor=COLOURS["unreachable"], color=COLOURS["bad"],
                     style="rounded,filled,dashed", penwidth="2")
    attrs.setdefault("style", "rounded,filled")
    attrs["label"] = label
    body = ", ".join(f"{key}={quote(value)}" for key, value in attrs.items())
    return f"  {quote(node.id)} [{body}];"


def _edge_line(edge: Edge) -> str:
    parts = [edge.label]
    if edge.evidence:
        parts.append(edge.evidence)
    if edge.when:
        parts.append(f"when {edge.when}")
    colour = COLOURS[edge.tone]
    style = "dashed" if edge.timeout else "solid"
    return (f"  {quote(edge.source)} -> {quote(edge.target)} [label={quote(chr(10).join(parts))}, "
            f"color={quote(colour)}, fontcolor={quote(colour)}, style={style}, "
            f"tooltip={quote(edge.text)}];")


def to_dot(graph: Graph) -> str:
    lines = [
        f"digraph {quote(graph.scenario_id)} {{",
        f"  label={quote(graph.title)}; labelloc=t; rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    lines += [_node_line(node) for node in graph.nodes]
    lines += [_edge_line(edge) for edge in graph.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(graph: Graph) -> str:
    """SVG through Graphviz; a one-line UserError saying how to install it when missing."""
    dot = shutil.which("dot")
    if dot is None:
        raise UserError(INSTALL_HINT)
    proc = subprocess.run([dot, "-Tsvg"], input=to_dot(graph), capture_output=True,
                          text=True, timeout=120, check=False)
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["no message"])[0]
        raise UserError(f"Graphviz failed: {first}")
    return proc.stdout
