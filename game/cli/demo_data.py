"""`demo-data`: fill a score log with generated playthroughs, to try the reports."""

from __future__ import annotations

import argparse

HELP = "fill a database with generated playthroughs of the shipped scenarios"
EPILOG = """Simulated trainees (in teams north/south/east/west) play the shipped
scenarios through the real game engine, improving with practice. The same --seed
gives the same data. Refuses a database that already holds events, so a real
log is never mixed with demo data (use --append to add anyway)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo-data", help=HELP, description=HELP, epilog=EPILOG)
    parser.add_argument("--db", metavar="PATH", required=True, help="database to fill")
    parser.add_argument("--trainees", type=_positive, default=12, metavar="N",
                        help="number of trainees (default 12)")
    parser.add_argument("--sessions", type=_positive, default=20, metavar="M",
                        help="sessions per trainee (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--append", action="store_true",
                        help="add to a database that already holds events")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    parser.set_defaults(func=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    import sys
    import time

    from game.core.errors import UserError
    from game.core.loader import Library
    from game.reports.demo import generate
    from game.scorelog import ScoreLog

    library = Library()
    started = time.perf_counter()
    with ScoreLog.open(args.db) as log:
        existing = log.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        if existing and not args.append:
            raise UserError(f"{log.path} already holds {existing} events; demo data goes in "
                            "a new database (or pass --append)")

        def progress(done: int, total: int, events: int) -> None:
            if not args.quiet and sys.stderr.isatty():
                print(f"\r{done}/{total} rounds, {events} events", end="", file=sys.stderr)

        sessions, events = generate(log, library, args.trainees, args.sessions, args.seed,
                                    progress=progress)
        path = log.path
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{path}: {sessions} sessions, {events} events from {args.trainees} trainees "
          f"in {time.perf_counter() - started:.1f} s")
    return 0
