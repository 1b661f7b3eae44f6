"""`send-xapi`: deliver the score log's xAPI statements to an LRS, with retry."""

from __future__ import annotations

import argparse

from game.cli.argtypes import seconds

HELP = "send the log's xAPI statements to a learning record store (queued, with retry)"
EPILOG = """The LRS comes from --url/--user/--password or $CRT_LRS_URL, $CRT_LRS_USER,
$CRT_LRS_PASSWORD (the URL is the xAPI endpoint, e.g. https://lrs.example.com/xAPI).
Statements wait in the log's outbox until the LRS stores them; sending again never
duplicates. Exit 1 when statements are still waiting at the end (LRS unreachable)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("send-xapi", help=HELP, description=HELP, epilog=EPILOG)
    parser.add_argument("--db", metavar="PATH",
                        help="score log database (default: $CRT_DB, else the per-user data "
                             "folder)")
    parser.add_argument("--url", help="xAPI endpoint of the LRS")
    parser.add_argument("--user", help="LRS user (basic auth)")
    parser.add_argument("--password", help="LRS password (basic auth)")
    parser.add_argument("--wait", type=seconds, default=30.0, metavar="SECONDS",
                        help="keep retrying for up to SECONDS while the LRS is down "
                             "(default 30)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys
    import time

    from game.reports.outbox import LrsConfig, counts, deliver, enqueue
    from game.scorelog import ScoreLog, verify
    from game.scorelog.db import guarded
    from game.scorelog.queries import snapshot

    config = LrsConfig.from_env(args.url, args.user, args.password)
    config = LrsConfig(config.endpoint, config.username, config.password,
                       backoff_base=min(config.backoff_base, max(0.1, args.wait / 8)))
    deadline = time.monotonic() + args.wait
    error = ""
    withheld = 0
    with ScoreLog.open(args.db, create=False) as log, guarded(log.path):
        with snapshot(log.conn):  # one state of the log, however busy the server
            verdict = verify(log.conn)  # statements are rebuilt from verified events only
        if not verdict.ok:
            print(f"{log.path}: TAMPERED: {verdict.problem}; nothing was sent",
                  file=sys.stderr)
            return 1
        added = enqueue(log.conn)
        while counts(log.conn)["pending"]:
            result = deliver(log.conn, config)
            withheld += result.withheld
            error = result.error or error if not result.sent else result.error
            if time.monotonic() > deadline:
                break
            if not (result.sent or result.rejected):
                time.sleep(0.2)
        state = counts(log.conn)
    print(f"{added} new statements queued; delivered {state['delivered']}, "
          f"waiting {state['pending']}, refused by the LRS {state['rejected']}")
    if withheld:
        print(f"error: {withheld} queued statements differ from the score log's events and "
              "were not sent (the outbox was edited)", file=sys.stderr)
        return 1
    if state["pending"]:
        print(f"error: {state['pending']} statements still waiting ({error}); they stay "
              "queued, run send-xapi again later", file=sys.stderr)
        return 1
    return 0
