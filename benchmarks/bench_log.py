"""Writing one event to the score log: median milliseconds (target < 2 ms).

    python benchmarks/bench_log.py [--events 2000]

Each write is one committed transaction (WAL, synchronous=FULL), as the game does it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scorelog import ScoreLog

CHOICE = {"type": "ChoiceMade", "node": "opening", "choice": "let_him_finish",
          "response_time": 4.2, "timed_out": False,
          "evidence": [{"trait": "courtesy", "strength": 2, "merit": 4.5},
                       {"trait": "de_escalation", "strength": 1, "merit": 1.3}],
          "rules": [{"id": "calm_with_furious", "traits": {"courtesy": 1.5}}],
          "state": {"trust": 50.0, "commitment": 60.0, "mood": 35.0, "reputation": 70.0,
                    "reach": 0.0}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ScoreLog.open(Path(folder) / "b.db") as log:
        rec = log.recorder()
        rec.record({"type": "SessionStarted", "trainee": "bench", "scenario_id": "demo"})
        times = []
        for _ in range(args.events):
            start = time.perf_counter()
            rec.record(CHOICE)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"write one event: median {statistics.median(times):.3f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.3f} ms, max {times[-1]:.3f} ms "
          f"over {args.events} events (target < 2 ms)")


if __name__ == "__main__":
    main()
