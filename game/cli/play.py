"""`python main.py play SCENARIO --text`: the whole encounter in a terminal."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "play", help="play a scenario (in the terminal with --text)",
        description="Play one encounter with the same runtime and scoring as the game. "
                    "With --text it runs in the terminal and reads numbered answers from "
                    "standard input, so `printf '2\\n1\\n3\\n' | python main.py play X --text` "
                    "plays a scripted run. If input ends before the encounter does, the "
                    "session is recorded as abandoned and the command still exits 0.")
    parser.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a path to its file")
    parser.add_argument("--text", action="store_true",
                        help="play in the terminal (without it: the game window)")
    parser.add_argument("--lang", choices=("en", "it", "pl"), default="en",
                        help="language of the encounter and the screen (default: en)")
    parser.add_argument("--mode", choices=("practice", "assessment"), default="practice",
                        help="practice shows feedback after each answer (default)")
    parser.add_argument("--trainee", metavar="ID",
                        help="who is playing, as the score log records it "
                             "(default: your login name)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed for the order choices are shown in (default: random)")
    parser.add_argument("--timing", choices=("normal", "extended", "off"), default="normal",
                        help="time limits: as written, extended (x2), or off")
    parser.add_argument("--form", choices=("f", "m", "n"), default=None,
                        help="how to address you in Italian and Polish: feminine, masculine, "
                             "or neutral phrasing (default: neutral)")
    parser.add_argument("--db", metavar="PATH",
                        help="score log database (default: $CRT_DB or the user data folder)")
    parser.add_argument("--no-log", action="store_true", help="do not record this session")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.terminal.tools import default_trainee

    args.trainee = args.trainee or default_trainee()  # the log is never anonymous
    from game.core.campaign import is_campaign

    if is_campaign(args.scenario):  # scenarios/campaigns/<id>.yaml: several episodes
        if not args.text:
            return _play_in_window(args, "run_campaign")
        from game.terminal.campaign import play_campaign_text

        return play_campaign_text(args)
    if not args.text:
        return _play_in_window(args)
    from game.terminal.play import play_text

    return play_text(args)


def _play_in_window(args: argparse.Namespace, entry: str = "run_scenario") -> int:
    """The same encounter (or campaign) in the game window, when the game offers a
    direct start."""
    from game.core.errors import UserError

    try:
        from game.ui import app
    except ImportError as err:
        raise UserError("the game window is not available here; add --text to play in the "
                        "terminal") from err
    start = getattr(app, entry, None)
    if start is None:
        raise UserError("the game window cannot start at a given scenario; run `python "
                        "main.py` and pick it there, or add --text to play in the terminal")
    return int(start(args) or 0)
