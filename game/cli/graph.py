"""`python main.py graph SCENARIO`: the scenario as a map (DOT, SVG or HTML)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "graph", help="the scenario as a map (DOT, SVG, HTML)",
        description="Draw a scenario as a map: nodes, choices labelled with their trait "
                    "evidence and coloured by merit (green good, red bad), endings coloured by "
                    "outcome, unreachable nodes marked. DOT needs nothing; SVG needs Graphviz; "
                    "HTML is a self-contained page that needs nothing.")
    parser.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a path to its file")
    parser.add_argument("--format", choices=("dot", "svg", "html"), default=None,
                        help="output format (default: from --out's extension, else dot)")
    parser.add_argument("--out", metavar="FILE", type=Path,
                        help="write to FILE instead of standard output")
    parser.add_argument("--lang", choices=("en", "it", "pl"), default="en",
                        help="language of the texts on the map")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.core.i18n import Translator
    from game.terminal.graph_dot import to_dot, to_svg
    from game.terminal.graph_html import to_html
    from game.terminal.graphmodel import build_graph
    from game.terminal.testsuite import reached_ids
    from game.terminal.tools import load_context

    fmt = args.format or _format_from(args.out)
    context = load_context(args.scenario)
    graph = build_graph(context.scenario, context.catalogue, args.lang, reached_ids(context))
    if fmt == "html":
        text = to_html(graph, Translator("terminal", args.lang))
    else:
        text = to_svg(graph) if fmt == "svg" else to_dot(graph)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    from game.core.outfile import write_text

    write_text(args.out, text)
    print(Translator("terminal", "en")("graph.written", path=args.out), file=sys.stderr)
    return 0


def _format_from(out: Path | None) -> str:
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return {"svg": "svg", "html": "html", "htm": "html"}.get(suffix, "dot")
