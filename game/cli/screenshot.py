"""`screenshot SCENARIO --choices 1,2 --screen encounter|debrief --lang it --size WxH --out F`:
render one screen of a scripted playthrough to a PNG, without a window."""

from __future__ import annotations

import argparse

from game.cli.argtypes import seconds


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "screenshot", help="render a screen of a scripted playthrough to a PNG",
        description="Play SCENARIO with the given choices (numbered in authored order) and "
                    "save the encounter or the debrief as a PNG, without opening a window.")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario id or path")
    p.add_argument("--choices", default="", help="e.g. 1,2,1: the n-th authored choice at "
                   "each node; stops at an ending or when the list runs out")
    p.add_argument("--screen", choices=("encounter", "debrief", "picker", "recap"),
                   default="encounter", help="for a campaign: picker, recap (before "
                   "--episode) or debrief (the campaign's)")
    p.add_argument("--episode", type=int, default=2,
                   help="campaign: the episode whose recap (or picker card) is shown")
    p.add_argument("--lang", choices=("en", "it", "pl"), default="en")
    p.add_argument("--mode", choices=("practice", "assessment"), default="practice")
    p.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT (default 1280x720)")
    p.add_argument("--text-size", type=int, choices=(100, 125, 150, 175, 200), default=100)
    p.add_argument("--high-contrast", action="store_true")
    p.add_argument("--dyslexic-font", action="store_true")
    p.add_argument("--feedback", action="store_true",
                   help="practice mode: show the feedback panel of the last choice")
    p.add_argument("--think", type=seconds, default=3.0, metavar="SECONDS",
                   help="seconds spent on each node before answering (default 3; never "
                        "more than 40%% of a time limit)")
    p.add_argument("--seed", type=int, default=7, help="seed of the answer order (default 7)")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.ui.scripted import headless, parse_choices, parse_size

    size = parse_size(args.size)
    headless()
    from game.core.campaign import is_campaign

    if is_campaign(args.scenario):  # scenarios/campaigns/<id>.yaml: its own screens
        return _campaign(args, size)
    numbers = parse_choices(args.choices)
    from game.ui.render import screenshot
    from game.ui.settings import Settings

    settings = Settings(lang=args.lang, mode=args.mode, trainee="trainee",
                        text_scale=args.text_size, high_contrast=args.high_contrast,
                        dyslexic_font=args.dyslexic_font, sound=False)
    path = screenshot(args.scenario, numbers, args.screen, settings, size, args.out,
                      seed=args.seed, keep_feedback=args.feedback,
                      seconds=max(0.0, args.think))
    print(f"wrote {path}")
    return 0


def _campaign(args: argparse.Namespace, size: tuple[int, int]) -> int:
    from game.ui.render import build_app
    from game.ui.screens.campaign_shot import (
        campaign_screen,
        parse_episodes,
        private_log,
        save_window,
    )
    from game.ui.scripted import settle
    from game.ui.settings import Settings

    if args.screen == "encounter":
        args.screen = "recap"  # a campaign's encounters are its scenarios' screenshots
    private_log()
    settings = Settings(lang=args.lang, mode=args.mode, trainee="trainee",
                        text_scale=args.text_size, high_contrast=args.high_contrast,
                        dyslexic_font=args.dyslexic_font, sound=False, time_limits="off")
    app = build_app(settings, size, record=True)
    campaign_screen(app, args.scenario, args.screen, parse_episodes(args.choices),
                    args.episode, args.seed)
    settle(app)
    print(f"wrote {save_window(app, args.out)}")
    return 0
