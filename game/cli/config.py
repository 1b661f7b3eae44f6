"""`python main.py config`: the training room's configuration in force, and where each
value came from (docs/configuration.md).

Also how every command honours it (``game.cli.main`` calls the two hooks below):
``prepare`` gives each command a ``--scenarios DIR`` option and makes the configured
language, mode and time-limit setting the defaults of ``play``; ``apply`` fills the
environment variables the rest of the product already reads (``CRT_DB``,
``CRT_LRS_*``, ``CRT_SCENARIOS``) where the user has not set them, and refuses a mode
or time-limit setting the room does not allow.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

SCENARIOS_HELP = ("your own scenario folder, beside the shipped library "
                  "(default: $CRT_SCENARIOS, the config file, else a per-user folder)")
#: the commands whose defaults follow the room's language / mode / time limits
DEFAULTS_FOR = {"play": ("lang", "mode", "timing"), "graph": ("lang",)}


def command_name() -> str:
    """How the user started us, for usage lines and hints: the installed entry point and
    the app are ``crtrainer``; anything else is the checkout's ``python main.py``."""
    return "crtrainer" if os.path.basename(sys.argv[0]).startswith("crtrainer") \
        else "python main.py"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "config", help="show the training-room configuration in force and its sources",
        description="Show every configuration value in force and where it came from: the "
                    "built-in default, the machine-wide file, the per-user file, or an "
                    "environment variable. The files and their keys are described in "
                    "docs/configuration.md.")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.set_defaults(func=run)


def prepare(sub: argparse._SubParsersAction) -> None:
    """After every command registered: ``--scenarios`` for each, config defaults for play."""
    from game.core import roomconfig

    try:
        config = roomconfig.load()
    except roomconfig.ConfigError:
        return  # ``apply`` reports it, as one line with exit 1, once the command is known
    room = {"lang": config.language, "mode": config.modes[0], "timing": config.time_limits}
    for name, command in sub.choices.items():
        known = {a.dest for a in command._actions}
        if "scenarios" not in known:
            command.add_argument("--scenarios", metavar="DIR", default=argparse.SUPPRESS,
                                 help=SCENARIOS_HELP)
        command.set_defaults(**{d: room[d] for d in DEFAULTS_FOR.get(name, ()) if d in known})


def apply(args: argparse.Namespace) -> None:
    """Before the command runs: the files' values into the environment; policy checks."""
    from game.core import roomconfig
    from game.core.errors import UsageError

    config = roomconfig.load()
    applied = [v for v in os.environ.get(roomconfig.APPLIED_ENV, "").split(",") if v]
    for var, value in config.env().items():
        if not os.environ.get(var, "").strip():
            os.environ[var] = value
            applied.append(var)
    if applied:
        os.environ[roomconfig.APPLIED_ENV] = ",".join(sorted(set(applied)))
    if getattr(args, "scenarios", None):
        os.environ[roomconfig.KEYS["scenarios"][0] or ""] = args.scenarios
    if getattr(args, "command", None) == "play":
        _allowed(args.mode, config.modes, "mode", config, "modes", UsageError)
        _allowed(args.timing, config.time_limits_allowed, "--timing", config,
                 "time_limits_allowed", UsageError)


def _allowed(value: str, allowed: tuple[str, ...], what: str, config, key: str,
             error: type[Exception]) -> None:
    if value not in allowed:
        raise error(f"{what} {value} is not allowed in this training room (allowed: "
                    f"{', '.join(allowed)}; set by the {config.origin[key]}, see "
                    f"`{command_name()} config`)")


def rows(config) -> list[tuple[str, str, str]]:
    """(key, value as shown, where it came from); the password never shown."""
    from game.core import roomconfig

    out = []
    for key in roomconfig.KEYS:
        value = config.values[key]
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        if key == "lrs_password" and shown:
            shown = "(set)"
        if key == "scenarios" and not shown:
            from game.core.resources import trainer_scenarios_dir

            shown = str(trainer_scenarios_dir())
        if key == "score_log" and not shown:
            from game.scorelog.location import default_db_path

            shown = str(default_db_path())
        out.append((key, shown or "(none)", config.origin[key]))
    return out


def run(args: argparse.Namespace) -> int:
    from game.core import roomconfig
    from game.core.resources import shipped_scenarios_dir

    config = roomconfig.load()
    if args.format == "json":
        json.dump({"files": [{"scope": s.label, "path": str(s.path), "found": s.found}
                             for s in config.sources],
                   "values": {k: {"value": v if k != "lrs_password" or not v else "(set)",
                                  "from": config.origin[k]}
                              for k, v in config.values.items()},
                   "shipped_scenarios": str(shipped_scenarios_dir())},
                  sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print("Configuration files (later ones win; see docs/configuration.md):")
    for source in config.sources:
        print(f"  {source.label:<13} {source.path}  ({'read' if source.found else 'not present'})")
    print("In force:")
    table = rows(config)
    width = max(len(k) for k, _, _ in table)
    value_width = min(48, max(len(v) for _, v, _ in table))
    for key, shown, origin in table:
        print(f"  {key:<{width}}  {shown:<{value_width}}  from {origin}")
    print(f"Shipped library: {shipped_scenarios_dir()}")
    return 0
