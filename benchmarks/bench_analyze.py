"""`analyze` on a generated 2,000-node scenario (plus the shipped library).

    python benchmarks/bench_analyze.py [--nodes 2000] [--repeats 3]

The scenario has 20 layers of 100 nodes, three choices per node into the next
layer (every fifth node timed, with a timeout path), random evidence and the tags
the shared rule pack reads, scored with the shipped pack. Its paths number about
3^20, so the analyser runs exactly for the first layers and then as a beam (the
output says "exact: False"). Includes 1,000 seeded random playthroughs.
Prints medians of this thread's CPU time (--wall for the wall clock). Target: < 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from engine.factories import catalogue, core_pack, generated

from game.core.analysis import analyze


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--wall", action="store_true", help="time with the wall clock")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.thread_time
    scenario = generated(args.nodes)
    cat, pack = catalogue(), core_pack()
    times, result = [], None
    for _ in range(args.repeats):
        t0 = clock()
        result = analyze(scenario, cat, pack)
        times.append(clock() - t0)
    assert result is not None
    print(f"generated scenario: {result.nodes} nodes, {len(result.endings)} endings, "
          f"{result.paths:,} paths counted, exact={result.exact}, "
          f"score {result.score['min']}..{result.score['max']}, "
          f"random mean {result.strategies['random_mean']}")
    print(f"analyze: median {statistics.median(times):.3f} s over {args.repeats} runs "
          "(target < 2 s)")
    library_times = []
    from game.core import loader
    scenarios = [loader.load_scenario(p) for p in loader.scenario_paths()]
    rules = loader.load_shared_rules()
    lib_cat = loader.load_catalogue()
    for _ in range(args.repeats):
        t0 = clock()
        for sc in scenarios:
            analyze(sc, lib_cat, rules)
        library_times.append(clock() - t0)
    print(f"analyze of the shipped library ({len(scenarios)} scenarios): median "
          f"{statistics.median(library_times):.3f} s")


if __name__ == "__main__":
    main()
