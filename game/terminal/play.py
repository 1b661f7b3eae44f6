"""Terminal play: drive a runtime Session from numbered answers on standard input.

The loop only asks the session what to show and passes the player's answer back;
scoring, shuffling and feedback all come from the runtime, so a terminal session
scores exactly like the game. Timed decisions use a real deadline (see inputs).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import signal
import sys
import time
from collections.abc import Callable, Iterator
from typing import IO

from game.core.errors import SessionError
from game.core.i18n import Translator
from game.terminal.inputs import TIMED_OUT, InputClosed, LineReader
from game.terminal.runview import debrief_view, feedback_parts, meters, speaker_label
from game.terminal.screen import PlainScreen, make_screen
from game.terminal.tools import Context

__all__ = ["ask", "play_session", "play_text"]


def play_text(args: argparse.Namespace, stdin: IO[str] | None = None,
              stdout: IO[str] | None = None) -> int:
    """Load, play and log one session as the `play --text` command asked."""
    from game.terminal.record import open_recorder
    from game.terminal.tools import load_context, make_session

    out = stdout or sys.stdout
    t = Translator("terminal", args.lang)
    context = load_context(args.scenario)
    session = make_session(context, args)
    reader = LineReader(stdin)
    screen = make_screen(out, t, echo=not reader.is_tty)
    recorder = open_recorder(args, screen, t)
    try:
        with _signals_end_the_session():
            play_session(session, context, screen, reader, t, recorder)
    finally:
        with contextlib.suppress(BrokenPipeError):  # nobody reads any more; the log closes anyway
            recorder.close()
    return 0


@contextlib.contextmanager
def _signals_end_the_session() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal, a stopped service) end the session like
    Ctrl-C: recorded as abandoned, then the usual 128+signal exit status."""
    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    try:
        for signum in wanted:
            previous[signum] = signal.signal(signum, stop)
    except ValueError:  # not the main thread (tests driving play_text): nothing to install
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def play_session(session, context: Context, screen: PlainScreen, reader: LineReader,
                 t: Translator, recorder) -> None:
    """Play until the session ends or input runs out (then it is abandoned).

    Whatever stops it early (end of input, Ctrl-C, SIGTERM/SIGHUP, the output pipe
    closing) records the session as abandoned: a session is never left open in the log.
    """
    try:
        _play(session, context, screen, reader, t, recorder)
    except InputClosed:
        _abandon(session, recorder, screen, t)
    except BrokenPipeError:
        _abandon(session, recorder, None, t)
        raise
    except KeyboardInterrupt:  # Ctrl-C: keep the record straight, then stop
        _abandon(session, recorder, screen, t, "play.interrupted")
        raise
    except SystemExit:  # SIGTERM / SIGHUP
        _abandon(session, recorder, screen, t, "play.interrupted")
        raise
    except SessionError:  # a node with no open choice and no clock: record it, then say so
        _abandon(session, recorder, None, t)
        raise


def _play(session, context: Context, screen: PlainScreen, reader: LineReader,
          t: Translator, recorder) -> None:
    from game.core.runtime import Status

    lang, scenario = t.lang, context.scenario
    screen.intro(scenario.title.get(lang), _persona(scenario, lang, t),
                 scenario.summary.get(lang), _notes(session, scenario, t))
    recorder.sync(session)
    while session.status == Status.AWAITING_CHOICE:
        view = session.view()
        screen.node(speaker_label(view, scenario, t), _text(view.text, lang),
                    meters(session.state, scenario, t))
        screen.choices([_text(c.text, lang) for c in view.choices])
        started = time.monotonic()
        live = _status_line(session, view, t) if screen.live else None
        if not view.choices and not view.time_limit:
            raise InputClosed  # no open answer and no clock: nothing can move it on
        answer = ask(reader, screen, t, len(view.choices), view.time_limit, started, live)
        if answer is None:
            screen.notice(t("play.timed_out"))
            outcome = session.timeout()
        else:
            outcome = session.choose(answer, response_time=time.monotonic() - started)
        screen.feedback(*feedback_parts(outcome, context.catalogue, lang))
        recorder.sync(session)
    screen.debrief(debrief_view(session.result(), context.catalogue, lang))
    recorder.sync(session)


def ask(reader: LineReader, screen: PlainScreen, t: Translator, count: int,
        time_limit: float | None, started: float,
        live: Callable[[float], str] | None = None) -> int | None:
    """A 0-based choice index, or None when the time limit passes first.

    Anything but a number from 1 to ``count`` is asked again; the deadline keeps
    running while the player retries, as it would in the game. ``live(elapsed)``
    is the status line a terminal redraws every second (clock, spreading post).
    """
    deadline = None if not time_limit else started + time_limit
    tick = None
    if live is not None:
        def tick() -> None:
            screen.update_status(live(time.monotonic() - started))
    if count == 0:  # every answer is closed here: the only way on is to let time pass
        while deadline is not None and reader.read_line(deadline) is not TIMED_OUT:
            pass
        return None
    while True:
        left = None if deadline is None else max(0, round(deadline - time.monotonic()))
        if live is not None:
            screen.status(live(time.monotonic() - started))
        screen.prompt(count, left)
        line = reader.read_line(deadline, tick)
        if line is TIMED_OUT:
            screen.end_prompt()
            return None
        screen.answered(line)
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text) - 1
        screen.notice(t("play.invalid", count=count))


def _abandon(session, recorder, screen: PlainScreen | None, t: Translator,
             why: str = "play.abandoned") -> None:
    """Record the end first (the log matters more than the screen), then say so."""
    from game.core.runtime import Status

    if session.status != Status.AWAITING_CHOICE:
        return  # it ended properly before the interruption
    session.abandon()
    recorder.sync(session)
    if screen is None:
        return
    try:
        screen.end_prompt()
        screen.notice(t(why))
    except (BrokenPipeError, ValueError):  # the output is gone; the record is what counts
        pass


def _status_line(session, view, t: Translator) -> Callable[[float], str] | None:
    """What a terminal keeps up to date while the player thinks: the seconds left on
    a timed decision, and how far a public post has spread (social scenes)."""
    escalation = session.scenario.escalation is not None
    if not view.time_limit and not escalation:
        return None

    def line(elapsed: float) -> str:
        parts = []
        if view.time_limit:
            parts.append(t("play.time_left", seconds=max(0, math.ceil(view.time_limit - elapsed))))
        if escalation:
            state = session.preview(elapsed)
            parts.append(t("play.spreading", reach=f"{state.meters['reach']:.0f}",
                           reputation=f"{state.meters['reputation']:.0f}"))
        return " · ".join(parts)
    return line


def _text(value, lang: str) -> str:
    return value.get(lang) if hasattr(value, "get") else str(value)


def _persona(scenario, lang: str, t: Translator) -> str:
    persona = scenario.persona
    return t("play.persona", name=persona.name, role=persona.role.get(lang),
             company=persona.company)


def _notes(session, scenario, t: Translator) -> list[str]:
    mode = str(getattr(session, "mode", "practice"))
    notes = [t(f"play.mode.{mode}"), t("play.pass_score", score=f"{scenario.pass_score:g}")]
    timing = str(getattr(session, "timing", "normal"))
    if timing == "extended":
        notes.append(t("play.timing.extended", factor=2))
    elif timing == "off":
        notes.append(t("play.timing.off"))
    return notes
