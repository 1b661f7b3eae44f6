"""`analyze` on generated scenarios of growing size, against the analyser of an
earlier revision measured in the same run (the machine is shared and noisy, so
only ratios measured side by side mean anything).

    python benchmarks/bench_analyze.py [--sizes 500,1000,2000,4000] [--repeats 3]
                                       [--against 13b3507] [--wall]

Each scenario has layers of 100 nodes, three choices per node into the next layer
(every fifth node timed, with a timeout path), random evidence and the tags the
shared rule pack reads, scored with the shipped pack (tests/engine/factories.py,
``generated``). Beyond 20,000 paths the analyser runs as a beam ("exact: False").
``--against REV`` checks REV out into a temporary git worktree and times its
``analyze`` on the same scenarios in a subprocess, interleaved with this one.
Prints medians of thread CPU time (``--wall``: wall clock), the growth per
doubling, and the ratio to REV. Targets (issue "Scores that teach"): at most
x2.3 per doubling, and 2,000 nodes in at most 0.7x REV's time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TIMER = r"""
import json, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from engine.factories import catalogue, core_pack, generated
from game.core.analysis import analyze
clock = time.perf_counter if {wall} else time.thread_time
cat, pack = catalogue(), core_pack()
scenario = generated({nodes})
t0 = clock()
analyze(scenario, cat, pack)
print(json.dumps(clock() - t0))
"""


def timed(root: Path, nodes: int, wall: bool) -> float:
    code = TIMER.format(root=str(root), tests=str(root / "tests"), nodes=nodes, wall=wall)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=root)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--against", metavar="REV", help="an earlier revision to compare with")
    parser.add_argument("--wall", action="store_true", help="time with the wall clock")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        peer = None
        if args.against:
            peer = Path(tmp) / "peer"
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(peer),
                            args.against], cwd=ROOT, check=True)
        try:
            rows = []
            for nodes in sizes:
                mine, theirs = [], []
                for _ in range(args.repeats):  # interleaved, so load hits both alike
                    mine.append(timed(ROOT, nodes, args.wall))
                    if peer is not None:
                        theirs.append(timed(peer, nodes, args.wall))
                rows.append((nodes, statistics.median(mine),
                             statistics.median(theirs) if theirs else None))
        finally:
            if peer is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(peer)], cwd=ROOT,
                               check=False)
    print(f"analyze, median of {args.repeats} ({'wall' if args.wall else 'CPU'} seconds)")
    print(f"{'nodes':>6} {'now':>8} {'growth':>7}" + (f" {args.against:>9} {'growth':>7} "
                                                       f"{'now/then':>9}" if peer else ""))
    prev = None
    for nodes, now, then in rows:
        growth = f"x{now / prev[1]:.2f}" if prev else ""
        line = f"{nodes:>6} {now:>8.3f} {growth:>7}"
        if then is not None:
            then_growth = f"x{then / prev[2]:.2f}" if prev else ""
            line += f" {then:>9.3f} {then_growth:>7} {now / then:>9.2f}"
        print(line)
        prev = (nodes, now, then)


if __name__ == "__main__":
    main()
