"""`export-xapi`: the score log as xAPI 1.0.3 statements (a JSON array) for an LRS."""

from __future__ import annotations

import argparse

HELP = "the score log as xAPI 1.0.3 statements (JSON array) for a learning record store"
EPILOG = """Statement ids are stable (UUIDv5 of the event's hash), so importing the same
file twice adds nothing. Actors are accounts on $CRT_XAPI_HOME (default
https://client-relations-trainer.example); set it to your company's LMS address."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export-xapi", help=HELP, description=HELP, epilog=EPILOG)
    parser.add_argument("--db", metavar="PATH",
                        help="score log database (default: $CRT_DB, else the per-user data "
                             "folder)")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of the terminal")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from game.core.errors import UserError
    from game.reports.xapi import log_statements
    from game.scorelog import ScoreLog
    from game.scorelog.db import guarded

    try:
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    except OSError as err:
        raise UserError(f"cannot write {args.out}: {err.strerror}") from None
    count = 0
    try:
        with ScoreLog.open(args.db, create=False) as log, guarded(log.path):
            out.write("[")
            for _, statement in log_statements(log.conn):
                out.write(("\n" if count == 0 else ",\n") + json.dumps(statement,
                                                                      ensure_ascii=False))
                count += 1
            out.write("\n]\n")
    finally:
        if args.out:
            out.close()
    if args.out:
        print(f"wrote {count} statements to {args.out}")
    return 0
