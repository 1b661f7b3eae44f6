"""Frame times of the game, headless at 1280x720 (SDL dummy driver).

    python benchmarks/bench_frames.py [--frames 600] [--size 1280x720]

Prints the median and p99 frame time of
  * the encounter screen of a social scene (reactions/shares/reach counting up live
    from session.preview, meters animating toward new values every 40 frames),
  * the debrief screen,
and the time from a choice submitted to the next node fully drawn (text caches
emptied first, so each node's text is rendered from scratch).
Targets on a 2-core machine: median < 1 ms, p99 < 3 ms, new node < 5 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pygame

from game.ui import textcache
from game.ui.render import build_app, open_encounter
from game.ui.settings import Settings

DT = 1 / 60


#: The clock: CPU time of this thread by default, so other processes on a busy
#: machine do not count; --wall uses the wall clock instead.
CLOCK = time.thread_time


def frame_times(app, frames: int, between=None) -> list[float]:
    times = []
    for n in range(frames):
        if between is not None:
            between(n)
        start = CLOCK()
        app.update(DT)
        app.draw()
        pygame.display.flip()
        times.append((CLOCK() - start) * 1000)
    return times


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{name:<34} median {statistics.median(times):6.3f} ms   p99 {p99:6.3f} ms   " \
           f"(n={len(times)})"


def bench_encounter(size, frames: int) -> list[float]:
    app = build_app(Settings(mode="assessment", time_limits="off", sound=False), size)
    screen = open_encounter(app, "social_flare_up", seed=7)
    meters = screen.sidebar.meters
    targets = [(20, 35, 10, 60), (70, 80, 65, 75)]

    def wobble(n: int) -> None:
        # the runtime's values change after a choice; here every 40 frames so that the
        # meters are animating for most of the run
        if n % 40 == 0:
            for meter, value in zip(meters.values(), targets[(n // 40) % 2], strict=True):
                meter.set(value, reduced_motion=False)

    frame_times(app, 30)  # warm-up: first renders, font loading
    return frame_times(app, frames, wobble)


def bench_debrief(size, frames: int) -> list[float]:
    from game.ui.scripted import play_through

    app = build_app(Settings(mode="practice", sound=False), size)
    screen = open_encounter(app, "phone_complaint", seed=7)
    play_through(screen, [1] * 20)
    while screen.phase != "ended":
        screen.proceed()
    screen.proceed()
    frame_times(app, 30)
    return frame_times(app, frames)


def bench_new_node(size, runs: int, think_frames: int) -> list[float]:
    """Choice submitted -> next node drawn, over whole playthroughs. The text cache is
    emptied before each node; ``think_frames`` frames run before the answer (the
    trainee reading), during which the screen prefetches the text of what may come."""
    # answers are recorded in a throwaway score log, as in real play (written by the
    # log's background thread, so the main thread's clock only sees the hand-over)
    app = build_app(Settings(mode="assessment", time_limits="off", sound=False, trainee="b"),
                    size, record=True)
    times = []
    for run in range(runs):
        for scenario in ("phone_complaint", "email_escalation", "social_flare_up"):
            screen = open_encounter(app, scenario, seed=run)
            app.draw()
            while not screen.play.ended:
                textcache.clear()
                for _ in range(think_frames):
                    app.update(DT)
                    app.draw()
                start = CLOCK()
                screen.answer(0)
                app.update(DT)
                app.draw()
                pygame.display.flip()
                times.append((CLOCK() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--wall", action="store_true",
                        help="wall-clock time instead of this thread's CPU time")
    args = parser.parse_args()
    os.environ["CRT_DB"] = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    size = tuple(int(v) for v in args.size.split("x"))
    print(f"frames at {size[0]}x{size[1]}, pygame-ce {pygame.version.ver}, SDL dummy driver, "
          f"{'wall clock' if args.wall else 'thread CPU time'}")
    print(summary("encounter (live counters, meters)", bench_encounter(size, args.frames)))
    print(summary("debrief", bench_debrief(size, args.frames)))
    for label, think in (("after 1 s of reading (prefetched)", 60), ("answered at once (cold)", 0)):
        nodes = bench_new_node(size, 5, think)
        ordered = sorted(nodes)
        print(f"choice -> next node drawn, {label}: median {statistics.median(nodes):6.3f} ms"
              f"   p99 {ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]:6.3f} ms   "
              f"max {ordered[-1]:6.3f} ms   (n={len(nodes)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
