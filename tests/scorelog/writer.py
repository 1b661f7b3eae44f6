"""A game process as the tests see it: records one session's events and says which committed.

    python tests/scorelog/writer.py DB SESSION_ID COUNT [--slow]

Prints ``seq index`` after each commit (so a killer knows what must survive).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.scorelog import ScoreLog


def choice(index: int) -> dict:
    return {"type": "ChoiceMade", "node": f"n{index % 7}", "choice": f"c{index}",
            "response_time": 1.0 + index % 5, "evidence": [
                {"trait": "courtesy", "strength": 1, "merit": 1.0 + index % 3}]}


def main() -> None:
    db, session_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    slow = "--slow" in sys.argv
    with ScoreLog.open(db) as log:
        rec = log.recorder(session_id)
        rec.record({"type": "SessionStarted", "trainee": session_id, "scenario_id": "demo",
                    "version": 1})
        for index in range(count):
            seq = rec.record(choice(index))
            print(seq, index, flush=True)
            if slow:
                time.sleep(0.001)


if __name__ == "__main__":
    main()
