"""`sync`: send the results this PC kept while the central score log was unreachable."""

from __future__ import annotations

import argparse

HELP = "send the results this PC kept while the central score log's server was unreachable"
EPILOG = """While the server cannot be reached the game plays on and keeps every event in a
queue on this PC (in the per-user data folder, one file per server URL); the next event,
the next start of the game and this command send them, in order and exactly once.
Exit 0 when nothing is left waiting, 69 when the server still cannot be reached (the
events stay queued: run it again later), 1 when the server refuses them (the line says
why)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sync", help=HELP, description=HELP, epilog=EPILOG)
    parser.add_argument("--db", metavar="URL",
                        help="the central score log, postgresql://... (default: $CRT_DB)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from game.core.errors import UserError
    from game.scorelog.location import resolve_db_path, server_url
    from game.scorelog.pg.conn import shown
    from game.scorelog.pg.queue import Outbox
    from game.scorelog.store import ScoreLog

    url = server_url(args.db)
    if url is None:
        print(f"nothing to send: the score log {resolve_db_path(args.db)} is a file on this "
              "PC (sync is for a central log: --db postgresql://... or CRT_DB)")
        return 0
    where, outbox = shown(url), Outbox(url)
    waiting, sessions = outbox.waiting(), outbox.sessions()
    try:
        with ScoreLog.open(url) as log:
            sent = outbox.deliver(log)
    except UserError:
        left = outbox.waiting()
        if waiting:
            print(f"{where}: delivered {waiting - left} events; {left} still waiting on this "
                  f"PC ({outbox.path})")
        else:
            print(f"{where}: nothing waiting on this PC")
        sys.stdout.flush()
        raise
    finally:
        outbox.close()
    if sent:
        print(f"{where}: delivered {sent} events of {sessions} sessions; nothing waiting")
    else:
        print(f"{where}: nothing waiting on this PC; the server is reachable")
    return 0
