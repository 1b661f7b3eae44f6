"""`python main.py schema`: the JSON Schema of the scenario format (or of the other
file kinds), for editor autocompletion. ``--write`` refreshes the files in schema/.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"  # the checkout's (see run)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema", help="JSON Schema of the format, for editor autocompletion",
        description="Print the JSON Schema (draft 2020-12) of a file format. Scenario files "
                    "point editors at it with a first-line comment: "
                    "# yaml-language-server: $schema=../schema/scenario.schema.json")
    parser.add_argument("--kind", choices=("scenario", "rule-pack", "catalogue", "curriculum",
                                           "campaign"),
                        default="scenario", help="which format (default: scenario)")
    parser.add_argument("--write", action="store_true",
                        help="write every format's schema to schema/*.schema.json instead")
    parser.set_defaults(func=run)


def render(kind: str) -> str:
    from game.core.loader import json_schema

    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    from game.core.loader import SCHEMAS

    if args.write:
        from game.core.errors import UsageError
        from game.core.resources import is_installed

        if is_installed():  # never write into site-packages or the app's folder
            raise UsageError("--write refreshes a source checkout's schema/; here, print one "
                             "with `schema --kind KIND > FILE`")
        from game.core.outfile import write_text

        for kind, (_, file_name) in SCHEMAS.items():
            write_text(SCHEMA_DIR / file_name, render(kind), make_parents=True)
            print(f"wrote schema/{file_name}")
        return 0
    sys.stdout.write(render(args.kind))
    return 0
