"""Problems found in a data file, as data: where, how bad, which code, what.

Every check reports here instead of raising, so one run of the loader lists every
problem in a file at once. A problem prints as one line in the style of compilers
and yamllint, which editors and CI logs turn into clickable locations::

    scenarios/phone_complaint.yaml:12:7: error: unknown key 'nxt' (did you mean 'next'?) [E201]

Codes are stable (tests, docs and scripts may rely on them); each code's meaning and
an example are listed in ``docs/lint-codes.md``. The first letter is the severity.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

#: code -> what it means. The order groups them: 0xx reading, 1xx YAML, 2xx format,
#: 3xx references, 4xx the story graph, 5xx the library.
CODES: dict[str, str] = {
    "E001": "the file cannot be read",
    "E002": "the file is not UTF-8 text",
    "E003": "the file holds binary data or control characters",
    "E004": "the file is empty",
    "E005": "the file is too large",
    "E006": "YAML syntax error",
    "E007": "more than one YAML document in the file",
    "E008": "the top level is not a mapping",
    "W009": "later checks skipped because of an error (says how many and why)",
    "E101": "duplicate key",
    "E102": "tag not allowed (Python tags, custom tags)",
    "E103": "nesting too deep",
    "E104": "aliases expand beyond the limit",
    "E105": "text too long",
    "E106": "merge keys (<<) are not supported",
    "E107": "mapping key is not a plain string",
    "E108": "a control character (escape sequence) in a text",
    "E201": "unknown key",
    "E202": "wrong type",
    "E203": "missing required field",
    "E204": "missing translation",
    "E205": "value not allowed",
    "E206": "number out of range",
    "E207": "empty list or mapping",
    "E208": "duplicate id",
    "E209": "time limit without a timeout, or a timeout without a time limit",
    "E210": "a number YAML cannot read, or one written with too many characters",
    "E301": "`next` or `start` names no node or ending",
    "E302": "unknown trait id",
    "E303": "condition does not compile (syntax or unknown name)",
    "E304": "scenario id does not match the file name",
    "E305": "a node and an ending share an id",
    "E306": "a condition names a node or choice the scenario does not have",
    "W307": "a condition reads a flag nothing sets",
    "E308": "a source names no known article (scenarios/sources.yaml)",
    "E310": "a conditional `next` has no default (its last branch has a `when`)",
    "E311": "a branch without `when` comes before others, which can never be taken",
    "W312": "a branch repeats an earlier branch's condition: it can never be taken",
    "E313": "`next: ending` is used but the last ending has a `when` (no default ending)",
    "W314": "an ending has a `when` but no `next: ending` reads it",
    "W315": "a promise is never kept or broken",
    "W316": "a flag is set but no condition reads it",
    "E317": "a choice or branch depends on a flag nothing sets",
    "E401": "node can never be reached",
    "E402": "no way out: no ending can be reached from this node",
    "E403": "ending can never be reached",
    "W404": "every choice of a node has a condition",
    "E501": "scenario id used by two files",
    "E601": "a campaign episode has no scenario file",
    "E602": "a campaign episode does not lint",
    "E603": "a campaign episode is listed twice",
    "E604": "a carried flag is set by no episode",
    "W605": "a carried flag is read by nothing",
    "E606": "a campaign condition reads a flag neither carried nor recorded",
    "E607": "a campaign promise is due in no episode of the campaign",
    "E608": "a campaign promise is never made, or never kept or broken where due",
    "E609": "campaign endings out of order (the last is the default)",
    "E502": "curriculum names an unknown scenario",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem at a 1-based line and column of a file (1, 1 for the whole file)."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} "
                f"[{self.code}]")

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "severity": self.severity, "code": self.code, "message": self.message}


def make(path: str, line: int, column: int, code: str, message: str) -> Problem:
    """A problem whose severity follows from its code's first letter.

    A message is one line whatever the file held (a key may contain a newline)."""
    if "\n" in message or "\r" in message:
        message = message.replace("\r", "\\r").replace("\n", "\\n")
    return Problem(path, line, column, WARNING if code[0] == "W" else ERROR, code, message)


def sort_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """File order, then position, then code; the same problem reported twice counts once."""
    return tuple(sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code,
                                                      p.message)))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def summary_message(path: str, problems: tuple[Problem, ...]) -> str:
    """The one line a ScenarioError shows: the first error and how many more there are."""
    errors = [p for p in problems if p.severity == ERROR] or list(problems)
    if not errors:
        return f"{path}: cannot be loaded"
    more = len(errors) - 1
    tail = f" (and {more} more; run `python main.py lint {path}`)" if more else ""
    return f"{errors[0]}{tail}"
