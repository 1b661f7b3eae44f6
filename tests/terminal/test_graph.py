"""`graph`: every node and edge of a scenario is on the map, in DOT and in HTML."""

from __future__ import annotations

import functools
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, TIMED_CALL, context_for, run_main
from hypothesis import given
from hypothesis import strategies as st

from game.core.loader import scenario_paths
from game.terminal.graph_dot import quote

DEAD_BRANCH = FIXTURES / "dead_branch.yaml"
SHIPPED = sorted(scenario_paths())
GREEN, RED = "#2e7d32", "#c62828"


def expected_edges(path: Path) -> Counter:
    """Every arrow the map must draw, read from the YAML itself (not from the model the
    map is drawn from): one per choice or timeout target, one per conditional branch,
    and one to every ending for ``next: ending``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edges = Counter()
    for node_id, node in data["nodes"].items():
        paths = [*node["choices"], *([node["timeout"]] if "timeout" in node else [])]
        for way in paths:
            targets = [way["next"]] if isinstance(way["next"], str) else \
                [branch["next"] for branch in way["next"]]
            for target in targets:
                for end in (data["endings"] if target == "ending" else [target]):
                    edges[(node_id, end)] += 1
    return edges


def all_ids(path: Path) -> set[str]:
    scenario = context_for(path).scenario
    return set(scenario.nodes) | set(scenario.endings)


def dot_of(path: Path) -> str:
    proc = run_main("graph", str(path))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@functools.cache
def render(path: Path, fmt: str) -> str:
    """What `graph` writes, made in-process (the shipped library is checked this way; the
    command itself is run on the fixtures)."""
    from game.terminal.graph_dot import to_dot
    from game.terminal.graph_html import to_html

    graph = _graph(path)
    return to_dot(graph) if fmt == "dot" else to_html(graph)


@functools.cache
def _graph(path: Path):
    from game.terminal.graphmodel import build_graph
    from game.terminal.testsuite import reached_ids

    context = context_for(path)
    return build_graph(context.scenario, context.catalogue, "en", reached_ids(context))


@pytest.mark.parametrize("path", [TIMED_CALL, DEAD_BRANCH, *SHIPPED], ids=lambda p: p.stem)
def test_dot_has_every_node_and_edge(path):
    dot = dot_of(path) if path.parent == FIXTURES else render(path, "dot")
    assert dot.startswith(f'digraph "{path.stem}" {{')
    nodes = set(re.findall(r'^  "([^"]+)" \[', dot, re.M))
    edges = Counter(re.findall(r'^  "([^"]+)" -> "([^"]+)" \[', dot, re.M))
    assert nodes == all_ids(path)
    assert edges == expected_edges(path)


def test_dot_labels_choices_with_evidence_and_colours_them_by_merit():
    dot = dot_of(TIMED_CALL)
    good = re.search(r'"opening" -> "follow_up" \[label="1\. polite\\ncourtesy \+2", '
                     r'color="([^"]+)"', dot)
    bad = re.search(r'"opening" -> "follow_up" \[label="2\. rude\\nbad_etiquette \+2", '
                    r'color="([^"]+)"', dot)
    assert good and good.group(1) == GREEN
    assert bad and bad.group(1) == RED
    assert re.search(r'"opening" -> "follow_up" \[label="timeout \(1 s\)\\nresponsiveness -2"'
                     r'.*style=dashed', dot)
    assert 'when state.mood < 30' in dot  # a choice's condition is shown
    assert re.search(r'"kept" \[shape="doubleoctagon", fillcolor="#c8e6c9"', dot)  # success
    assert re.search(r'"lost" \[shape="doubleoctagon", fillcolor="#ffcdd2"', dot)  # failure
    assert "▶ start" in dot


def test_a_branch_no_play_reaches_is_marked_unreachable():
    dot = dot_of(DEAD_BRANCH)
    secret = re.search(r'^  "secret" \[(.*)\];$', dot, re.M).group(1)
    assert 'label="UNREACHABLE\\nsecret' in secret and "dashed" in secret
    inbox = re.search(r'^  "inbox" \[(.*)\];$', dot, re.M).group(1)
    assert "UNREACHABLE" not in inbox


class _MapParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: dict[str, str] = {}
        self.edges: Counter = Counter()
        self.external: list[str] = []
        self._node: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "g" and "data-id" in a:
            self._node = a["data-id"]
            self.nodes[self._node] = ""
        elif tag == "g" and a.get("class") == "edge":
            self.edges[(a["data-source"], a["data-target"])] += 1
        for name in ("src", "href"):
            if a.get(name, "").startswith(("http", "//")):
                self.external.append(a[name])
        if tag in ("link", "script") and a:
            self.external.append(tag)

    def handle_data(self, data):
        if self._node is not None:
            self.nodes[self._node] += data

    def handle_endtag(self, tag):
        if tag == "g":
            self._node = None


@pytest.mark.parametrize("path", [TIMED_CALL, *SHIPPED], ids=lambda p: p.stem)
def test_html_map_has_every_node_and_edge_and_needs_nothing_else(path, tmp_path):
    if path.parent == FIXTURES:
        out = tmp_path / "map.html"
        proc = run_main("graph", str(path), "--format", "html", "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == f"Map written to {out}.\n"
        html = out.read_text(encoding="utf-8")
    else:
        html = render(path, "html")
    page = _MapParser()
    page.feed(html)
    assert set(page.nodes) == all_ids(path)
    assert page.edges == expected_edges(path)
    assert page.external == []


def test_html_marks_the_unreachable_node_and_lists_every_choice(tmp_path):
    out = tmp_path / "map.html"
    run_main("graph", str(DEAD_BRANCH), "--out", str(out))  # format from the extension
    html = out.read_text(encoding="utf-8")
    page = _MapParser()
    page.feed(html)
    assert "UNREACHABLE · secret · manager" in page.nodes["secret"]
    assert "UNREACHABLE" not in page.nodes["inbox"]
    assert "<td>inbox</td><td>3. miracle</td><td>Work a miracle.</td>" in html


def test_svg_without_graphviz_says_how_to_install_it(tmp_path):
    proc = run_main("graph", str(TIMED_CALL), "--format", "svg",
                    env={"PATH": str(tmp_path)})
    assert proc.returncode == 1
    assert proc.stderr == ("error: Graphviz `dot` is not installed: install it (apt install "
                           "graphviz, brew install graphviz, or graphviz.org/download) or use "
                           "--format html\n")


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="Graphviz not installed")
def test_svg_with_graphviz_draws_every_node():
    proc = run_main("graph", str(TIMED_CALL), "--format", "svg")
    assert proc.returncode == 0
    for node_id in all_ids(TIMED_CALL):
        assert f"<title>{node_id}</title>" in proc.stdout


@given(st.text())
def test_any_text_makes_one_valid_dot_string(text):
    quoted = quote(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"' and "\n" not in quoted
    assert not re.search(r'(?<!\\)(\\\\)*"', inner)  # every quote inside is escaped


def test_the_map_speaks_the_language_asked_for(tmp_path):
    out = tmp_path / "mappa.html"
    run_main("graph", str(TIMED_CALL), "--lang", "it", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert '<html lang="it">' in html
    assert "scelta buona (merito &gt; 0)" in html and "<th>scelta</th>" in html
    assert "Dov&#x27;è il mio ordine?" in html or "Dov'è il mio ordine?" in html
