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
    import contextlib
    import json
    import sys

    from game.core.outfile import output_file
    from game.reports.xapi import log_statements
    from game.scorelog import ScoreLog
    from game.scorelog.db import guarded
    from game.scorelog.queries import snapshot

    count = 0
    # The log is opened first and the file is replaced only when every statement is
    # written (temp file + rename): a missing log or a full disk leave --out as it was.
    with ScoreLog.open(args.db, create=False) as log, guarded(log.path), snapshot(log.conn), \
            (output_file(args.out) if args.out else contextlib.nullcontext(sys.stdout)) as out:
        out.write("[")
        for _, statement in log_statements(log.conn):
            out.write(("\n" if count == 0 else ",\n") + json.dumps(statement,
                                                                  ensure_ascii=False))
            count += 1
        out.write("\n]\n")
    if args.out:
        print(f"wrote {count} statements to {args.out}")
    return 0
