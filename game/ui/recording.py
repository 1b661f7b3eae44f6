"""The game's link to the score log: record each runtime event, read best/last scores.

Writes go through a background thread so a disk that is slow to sync never delays
the next node on screen; reads (best and last score) use their own connection and
first wait for pending writes. The log is optional for play: if ``game.scorelog``
is missing or the database cannot be opened, the game runs and says why.
"""

from __future__ import annotations

import queue
import threading
import uuid
from typing import Any


class Records:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.error = ""  # the last write or open failure, for the screen
        # the central log's server unreachable: events wait in this PC's queue and the
        # screen shows one calm line until a write gets through again
        self.offline = False
        self._reader: Any = None
        self._reader_opened = False
        self._queue: queue.Queue[tuple[str, list[Any]] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    # -- writing (background thread) --------------------------------------------------

    def new_session(self) -> str | None:
        """A key for one session's events, or None when nothing is recorded."""
        return uuid.uuid4().hex if self.enabled else None

    def record(self, session: str | None, events: list[Any]) -> str:
        """Queue events for the log; returns the last error seen ('' when all is well)."""
        if session is None or not events:
            return self.error
        if self._thread is None:
            self._thread = threading.Thread(target=self._write_loop, name="score-log",
                                            daemon=True)
            self._thread.start()
        self._queue.put((session, list(events)))
        return self.error

    def flush(self) -> None:
        """Wait until every queued event is written (before reading, and on quit)."""
        if self._thread is not None:
            self._queue.join()

    def _write_loop(self) -> None:
        log = self._open()
        recorders: dict[str, Any] = {}
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                session, events = item
                if log is None:
                    continue
                recorder = recorders.setdefault(session, log.recorder(session))
                for event in events:
                    recorder.record(event)
                self.offline = recorder.offline
                self.error = ""
            except Exception as err:  # a full disk or locked file must not stop play
                self.error = str(err)
            finally:
                self._queue.task_done()

    def _open(self) -> Any:
        try:
            from game.scorelog.store import ScoreLog

            return ScoreLog.open(offline=True)  # an unreachable server: an offline log
        except ImportError:
            return None
        except Exception as err:  # unreadable or newer database: play on, say why
            self.error = str(err)
            return None

    # -- reading (main thread) -----------------------------------------------------------

    def best_and_last(self, trainee: str, scenario_id: str
                      ) -> tuple[float | None, float | None] | None:
        """(best, last) overall scores; (None, None) if never played; None without a log."""
        if not self.enabled or not trainee:
            return None
        if not self._reader_opened:
            self._reader_opened = True
            self._reader = self._open()
        if self._reader is None:
            return None
        self.flush()  # an offline reader tries the server again itself, not at every read
        try:
            found = self._reader.best_and_last(trainee, scenario_id)
        except Exception as err:  # a locked or damaged log only hides the scores
            self.error = str(err)
            if getattr(self._reader, "on_server", False):  # an outage broke its connection
                self._reader.close()
                self._reader_opened = False  # opened again at the next read
            return None
        return found.best, found.last
