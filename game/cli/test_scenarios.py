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
    parser.add_argument("--draft", action="store_true",
                        help="instead of running plans, write a first plan next to each "
                             "scenario named (best run, worst run, and runs that play every "
                             "answer); never overwrites")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from game.core.i18n import Translator
    from game.terminal.testreport import print_report
    from game.terminal.testsuite import collect, run_plan
    from game.terminal.tools import default_scenarios_dir

    if args.draft:
        return _draft(args.paths)
    plans, missing = collect(args.paths, default_scenarios_dir())
    reports = [run_plan(path) for path in plans]
    ok = print_report(reports, missing, Translator("terminal", "en"), sys.stdout)
    return 0 if ok else 1


def _draft(scenarios: list[str]) -> int:
    from game.core.errors import UsageError
    from game.core.i18n import Translator
    from game.core.loader import resolve_scenario
    from game.terminal.testdraft import shown_path, write_draft
    from game.terminal.testplan import plan_path_for
    from game.terminal.tools import load_context

    if not scenarios:
        raise UsageError("--draft needs the scenarios to draft plans for (ids or files)")
    t = Translator("terminal", "en")
    for arg in scenarios:
        path = plan_path_for(resolve_scenario(arg))
        cases = write_draft(load_context(arg), path)
        print(t("tests.drafted", path=shown_path(path), cases=cases))
    return 0
