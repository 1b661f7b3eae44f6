"""Command-line dispatch: `python main.py [COMMAND] ...`.

Each subcommand lives in its own module under ``game.cli`` and exposes
``register(subparsers)`` (adds its parser, sets ``func``) and keeps heavy imports
inside the function it runs, so `lint` never pays for pygame.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import sys

from game import __version__
from game.cli.config import command_name
from game.core.errors import INTERNAL_ERROR_EXIT, UserError

#: where a user reports an internal error; set CRT_TRACEBACK=1 to see the traceback.
REPORT_HINT = ("this is a bug in the trainer, not in your input; please report it with the "
               "command you ran (set CRT_TRACEBACK=1 to print the details)")

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
    "lsp": "lsp",
    "config": "config",
    "db": "db",
    "sync": "sync",
}


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; this keeps the message to one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # the message quotes what was typed: shown, never obeyed, and on one line
        self.exit(2, f"{self.prog}: error: {_one_line(message)}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only``, the parser of that one command (what a run
    of it needs: seventeen commands' options cost more to set up than a report to run)."""
    parser = _Parser(
        prog=command_name(),  # crtrainer when installed or frozen
        description="Client Relations Trainer. With no command, starts the game.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(f"game.cli.{module_name}")
        except ModuleNotFoundError as err:
            if err.name != f"game.cli.{module_name}":
                raise
            continue
        module.register(sub)
    from game.cli.config import prepare

    prepare(sub)  # --scenarios for every command; the room's defaults for play
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; whatever happens, the user sees one line and a documented code."""
    try:
        return _dispatch(argv)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BaseException as err:  # the one guard: a bug is one line, never a traceback
        return _internal_error(err)


def _dispatch(argv: list[str] | None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    for name in ("stdout", "stderr"):  # started with `>&-`: output goes nowhere, not to a crash
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    words = sys.argv[1:] if argv is None else argv
    # `python main.py report ...`: only that command's parser is built; anything else
    # (no command, --help, a typo) gets the whole one, which lists and suggests commands
    parser = build_parser(words[0] if words and words[0] in COMMANDS else None)
    args = parser.parse_args(words)
    func = getattr(args, "func", None)
    if func is None:
        func = _start_game
    try:
        from game.cli.config import apply

        apply(args)  # the training-room configuration (game/cli/config.py)
        return int(func(args) or 0)
    except UserError as err:
        with contextlib.suppress(OSError, ValueError):  # stderr closed: the code still tells
            print(f"error: {_one_line(str(err))}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as err:
        if err.filename is None:
            raise  # not about a path the user gave: a bug, for the guard
        return _path_error(err)
    except ValueError as err:
        if "null byte" not in str(err):  # os.stat('a\0b'): a path no system accepts
            raise
        with contextlib.suppress(OSError, ValueError):
            print("error: a path cannot contain a NUL character (\\x00)", file=sys.stderr)
        return 2


def _path_error(err: OSError) -> int:
    """A path the user named that the system refuses (too long, unreadable, a loop of
    links...): their input, not our bug. Missing or malformed paths are usage errors."""
    name = os.fsdecode(err.filename)
    shown = name if len(name) <= 80 else name[:77] + "..."
    with contextlib.suppress(OSError, ValueError):
        print(f"error: {_one_line(shown)}: {err.strerror or err}", file=sys.stderr)
    usage = (errno.ENAMETOOLONG, errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ELOOP)
    return 2 if err.errno in usage else 1


def _internal_error(err: BaseException) -> int:
    if os.environ.get("CRT_TRACEBACK"):
        import traceback

        traceback.print_exception(err)
    detail = _one_line(f"{type(err).__name__}: {err}" if str(err) else type(err).__name__)
    with contextlib.suppress(OSError, ValueError):  # no stderr: the exit code tells the story
        print(f"internal error: {detail[:300]} ({REPORT_HINT})", file=sys.stderr)
    return INTERNAL_ERROR_EXIT


def _one_line(text: str) -> str:
    """Messages are one line: newlines and control characters would break that promise."""
    from game.terminal.safe import safe_line

    return safe_line(text)


def _silence_stdout() -> None:
    """After a broken pipe, Python's exit flush would print a second error; point at devnull."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


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
