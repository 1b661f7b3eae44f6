"""`python main.py lint [PATH ...]`: check scenarios, the trait catalogue, rule packs
and the curriculum; print every problem as ``path:line:column: severity: message [code]``.

Exit 0 when clean (warnings allowed), 1 when any error, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lint", help="check scenario files; every problem as file:line:col",
        description="Check scenario files, the trait catalogue, rule packs and the "
                    "curriculum. Folders are searched recursively; each file is checked "
                    "as its kind (by path). Exit 0 clean (warnings allowed), 1 errors, 2 usage.",
        epilog="Each problem prints as PATH:LINE:COLUMN: error|warning: MESSAGE [CODE]; "
               "the codes are listed in docs/lint-codes.md.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (default: scenarios/)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.core.loader import SCENARIOS, lint_paths
    from game.core.resources import trainer_scenarios_dir

    own = trainer_scenarios_dir()  # the trainer's own scenarios, checked beside the library
    report = lint_paths(args.paths or [SCENARIOS, *([own] if own.is_dir() else [])])
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from game.terminal.safe import safe_line

        for problem in report.problems:  # messages quote the file: never obey its escapes
            print(safe_line(str(problem)))
        print(summary(report.files, report.scenarios, len(report.errors),
                      len(report.warnings)))
    return 1 if report.errors else 0


def summary(files: int, scenarios: int, errors: int, warnings: int) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    found = "no problems" if not (errors or warnings) else \
        f"{count(errors, 'error')}, {count(warnings, 'warning')}"
    return f"checked {count(files, 'file')} ({count(scenarios, 'scenario')}): {found}"
