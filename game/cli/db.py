"""`db init-server URL`: make a PostgreSQL database an organisation's central score log."""

from __future__ import annotations

import argparse

HELP = "set up the central score log on a PostgreSQL server (roles, tables, rights)"
EPILOG = """Run once by the database's owner (or a superuser), then on each upgrade of the
trainer; running it again applies only what is missing. It creates three roles:
  crt_trainee  appends its own sessions through one function, reads only its own
  crt_manager  reads everything, adds overrides and sign-offs under its own login
  crt_owner    owns the tables and applies migrations
and then each person gets a login in one of them, for example (psql, as the owner):
  CREATE ROLE anna LOGIN PASSWORD '...' IN ROLE crt_trainee;
  CREATE ROLE maria_rossi LOGIN PASSWORD '...' IN ROLE crt_manager;
Each training PC then sets CRT_DB=postgresql://anna@scores.example.com/crt (the
password in ~/.pgpass or PGPASSWORD, never in the URL on a shared PC)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help=HELP, description=HELP, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    init = sub.add_parser("init-server", help="create or upgrade the log on a server",
                          description=HELP, epilog=EPILOG,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    init.add_argument("url", metavar="URL", help="postgresql://OWNER@HOST/DATABASE")
    init.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    import sys

    from game.core.errors import UsageError
    from game.scorelog.pg import init_server, is_url, shown

    if not is_url(args.url.strip()):
        raise UsageError(f"db init-server: expected a postgresql:// URL, got {args.url!r}")
    done = init_server(args.url.strip())
    out = sys.stdout
    out.write(f"{shown(args.url.strip())}: score log ready "
              f"({len(done['migrations'])} migrations; you are {done['user']})\n")
    for role, members in done["members"].items():
        out.write(f"  {role}: {', '.join(members) if members else '(no logins yet)'}\n")
    return 0
