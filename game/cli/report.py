"""`report`: the score log for managers, as tables, CSV, JSON or a self-contained HTML page.

Also where a manager reviews a session: ``--override SCORE --reason TEXT --by NAME`` and
``--sign-off --by NAME`` add new events to the log (nothing is ever edited).
"""

from __future__ import annotations

import argparse

HELP = "trainees, traits, scenarios, teams and sessions; table, CSV, JSON or HTML"
EPILOG = """views (--view, default all):
  summary    the first page: who passed, who improves, the class's weakest traits,
             the sessions awaiting review (with their ids)
  review     every session awaiting review, and every overridden score
  trainees   sessions per trainee; best, last, average and trend per scenario
  traits     each trainee's trait profile: strongest and weakest traits, and the
             decisions that show them
  scenarios  pass rate and average per scenario against its own pass mark, the choices
             made at each decision, the mistakes that cost the most points
  team       per team and week (a team is the part of a trainee id before '/')
  campaigns  per campaign run: the ending, trust by episode, where it was lost, the
             promises broken by episode
  --session ID replays one session step by step.

reviewing a session (recorded as new events: who, when, why):
  report --session ID --override 75 --reason "audio failed mid-call" --by "Maria Rossi"
  report --session ID --sign-off --by "Maria Rossi" [--reason "discussed in 1:1"]
  an override after a sign-off needs --force and is flagged in every view.
  --by is a name as typed: a local score log cannot prove who ran the command.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help=HELP, description=HELP, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", metavar="PATH",
                        help="score log database (default: $CRT_DB, else the per-user data "
                             "folder)")
    parser.add_argument("--view", choices=("all", "summary", "review", "trainees", "traits",
                                           "scenarios", "team", "campaigns"),
                        default="all", help="which view (default: all)")
    parser.add_argument("--trainee", metavar="ID", help="only this trainee")
    parser.add_argument("--team", metavar="TEAM", help="only this team (north for north/anna)")
    parser.add_argument("--scenario", metavar="ID", help="only this scenario")
    parser.add_argument("--since", metavar="DATE", help="only sessions from DATE (2026-11-01)")
    parser.add_argument("--until", metavar="DATE",
                        help="only sessions up to DATE, included (2026-11-30)")
    parser.add_argument("--lang", choices=("en", "it", "pl"),
                        help="language of the report (default: the game's settings, else en)")
    parser.add_argument("--scenarios", metavar="FOLDER",
                        help="scenario library for names and pass marks (default: shipped)")
    parser.add_argument("--session", metavar="ID", help="replay one session step by step")
    parser.add_argument("--format", choices=("table", "csv", "json", "html"), default="table")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of the terminal")
    review = parser.add_argument_group("reviewing a session (with --session)")
    review.add_argument("--override", metavar="SCORE", type=float,
                        help="replace the session's overall score (0-100)")
    review.add_argument("--sign-off", action="store_true", help="sign the session off")
    review.add_argument("--reason", metavar="TEXT", default="",
                        help="why (required with --override)")
    review.add_argument("--by", metavar="NAME", default="", help="who reviews")
    review.add_argument("--force", action="store_true",
                        help="override a session already signed off (flagged)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.core.errors import UsageError

    if (args.override is not None or args.sign_off) and not args.session:
        raise UsageError("--override and --sign-off need --session ID")
    if args.override is not None or args.sign_off:
        return _review(args)
    from game.reports import Filters, build_report, build_session_report, parse_since
    from game.reports.names import Names
    from game.scorelog import ScoreLog
    from game.scorelog.db import guarded
    from game.scorelog.names import check_text, check_trainee

    if args.trainee is not None:
        check_trainee(args.trainee, "--trainee")
    for option, value in (("--team", args.team), ("--scenario", args.scenario),
                          ("--session", args.session)):
        if value is not None:
            check_text(option, value, 200)
    filters = Filters(args.trainee, args.scenario, parse_since(args.since),
                      parse_since(args.until, "--until", end_of_day=True), args.team)
    names = Names(args.lang or _settings_lang(), _library(args), index=True)
    from game.scorelog.queries import snapshot

    with ScoreLog.open(args.db, create=False) as log, guarded(log.path), snapshot(log.conn):
        for column, value in (("trainee", args.trainee), ("scenario", args.scenario)):
            _check_known(log.conn, column, value)
        brief = args.format == "table" and args.view == "all"  # the rest: one --view away
        report = build_session_report(log.conn, args.session, names) if args.session \
            else build_report(log.conn, args.view, filters, names, brief=brief)
    _write(report, args.format, args.out)
    return 0


def _settings_lang() -> str:
    """The training room's configured language (``config``), else English."""
    try:
        from game.core.roomconfig import in_force_or_default

        lang = in_force_or_default().language
    except Exception:  # no readable configuration: English
        return "en"
    return lang if lang in ("en", "it", "pl") else "en"


def _library(args: argparse.Namespace) -> str | None:
    """--scenarios, else the room's scenario folder (CRT_SCENARIOS), else the shipped one."""
    import os

    return getattr(args, "scenarios", None) or os.environ.get("CRT_SCENARIOS") or None


def _check_known(conn: object, column: str, value: str | None) -> None:
    """A trainee or scenario never recorded is a typo more often than not: say so."""
    if value is None:
        return
    known = [r[0] for r in conn.execute(  # type: ignore[attr-defined]
        f"SELECT DISTINCT {column} FROM events WHERE type = 'SessionStarted'")
        if r[0] is not None]
    if value not in known:
        import difflib  # only to suggest the closest name

        from game.core.errors import UserError

        close = difflib.get_close_matches(value, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UserError(f"no sessions of {column} {value!r} in the score log{hint}")


def _review(args: argparse.Namespace) -> int:
    from game.reports.review import override_score, sign_off
    from game.scorelog import ScoreLog

    with ScoreLog.open(args.db, create=False) as log:
        if args.override is not None:
            print(override_score(log, args.session, args.override, args.reason, args.by,
                                 force=args.force, library=_library(args)))
        if args.sign_off:
            print(sign_off(log, args.session, args.by, args.reason))
    return 0


def _write(report: object, fmt: str, out: str | None) -> None:
    import sys

    from game.reports.render_text import print_table

    if fmt == "table" and not out:
        print_table(report)  # type: ignore[arg-type]
        return
    if fmt == "table":
        import io
        buffer = io.StringIO()
        print_table(report, file=buffer, width=160)  # type: ignore[arg-type]
        text = buffer.getvalue()
    elif fmt == "html":
        from game.reports.render_html import to_html

        text = to_html(report)  # type: ignore[arg-type]
    else:
        from game.reports.render_text import to_csv, to_json

        text = {"csv": to_csv, "json": to_json}[fmt](report)  # type: ignore[operator]
    if not out:
        sys.stdout.write(text)
        return
    from game.core.outfile import write_text

    write_text(out, text, newline="")  # temp file + rename: a failure leaves `out` as it was
    print(f"wrote {out}")
