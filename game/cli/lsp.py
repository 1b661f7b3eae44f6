"""`python main.py lsp`: the language server for editors, over stdio.

Editors start it themselves (docs/authoring.md, "Editor set-up"); it speaks LSP on
stdin/stdout, so it prints nothing else there.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lsp", help="language server for editors (lint as you type, completion, navigation)",
        description="Run the language server over stdio: lint's diagnostics as you type, "
                    "completion of trait ids, next targets, flags and condition names, "
                    "hover, go to definition and quick fixes. Started by the editor; see "
                    "docs/authoring.md, 'Editor set-up'.")
    parser.add_argument("--stdio", action="store_true",
                        help="accepted for editors that pass it (stdio is the only transport)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from game.lsp.server import main
    except ModuleNotFoundError as err:
        if err.name in ("pygls", "lsprotocol"):
            from game.core.errors import UserError
            raise UserError("the language server needs pygls: "
                            "python -m pip install -e .") from err
        raise
    return main()
