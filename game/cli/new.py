"""`python main.py new ID --encounter TYPE`: start a scenario from a lint-clean skeleton."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new", help="write a lint-clean scenario skeleton to start from",
        description="Write scenarios/ID.yaml: a lint-clean skeleton with every field, all "
                    "three languages stubbed, and comments that explain the format. "
                    "Never overwrites an existing file.")
    parser.add_argument("id", help="the new scenario's id ([a-z][a-z0-9_]*)")
    parser.add_argument("--encounter", required=True, metavar="TYPE",
                        help="encounter type, e.g. phone_complaint, social_flare_up")
    parser.add_argument("--channel", metavar="CHANNEL",
                        help="phone, email, chat, social or in_person "
                             "(default: the encounter's usual channel)")
    parser.add_argument("--out", metavar="DIR", type=Path,
                        help="folder to write into (default: the scenarios folder)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.core.i18n import Translator
    from game.core.model import Channel, Encounter
    from game.terminal.skeleton import parse_choice, write_skeleton
    from game.terminal.tools import default_scenarios_dir

    encounter = parse_choice(args.encounter, Encounter, "encounter")
    channel = parse_choice(args.channel, Channel, "channel") if args.channel else None
    out_dir = args.out if args.out is not None else default_scenarios_dir()
    if args.out is None:  # installed, that is the trainer's own folder: make it on first use
        out_dir.mkdir(parents=True, exist_ok=True)
    path = write_skeleton(args.id, encounter, channel, out_dir)
    print(Translator("terminal", "en")("new.written", path=path))
    return 0
