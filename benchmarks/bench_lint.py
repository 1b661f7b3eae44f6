"""How close is `lint` to the YAML parser's own speed?

Generates a 2,000-node scenario and prints the median time (wall and CPU) of

  * compose: PyYAML's C loader merely composing the file (``yaml.compose``), as is
    and with the cyclic garbage collector paused (which ``lint`` itself does), and
  * lint: loading and validating it (``game.core.loader.files.read_scenario``:
    read, check bytes, compose, walk the tree once building the model, check
    references, the story graph and condition names),

with the ratios. Target: lint <= 1.5x compose. Styles: ``compact`` (default; one
flow-style line per node, ~200 KiB) and ``authored`` (block style as trainers write
it, two choices with evidence, effects and feedback per node, ~900 KiB).

    python benchmarks/bench_lint.py [--nodes 2000] [--repeat 15] [--style compact|authored]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from game.core.loader import load_catalogue  # noqa: E402
from game.core.loader.files import read_scenario  # noqa: E402

TRAITS = ("courtesy", "honesty", "responsiveness", "de_escalation", "over_familiarity")


def generate(nodes: int, style: str = "authored") -> str:
    """A valid scenario with ``nodes`` nodes in a chain with side branches.

    ``authored``: block style as trainers write it (two choices, evidence, effects,
    feedback; ~460 bytes a node). ``compact``: one flow-style line a node with one or
    two short choices (~100 bytes a node).
    """
    out = [
        "# yaml-language-server: $schema=../schema/scenario.schema.json",
        "id: big", "version: 1",
        "title: {en: A long day, it: Una lunga giornata, pl: Długi dzień}",
        "summary: {en: Many calls., it: Molte chiamate., pl: Wiele rozmów.}",
        "encounter: phone_complaint", "channel: phone",
        "persona:", "  name: Marco Bellini", "  company: Bellini Srl",
        "  role: {en: Manager, it: Responsabile, pl: Kierownik}",
        "  temperament: {en: Irritable, it: Irritabile, pl: Drażliwy}",
        "  weights: {courtesy: 1.5}",
        "initial: {trust: 45, commitment: 60, mood: 20, reputation: 70}",
        "start: n0", "nodes:",
    ]
    body = _compact_nodes if style == "compact" else _authored_nodes
    out += body(nodes)
    out += [
        "endings:",
        "  won: {outcome: success, title: {en: Kept, it: Tenuto, pl: Zatrzymany},"
        " text: {en: Fine., it: Bene., pl: Dobrze.}}",
        "  lost: {outcome: failure, title: {en: Lost, it: Perso, pl: Stracony},"
        " text: {en: Gone., it: Andato., pl: Odszedł.}}",
    ]
    return "\n".join(out) + "\n"


def _compact_nodes(nodes: int) -> list[str]:
    out = []
    for i in range(nodes):
        nxt = f"n{i + 1}" if i + 1 < nodes else "won"
        second = ", {id: b, text: {en: N, it: N, pl: N}, next: lost}" if i % 8 == 0 else ""
        out.append(f"  n{i}: {{say: {{en: L{i}, it: R, pl: W}}, choices: [{{id: a, "
                   f"text: {{en: Y, it: S, pl: T}}, next: {nxt}}}{second}]}}")
    return out


def _authored_nodes(nodes: int) -> list[str]:
    out = []
    for i in range(nodes):
        nxt = f"n{i + 1}" if i + 1 < nodes else "won"
        trait = TRAITS[i % len(TRAITS)]
        out += [
            f"  n{i}:",
            f"    say: {{en: Line {i} of the call, it: Riga {i}, pl: Linia {i}}}",
        ]
        if i % 10 == 0:
            out += ["    time_limit: 20",
                    "    timeout: {next: lost, evidence: {responsiveness: -1}}"]
        out += [
            "    choices:",
            "      - id: good",
            "        text: {en: I understand, it: Capisco, pl: Rozumiem}",
            f"        evidence: {{{trait}: 2}}",
            "        effects: {mood: 5}",
            f"        next: {nxt}",
            "      - id: bad",
            "        text: {en: Not my problem, it: Non è un mio problema, pl: To nie mój problem}",
            f"        evidence: {{{trait}: -2}}",
            "        feedback: {en: Curt., it: Brusco., pl: Szorstko.}",
            "        next: lost",
        ]
    return out


def medians_ms(funcs: dict[str, Callable[[], object]], repeat: int
               ) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each function, in ms. The functions take turns,
    so load from other processes falls on all of them alike; CPU time (this
    process only) is steadier than wall time on a busy machine."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in funcs}
    for func in funcs.values():
        func()  # warm up
    for _ in range(repeat):
        for name, func in funcs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            func()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {name: (statistics.median(t[0] for t in runs) * 1000,
                   statistics.median(t[1] for t in runs) * 1000)
            for name, runs in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--style", choices=("compact", "authored"), default="compact",
                        help="compact: one line a node; authored: as trainers write")
    args = parser.parse_args()
    traits = frozenset(load_catalogue().by_id)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        path.write_text(generate(args.nodes, args.style), encoding="utf-8")
        data = path.read_bytes()
        yaml_nodes = _count(yaml.compose(data, Loader=yaml.CSafeLoader))
        scenario, problems = read_scenario(path, traits)
        assert scenario is not None and not problems, problems[:3]

        def compose() -> None:
            yaml.compose(path.read_bytes(), Loader=yaml.CSafeLoader)

        def compose_no_gc() -> None:
            gc.disable()
            try:
                compose()
            finally:
                gc.enable()

        def lint() -> None:
            read_scenario(path, traits)

        medians = medians_ms({"compose": compose, "compose_no_gc": compose_no_gc, "lint": lint},
                             args.repeat)
    print(f"scenario ({args.style}): {args.nodes} nodes, {len(data) / 1024:.0f} KiB, "
          f"{yaml_nodes} YAML nodes; medians of {args.repeat} runs")
    rows = (("compose", "compose (C loader, yaml.compose)"),
            ("compose_no_gc", "compose (C loader, cyclic GC paused)"),
            ("lint", "lint (read_scenario: load + validate)"))
    print(f"{'':40} {'wall ms':>9} {'cpu ms':>9}")
    for key, label in rows:
        wall, cpu = medians[key]
        print(f"{label:40} {wall:9.1f} {cpu:9.1f}")
    for key, label in (("compose", "yaml.compose"), ("compose_no_gc", "compose, GC paused")):
        print(f"lint / {label}: wall {medians['lint'][0] / medians[key][0]:.2f}x, "
              f"cpu {medians['lint'][1] / medians[key][1]:.2f}x (target <= 1.5x)")
    return 0


def _count(node) -> int:
    todo, count = [node], 0
    while todo:
        item = todo.pop()
        count += 1
        if isinstance(item.value, list):
            for child in item.value:
                todo.extend(child if isinstance(child, tuple) else (child,))
    return count


if __name__ == "__main__":
    sys.exit(main())
