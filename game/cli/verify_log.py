"""`verify-log`: check that no event of the score log was edited, deleted or reordered."""

from __future__ import annotations

import argparse
import re

HELP = "check the score log has not been tampered with (exit 1 naming the first bad event)"
EPILOG = """On success it prints a receipt, SEQ:HASH (the last event and its hash). Keep it
somewhere the log's owner cannot edit (an e-mail, the LRS, a ticket): later,
--expect RECEIPT proves the log still extends it, which catches deleting the
newest events and a rewritten chain. --replay re-plays every session's recorded
choices through the engine against the scenario file it was played with (kept in
the log) and names each session whose recorded scores the engine does not give;
it uses today's trait catalogue and rules, so after a change to the scoring itself
every session differs (that says the rules changed, not that the log was edited)."""
RECEIPT = re.compile(r"^\d{1,18}:[0-9a-f]{64}$")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("verify-log", help=HELP, description=HELP, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", metavar="PATH",
                        help="score log database (default: $CRT_DB, else the per-user data "
                             "folder)")
    parser.add_argument("--expect", metavar="RECEIPT", type=_receipt,
                        help="a receipt (SEQ:HASH) an earlier verify-log printed")
    parser.add_argument("--replay", action="store_true",
                        help="also re-score every session through the engine")
    parser.add_argument("--scenarios", metavar="FOLDER",
                        help="library whose traits and rules --replay uses (default: shipped)")
    parser.set_defaults(func=run)


def _receipt(text: str) -> str:
    if not RECEIPT.match(text.strip()):
        raise argparse.ArgumentTypeError(f"expected a receipt like 1234:<64 hex digits>, "
                                         f"got {text!r}")
    return text.strip()


def run(args: argparse.Namespace) -> int:
    import sys

    from game.scorelog import ScoreLog, verify
    from game.scorelog.db import guarded
    from game.scorelog.queries import snapshot
    from game.scorelog.verify import extends

    with ScoreLog.open(args.db, create=False) as log, guarded(log.path), snapshot(log.conn):
        verdict = verify(log.conn)
        problem = verdict.problem if not verdict.ok else \
            extends(log.conn, args.expect) if args.expect else ""
        replayed = _replay(log.conn, _library(args)) if args.replay and not problem else None
    if problem:
        print(f"{log.path}: TAMPERED: {problem}", file=sys.stderr)
        return 1
    if replayed is not None and replayed.mismatches:
        for mismatch in replayed.mismatches:
            print(f"{log.path}: DIFFERS: {mismatch.line()}", file=sys.stderr)
        print(f"{log.path}: {len(replayed.mismatches)} of {replayed.sessions} sessions do "
              "not re-score as recorded: edited, or scored by other rules than today's "
              "(a changed engine, trait catalogue or rule pack makes most sessions differ)",
              file=sys.stderr)
        return 1
    extra = ""
    if replayed is not None:
        extra = f", {replayed.sessions} sessions re-scored as recorded"
        skipped = []
        if replayed.unchecked:
            skipped.append(f"{len(replayed.unchecked)} not replayed: scenario content not kept")
        if replayed.episodes:
            skipped.append(f"{len(replayed.episodes)} campaign episodes not replayed on "
                           "their own")
        if skipped:
            extra += f" ({'; '.join(skipped)})"
    print(f"{log.path}: ok, {verdict.events} events{extra}, receipt {verdict.receipt}")
    return 0


def _library(args: argparse.Namespace) -> str | None:
    import os

    return getattr(args, "scenarios", None) or os.environ.get("CRT_SCENARIOS") or None


def _replay(conn: object, folder: str | None) -> object:
    from game.core.loader import Library
    from game.scorelog.replay import replay_log

    return replay_log(conn, Library(folder))  # type: ignore[arg-type]
