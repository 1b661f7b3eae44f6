"""The scenario map as one self-contained HTML page (inline SVG, no Graphviz).

The layout is a simple layered drawing, like a story map: columns by distance
from the start, endings in the last column, unreachable nodes in a column of
their own; rows ordered by the average row of their predecessors to reduce
crossings. A table under the map lists every choice in full.
"""

from __future__ import annotations

import textwrap
from collections import deque
from html import escape

from game.core.i18n import Translator
from game.terminal.graphmodel import COLOURS, Edge, Graph, GraphNode

__all__ = ["layout", "to_html"]

BOX_W, BOX_H = 210, 74
LABEL_W = 300  # room after a box for its choice labels, one per outgoing arrow
LANE_H = 16  # vertical space per outgoing arrow
COL_GAP, ROW_GAP = BOX_W + LABEL_W + 40, 40
MARGIN = 40
FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _columns(graph: Graph) -> dict[str, int]:
    """Column of each node: BFS depth; endings last; unreachable nodes after them."""
    kinds = {n.id: n for n in graph.nodes}
    out: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
    for edge in graph.edges:
        out.setdefault(edge.source, []).append(edge.target)
    start = next((n.id for n in graph.nodes if n.is_start), None)
    depth: dict[str, int] = {}
    queue = deque([start] if start else [])
    if start:
        depth[start] = 0
    while queue:
        current = queue.popleft()
        for target in out.get(current, []):
            if target not in depth and target in kinds and kinds[target].kind == "node":
                depth[target] = depth[current] + 1
                queue.append(target)
    last = max(depth.values(), default=0) + 1
    columns = {}
    for node in graph.nodes:
        if node.kind == "ending":
            columns[node.id] = last
        elif node.reachable and node.id in depth:
            columns[node.id] = depth[node.id]
        else:
            columns[node.id] = last + 1
    return columns


def _centre(node_id: str, col: int, preds: dict[str, list[str]], columns: dict[str, int],
            row: dict[str, int]) -> float:
    """Average row of the node's predecessors in earlier columns (barycentre)."""
    above = [row[p] for p in preds.get(node_id, []) if columns.get(p, col) < col]
    return sum(above) / len(above) if above else row[node_id]


def heights(graph: Graph) -> dict[str, float]:
    """Box height: tall enough for one arrow lane per outgoing edge."""
    lanes: dict[str, int] = {}
    for edge in graph.edges:
        lanes[edge.source] = lanes.get(edge.source, 0) + 1
    return {n.id: max(BOX_H, LANE_H * (lanes.get(n.id, 0) + 1)) for n in graph.nodes}


def layout(graph: Graph) -> dict[str, tuple[float, float]]:
    """Top-left corner of each node's box."""
    columns = _columns(graph)
    layers: dict[int, list[str]] = {}
    for node in graph.nodes:
        layers.setdefault(columns[node.id], []).append(node.id)
    preds: dict[str, list[str]] = {}
    for edge in graph.edges:
        preds.setdefault(edge.target, []).append(edge.source)
    row = {node_id: i for layer in layers.values() for i, node_id in enumerate(layer)}
    for _ in range(2):  # two barycentre sweeps are plenty for scenario-sized maps
        for col in sorted(layers):
            layers[col].sort(key=lambda node_id, col=col: _centre(node_id, col, preds, columns,
                                                                   row))
            row.update({node_id: i for i, node_id in enumerate(layers[col])})
    tall = heights(graph)
    extent = {col: sum(tall[n] + ROW_GAP for n in layer) for col, layer in layers.items()}
    tallest = max(extent.values(), default=0)
    positions = {}
    for col, layer in layers.items():
        y = MARGIN + (tallest - extent[col]) / 2  # centre short columns
        for node_id in layer:
            positions[node_id] = (MARGIN + col * COL_GAP, y)
            y += tall[node_id] + ROW_GAP
    return positions


def _lines(text: str, width: int = 30, count: int = 2) -> list[str]:
    return textwrap.wrap(text, width, max_lines=count, placeholder=" …") or [""]


def _node_svg(node: GraphNode, x: float, y: float, height: float) -> str:
    if node.kind == "ending":
        fill, head = COLOURS[node.outcome], f"{node.id} · {node.outcome}"
        body = _lines(node.title)
    else:
        fill, head = COLOURS["node"], f"{node.id} · {node.title}"
        if node.time_limit:
            head += f" · {node.time_limit:g} s"
        body = _lines(node.text, count=max(2, int((height - 30) // 15)))
    stroke, dash, width = "#455a64", "", 1.2
    if node.is_start:
        stroke, width, head = COLOURS["start"], 3, "▶ " + head
    if not node.reachable:
        fill, stroke, dash, width = COLOURS["unreachable"], COLOURS["bad"], "6 4", 2.5
        head = "UNREACHABLE · " + head
    rx = 18 if node.kind == "ending" else 6
    texts = [f'<text x="{x + 8}" y="{y + 18}" font-size="11.5" font-weight="bold">'
             f"{escape(head)}</text>"]
    texts += [f'<text x="{x + 8}" y="{y + 38 + 15 * i}" font-size="11">{escape(line)}</text>'
              for i, line in enumerate(body)]
    return (f'<g class="{node.kind}" id="n-{escape(node.id)}" data-id="{escape(node.id)}">'
            f"<title>{escape(node.id)}: {escape(node.text)}</title>"
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{height}" rx="{rx}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}" stroke-dasharray="{dash}"/>'
            + "".join(texts) + "</g>")


def _edge_label(edge: Edge, limit: int = 52) -> str:
    label = edge.label + (f"  {edge.evidence}" if edge.evidence else "")
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _edge_svg(edge: Edge, start: tuple[float, float], end: tuple[float, float],
              lane: int) -> str:
    """An arrow leaving its box on its own lane, its label written along that lane."""
    (x1, y1), (x2, y2) = start, end
    x_run = x1 + LABEL_W  # end of the straight run the label sits on
    if x2 > x_run:
        bend = max(30.0, (x2 - x_run) / 2)
        d = f"M{x1},{y1} H{x_run} C{x_run + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
    else:  # back or same-column edge: loop over the top, into the target's left side
        top = min(y1, y2) - 40 - lane * 8
        d = f"M{x1},{y1} H{x_run} C{x_run + 120},{top} {x2 - 120},{top} {x2},{y2}"
    colour = COLOURS[edge.tone]
    dash = ' stroke-dasharray="5 4"' if edge.timeout else ""
    return (f'<g class="edge" data-source="{escape(edge.source)}" '
            f'data-target="{escape(edge.target)}"><title>{escape(edge.text)}</title>'
            f'<path d="{d}" stroke="{colour}" fill="none" stroke-width="1.6"{dash} '
            f'marker-end="url(#arrow-{edge.tone})"/>'
            f'<text x="{x1 + 8}" y="{y1 - 3}" font-size="10" fill="{colour}">'
            f"{escape(_edge_label(edge))}</text></g>")


def _svg(graph: Graph) -> str:
    pos = layout(graph)
    tall = heights(graph)
    width = max((x for x, _ in pos.values()), default=0) + BOX_W + 2 * MARGIN
    height = max((y + tall[n] for n, (_, y) in pos.items()), default=0) + MARGIN
    markers = "".join(
        f'<marker id="arrow-{tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{COLOURS[tone]}"/>'
        "</marker>" for tone in ("good", "bad", "neutral"))
    lanes: dict[str, int] = {}
    edges = []
    for edge in graph.edges:
        lane = lanes[edge.source] = lanes.get(edge.source, 0) + 1
        (sx, sy), (tx, ty) = pos[edge.source], pos[edge.target]
        start = (sx + BOX_W, sy + lane * LANE_H)
        edges.append(_edge_svg(edge, start, (tx, ty + tall[edge.target] / 2), lane))
    nodes = [_node_svg(node, *pos[node.id], tall[node.id]) for node in graph.nodes]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" {FONT}><rect width="100%" height="100%" '
            f'fill="#ffffff"/><defs>{markers}</defs>'
            + "".join(nodes) + "".join(edges) + "</svg>")


def _table(graph: Graph, t: Translator) -> str:
    rows = "".join(
        f'<tr class="{edge.tone}"><td>{escape(edge.source)}</td><td>{escape(edge.label)}</td>'
        f"<td>{escape(edge.text)}</td><td>{escape(edge.evidence)}</td>"
        f"<td>{edge.merit:+.1f}</td><td>{escape(edge.when or '')}</td>"
        f"<td>{escape(edge.target)}</td></tr>" for edge in graph.edges)
    head = "".join(f"<th>{escape(t('graph.col.' + name))}</th>" for name in
                   ("from", "choice", "text", "evidence", "merit", "when", "to"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; margin: 1.5em; color: #263238; }
.map { overflow: auto; border: 1px solid #cfd8dc; }
.legend span { display: inline-block; margin-right: 1.2em; }
.swatch { display: inline-block; width: 1em; height: 1em; vertical-align: middle;
          margin-right: .3em; border: 1px solid #90a4ae; }
table { border-collapse: collapse; margin-top: 1.5em; font-size: 13px; }
td, th { border: 1px solid #cfd8dc; padding: .3em .5em; text-align: left; vertical-align: top; }
tr.good td:nth-child(5) { color: #2e7d32; } tr.bad td:nth-child(5) { color: #c62828; }
"""


def _legend(t: Translator) -> str:
    keys = ("good", "bad", "neutral", "success", "mixed", "failure", "unreachable")
    return '<p class="legend">' + "".join(
        f'<span><i class="swatch" style="background:{COLOURS[key]}"></i>'
        f"{escape(t('graph.legend.' + key))}</span>" for key in keys) + \
        f" · {escape(t('graph.legend.timeout'))}</p>"


def to_html(graph: Graph, t: Translator | None = None) -> str:
    """The page; ``t`` translates the legend and table headings (English by default)."""
    t = t or Translator("terminal", "en")
    title = escape(f"{graph.title} ({graph.scenario_id})")
    return (f"<!DOCTYPE html>\n<html lang=\"{t.lang}\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{_STYLE}</style></head><body>"
            f"<h1>{title}</h1>{_legend(t)}<div class=\"map\">{_svg(graph)}</div>"
            f"{_table(graph, t)}</body></html>\n")
