"""The errors a user can cause, and the exit codes they map to.

    UserError            one clear line for the user, exit 1
    ├── UsageError       a bad command-line argument or missing path, exit 2
    ├── ScenarioError    a scenario or data file that does not load (carries problems)
    └── SessionError     a front end asked the runtime for something impossible

Anything else escaping to the CLI is a bug, and is reported as one: the CLI's guard
prints one "internal error" line and exits ``INTERNAL_ERROR_EXIT`` (70, EX_SOFTWARE of
sysexits.h), so a user never sees a traceback and a script can tell a bug from an input
problem (1) or a usage error (2).
"""

from __future__ import annotations

INTERNAL_ERROR_EXIT = 70


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole message."""

    exit_code = 1


class UsageError(UserError):
    exit_code = 2


class ScenarioError(UserError):
    """A file that did not load; ``problems`` lists every problem found."""

    def __init__(self, message: str, problems: tuple = ()) -> None:
        super().__init__(message)
        self.problems = problems


class SessionError(UserError):
    pass
