"""Command-line dispatch: `python main.py [COMMAND] ...`.

Each subcommand lives in its own module under ``game.cli`` and exposes
``register(subparsers)`` (adds its parser, sets ``func``) and keeps heavy imports
inside the function it runs, so `lint` never pays for pygame.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from game import __version__
from game.core.errors import UserError

# command name -> module under game.cli; a module not present yet is skipped.
COMMANDS: dict[str, str] = {
    "play": "play",
    "lint": "lint",
    "schema": "schema",
    "analyze": "analyze",
    "graph": "graph",
    "new": "new",
    "test-scenarios": "test_scenarios",
    "screenshot": "screenshot",
    "report": "report",
    "verify-log": "verify_log",
    "export-xapi": "export_xapi",
    "demo-data": "demo_data",
    "send-xapi": "send_xapi",
}


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; this keeps the message to one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python main.py",
        description="Client Relations Trainer. With no command, starts the game.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(f"game.cli.{module_name}")
        except ModuleNotFoundError as err:
            if err.name != f"game.cli.{module_name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        func = _start_game
    try:
        return int(func(args) or 0)
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _start_game(args: argparse.Namespace) -> int:
    try:
        from game.ui.app import run_default
    except ModuleNotFoundError as err:
        if err.name and err.name.startswith("game.ui"):
            print("error: the pygame game is not available in this build; "
                  "try `python main.py play SCENARIO --text`", file=sys.stderr)
            return 1
        raise
    return run_default()
