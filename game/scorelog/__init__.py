"""The score log: every event of every session, in SQLite, append-only and hash-chained.

Imports no pygame and no front end; the game, the terminal mode and the reports use
:class:`ScoreLog` and its :class:`Recorder`.
"""

from game.scorelog.events import ScoreOverridden, SignedOff, event_dict
from game.scorelog.location import ENV_VAR, default_db_path, resolve_db_path
from game.scorelog.store import BestAndLast, Recorder, ScoreLog, SessionSummary
from game.scorelog.verify import Verdict, verify

__all__ = [
    "ENV_VAR",
    "BestAndLast",
    "Recorder",
    "ScoreLog",
    "ScoreOverridden",
    "SessionSummary",
    "SignedOff",
    "Verdict",
    "default_db_path",
    "event_dict",
    "resolve_db_path",
    "verify",
]
