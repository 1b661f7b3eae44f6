"""Checks that go on past an error, and a note for those that cannot.

One mistake must not silently hide others: a ``next`` naming a missing node still
lets the story graph be checked (only the verdicts that missing edge makes
meaningless are dropped), and when an error does stop later checks, a W009 note at
that error says how many were skipped and why, so the trainer knows a clean second
run is not guaranteed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection

from game.core.loader.context import Ctx

#: The checks of a scenario that need every node and ending read.
WHOLE_FILE_CHECKS = ("the story graph", "names in conditions", "promises and flags")


def graph_past_dangling(ctx: Ctx, run: Callable[[], None], node_ids: Collection[str],
                        ending_ids: Collection[str]) -> None:
    """Run the story-graph check although some ``next`` names nothing.

    A dangling edge is most likely a typo for its closest id, so that id is not
    reported as never reached; "no way out" cannot be judged with an edge missing,
    so E402 is dropped (and the note says so)."""
    known = [*node_ids, *ending_ids]
    dangling = {target for target, _, name in ctx.refs
                if name != "start" and target not in node_ids and target not in ending_ids}
    meant = {m for t in dangling for m in difflib.get_close_matches(t, known, n=1, cutoff=0.6)}
    before = len(ctx.problems)
    run()
    found = ctx.problems[before:]
    del ctx.problems[before:]
    dropped = False
    for problem in found:
        if problem.code == "E402":
            dropped = True
        elif problem.code not in ("E401", "E403") or problem.message.split("'")[1] not in meant:
            ctx.problems.append(problem)
    if dropped:
        note_skipped(ctx, ("no way out (E402)",), "a `next` leads nowhere", "E301")


def note_skipped(ctx: Ctx, checks: Collection[str], why: str | None = None,
                 code: str | None = None) -> None:
    """A W009 note at the first error (of ``code``, when given): how many later checks
    were skipped and why."""
    first = next((p for p in ctx.problems if p.severity == "error"
                  and (code is None or p.code == code)), None)
    if first is None or not checks:
        return
    count = len(checks)
    reason = f"because {why}" if why else "until the errors are fixed"
    ctx.at("W009", first.line, first.column,
           f"{count} later check{'s' if count > 1 else ''} skipped {reason}: "
           f"{', '.join(checks)}")
