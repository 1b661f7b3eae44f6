"""Recording a terminal session in the score log, like the game does.

Events are written as they happen (each in its own transaction), so a session
cut short still leaves its record; a write that fails is retried with the next
one, and the player is told when scores could not be saved.
"""

from __future__ import annotations

import argparse

from game.core.errors import UserError
from game.core.i18n import Translator
from game.terminal.screen import PlainScreen

__all__ = ["LogRecorder", "NullRecorder", "open_recorder"]


class NullRecorder:
    """Records nothing (``--no-log``)."""

    path = None

    def sync(self, session) -> None:
        pass

    def close(self) -> None:
        pass


class LogRecorder:
    """Appends the session's new events to the score log after every step."""

    def __init__(self, log, screen: PlainScreen, t: Translator) -> None:
        self.log = log
        self.path = log.path
        self.recorder = log.recorder()
        self.screen = screen
        self.t = t
        self.written = 0  # events of the session already handed to the recorder
        self.failed: str | None = None
        self.offline = False  # the central log's server unreachable: events wait on this PC

    def sync(self, session) -> None:
        for event in session.events[self.written:]:
            try:
                self.recorder.record(event)
                self.failed = None
            except UserError as err:  # kept by the recorder and retried with the next event
                if self.failed is None:
                    self.screen.notice(self.t("play.not_logged", reason=err))
                self.failed = str(err)
            self.written += 1
        offline = getattr(self.recorder, "offline", False)
        if offline and not self.offline:  # one calm line, when the connection goes
            self.screen.notice(self.t("play.offline"))
        self.offline = offline

    def close(self) -> None:
        try:
            if self.failed is None and self.offline:
                pass  # said when it went; the results are queued, not lost
            elif self.failed is None:
                self.screen.notice(self.t("play.logged", path=self.path))
            elif getattr(self.log, "on_server", False):  # refused: kept in this PC's queue
                raise UserError(f"{self.recorder.pending} events of this session wait on "
                                f"this PC, refused by the server: {self.failed}; `python "
                                "main.py sync` sends them once that is fixed")
            else:
                # The database's own wording ("nothing recorded was lost, try again") is
                # about the one write it refused; here events really are missing.
                reason = self.failed.split("; nothing recorded was lost")[0]
                raise UserError(f"{self.recorder.pending} events of this session could not be "
                                f"recorded in the score log (the events before them are "
                                f"kept): {reason}")
        finally:
            self.log.close()


def open_recorder(args: argparse.Namespace, screen: PlainScreen,
                  t: Translator) -> NullRecorder | LogRecorder:
    """The score log named by --db / $CRT_DB / the user data folder, or nothing (--no-log)."""
    if getattr(args, "no_log", False):
        return NullRecorder()
    from game.scorelog.store import ScoreLog

    # a central log's server that cannot be reached gives an offline log: play goes on
    return LogRecorder(ScoreLog.open(args.db, offline=True), screen, t)
