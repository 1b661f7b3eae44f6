"""Frame times, idle CPU and time to first frame of the game (SDL dummy driver, or a
real X server with --xvfb).

    python benchmarks/bench_frames.py [--frames 600] [--size 1280x720] [--xvfb]

Prints the median and p99 frame time of
  * the encounter screen of a social scene with time limits ON (the countdown
    shrinking, reach counting up live from session.preview, meters animating
    toward new values every 40 frames),
  * the debrief screen,
and the time from a choice submitted to the next node fully drawn (text caches
emptied first, so each node's text is rendered from scratch).
Targets on a 2-core machine: median < 1 ms, p99 < 3 ms, new node < 5 ms.

Then, each in its own process and side by side with a bare pygame window that fills
and flips at 60 fps (the floor any pygame game pays), as ratios of medians:
  * idle CPU (process CPU seconds per wall second) of the start screen and of an
    encounter waiting for an answer with no timer running (the game draws only when
    something changes),
  * time to first frame of `python main.py` and of `play SCENARIO` against a process
    that only runs `import pygame` (and against one that opens a bare window).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["SDL_VIDEODRIVER"] = os.environ.get("SDL_VIDEODRIVER", "dummy")
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pygame

from game.ui import textcache
from game.ui.render import build_app, open_encounter
from game.ui.settings import Settings

DT = 1 / 60
ROOT = Path(__file__).resolve().parents[1]


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
    # practice mode with time limits on: the countdown, the live reach and the meters
    # all move (with limits off, or in assessment, nothing would)
    app = build_app(Settings(mode="practice", time_limits="normal", sound=False), size)
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
    times = frame_times(app, frames, wobble)
    assert screen.countdown.limit and screen.play.node_time > 0, "the clock must be running"
    return times


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


IDLE_CASES = ("bare", "start", "encounter")


def idle_child(case: str, seconds: float, size) -> None:
    """Run one loop as the real game does for ``seconds``; print CPU s per wall s."""
    import pygame

    pygame.display.init()
    clock = pygame.time.Clock()
    if case == "bare":
        window = pygame.display.set_mode(size)
        step = lambda dt: (window.fill((24, 28, 38)), True)[1]  # noqa: E731
    else:
        from game.ui.app import App

        app = App(size, Settings(sound=False, time_limits="off", trainee=""),
                  persist=False, record=False)
        if case == "encounter":
            open_encounter(app, "phone_complaint", seed=7)
        step = app.tick
    for _ in range(30):  # warm-up, as the first second of a session
        if step(1 / 60):
            pygame.display.flip()
        clock.tick(60)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < seconds:
        dt = clock.tick(60) / 1000
        if step(dt):
            pygame.display.flip()
    print(f"{(time.process_time() - cpu0) / (time.perf_counter() - wall0):.5f}")


FIRST_FRAME = {
    "import pygame": "import pygame",
    "bare window": "import pygame; pygame.display.init(); "
                   "pygame.display.set_mode((1280, 720)); pygame.display.flip()",
    "python main.py": "from game.ui.app import App; from game.ui.settings import Settings; "
                      "import pygame; a = App(settings=Settings(sound=False), persist=False, "
                      "record=False); a.tick(0); pygame.display.flip()",
    "play SCENARIO": "from game.ui import app as m; from game.ui.settings import Settings; "
                     "import pygame, types; m.display_available = lambda: True; "
                     "m.App.run = lambda self: (self.tick(0), pygame.display.flip()); "
                     "m.run_scenario(types.SimpleNamespace(scenario='phone_complaint', "
                     "lang='en', mode='practice', trainee='b', seed=1, timing='normal', "
                     "db='', no_log=True))",
}


def child_env(display: str | None) -> dict:
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", "SDL_AUDIODRIVER": "dummy",
           "CRT_SETTINGS": os.path.join(tempfile.mkdtemp(), "settings.json")}
    if display:
        env.update(DISPLAY=display, SDL_VIDEODRIVER="x11")
    else:
        env["SDL_VIDEODRIVER"] = "dummy"
    return env


def run_child(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=True)


def bench_idle(seconds: float, repeats: int, env: dict, size) -> dict[str, float]:
    found: dict[str, list[float]] = {c: [] for c in IDLE_CASES}
    for _ in range(repeats):
        for case in IDLE_CASES:  # interleaved: a busy moment hits every case alike
            out = run_child([__file__, "--idle-child", case, "--seconds", str(seconds),
                             "--size", f"{size[0]}x{size[1]}"], env)
            found[case].append(float(out.stdout.strip().splitlines()[-1]))
    return {c: statistics.median(v) for c, v in found.items()}


def bench_first_frame(repeats: int, env: dict) -> dict[str, float]:
    found: dict[str, list[float]] = {name: [] for name in FIRST_FRAME}
    for _ in range(repeats):
        for name, code in FIRST_FRAME.items():
            start = time.perf_counter()
            run_child(["-c", code], env)
            found[name].append(time.perf_counter() - start)
    return {n: statistics.median(v) for n, v in found.items()}


def start_xvfb() -> tuple[subprocess.Popen | None, str | None]:
    import shutil

    if not shutil.which("Xvfb"):
        print("note: Xvfb not found; idle and first-frame figures use SDL's dummy driver")
        return None, None
    display = f":{90 + os.getpid() % 9}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return proc, display


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--wall", action="store_true",
                        help="wall-clock time instead of this thread's CPU time")
    parser.add_argument("--xvfb", action="store_true",
                        help="idle CPU and first frame in a real X server (Xvfb)")
    parser.add_argument("--seconds", type=float, default=3.0,
                        help="seconds of each idle measurement (default 3)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--idle-child", choices=IDLE_CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    if args.idle_child:
        idle_child(args.idle_child, args.seconds, size)
        return 0
    os.environ["CRT_DB"] = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
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
    xvfb, display = start_xvfb() if args.xvfb else (None, None)
    try:
        env = child_env(display)
        where = f"X server {display}" if display else "SDL dummy driver"
        idle = bench_idle(args.seconds, args.repeats, env, size)
        print(f"idle CPU, {where}, {args.seconds:g} s x {args.repeats} (medians, CPU s per s): "
              + ", ".join(f"{c} {v:.3f}" for c, v in idle.items()))
        for case in ("start", "encounter"):
            print(f"  {case} screen idle / bare pygame window at 60 fps: "
                  f"{idle[case] / idle['bare']:.2f}x")
        first = bench_first_frame(args.repeats, env)
        print(f"time to first frame, {where} (medians): "
              + ", ".join(f"{n} {v * 1000:.0f} ms" for n, v in first.items()))
        for name in ("python main.py", "play SCENARIO"):
            print(f"  {name}: {first[name] / first['import pygame']:.2f}x `import pygame`, "
                  f"{first[name] / first['bare window']:.2f}x a bare window")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
