"""`python main.py analyze [PATH ...] [--format json]`: explore every path of each
scenario (timeouts included) and report reachability, the score range, each trait's
range and what naive strategies would score.

Exit 0 (warnings are printed; with --strict a warning exits 1), 1 when a scenario
does not load, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze", help="explore every path: reachability, score range, naive strategies",
        description="Explore every path of each scenario (timeouts included) with state "
                    "merging; report nodes, endings and which are reachable, distinct paths, "
                    "the score range per ending and by number of slips, paths whose ending "
                    "and score disagree, each trait's range, and the scores of naive and "
                    "surface strategies (first, last, shortest, middle-length, longest "
                    "answer, most digits, mean of random play). A strategy that passes, "
                    "or an incoherent path, is a warning; --strict makes warnings fail.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="scenario files, ids or folders (default: scenarios/)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--random-runs", type=int, default=1000, metavar="N",
                        help="seeded random playthroughs averaged (default: 1000)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.core import loader
    from game.core.analysis import analyze
    from game.core.errors import UsageError

    if args.random_runs < 0:
        raise UsageError("--random-runs must be 0 or more")
    from game.core.campaign import is_campaign

    campaigns = [a for a in args.paths if is_campaign(a)]  # scenarios/campaigns/<id>.yaml
    if campaigns:
        from game.terminal.campaign_analysis import run_campaigns

        return run_campaigns(args, campaigns)
    files = scenario_files(args.paths)
    catalogue = loader.load_catalogue()
    rules = loader.load_shared_rules(catalogue=catalogue)
    results = [analyze(loader.load_scenario(p), catalogue, rules, random_runs=args.random_runs)
               for p in files]
    if args.format == "json":
        json.dump([r.to_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            print(describe(r))
    return 1 if args.strict and any(r.warnings for r in results) else 0


def scenario_files(args: list[str]) -> list[Path]:
    from game.core import loader
    from game.core.errors import UsageError

    if not args:
        return loader.scenario_paths()
    files: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix in (".yaml", ".yml")
                           and loader.file_kind(p) is loader.FileKind.SCENARIO)
            if not found:
                raise UsageError(f"no scenario files in '{arg}'")
            files.extend(found)
        else:
            files.append(loader.resolve_scenario(arg))
    return files


def describe(r) -> str:
    """The human summary of one analysis."""
    from game.terminal.analysis_text import ending_lines, fmt, score_line, strategies_line

    how = "exact" if r.exact else "approximate (beam search)"
    lines = [f"{r.scenario}: {r.nodes} nodes ({r.decision_points} decision points), "
             f"{len(r.endings)} endings, {r.paths} distinct paths [{how}]",
             score_line(r.score, r.pass_score),
             strategies_line(r.strategies, r.passing_strategies),
             *ending_lines(r.endings)]
    lines.append("  by slips: " + "; ".join(
        f"{row['k']}: {row['paths']} paths" + (
            f", median {fmt(row['median'])}, {row['passed_share']:.0%} pass"
            if row["paths"] else "") for row in r.by_slips))
    inc = r.incoherent
    lines.append(f"  incoherent: {inc['success_not_passed']['paths']} success-not-passed, "
                 f"{inc['failure_passed']['paths']} failure-passed")
    if r.traits:
        lines.append("  traits: " + ", ".join(
            f"{t} {fmt(v['min'])}-{fmt(v['max'])}" for t, v in r.traits.items()))
    lines.extend(f"  warning: {w}" for w in r.warnings)
    return "\n".join(lines)
