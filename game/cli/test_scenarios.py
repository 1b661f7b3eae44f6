"""`python main.py test-scenarios [PATH ...]`: run scenario test plans, with coverage."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "test-scenarios", help="run the scenarios' test plans, with coverage",
        description="Run test plans (scenarios/<id>.test.yaml) through the runtime: each case "
                    "plays its scripted answers and checks the ending, scores and path. Then "
                    "lists the nodes, choices and traits no case exercises, and those no path "
                    "at all can reach. Exit 1 when a case fails, a plan does not load, or a "
                    "scenario has no test plan.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="test plans, scenarios (ids or files) or folders "
                             "(default: the scenarios folder)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from game.core.i18n import Translator
    from game.terminal.testreport import print_report
    from game.terminal.testsuite import collect, run_plan
    from game.terminal.tools import default_scenarios_dir

    plans, missing = collect(args.paths, default_scenarios_dir())
    reports = [run_plan(path) for path in plans]
    ok = print_report(reports, missing, Translator("terminal", "en"), sys.stdout)
    return 0 if ok else 1
