"""`verify-log`: check that no event of the score log was edited, deleted or reordered."""

from __future__ import annotations

import argparse

HELP = "check the score log has not been tampered with (exit 1 naming the first bad event)"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("verify-log", help=HELP, description=HELP)
    parser.add_argument("--db", metavar="PATH",
                        help="score log database (default: $CRT_DB, else the per-user data "
                             "folder)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from game.scorelog import ScoreLog, verify
    from game.scorelog.db import guarded

    with ScoreLog.open(args.db, create=False) as log, guarded(log.path):
        verdict = verify(log.conn)
    if not verdict.ok:
        print(f"{log.path}: TAMPERED: {verdict.problem}", file=sys.stderr)
        return 1
    print(f"{log.path}: ok, {verdict.events} events, chain head {verdict.head}")
    return 0
