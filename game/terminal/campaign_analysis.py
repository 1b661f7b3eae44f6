"""`analyze CAMPAIGN`: the campaign explored as a whole, printed as text or JSON.

The figures come from ``game.core.analysis.analyze_campaign``; this only loads the
campaign with its episodes, the catalogue and the shared rules, and lays it out.
"""

from __future__ import annotations

import argparse
import json
import sys

from game.core.analysis import CampaignAnalysis, analyze_campaign
from game.core.campaign import load_campaign, load_episodes
from game.core.errors import UsageError
from game.core.loader import load_catalogue, load_shared_rules
from game.terminal.analysis_text import ending_lines, score_line, strategies_line

__all__ = ["describe_campaign", "run_campaigns"]


def run_campaigns(args: argparse.Namespace, campaigns: list[str]) -> int:
    if len(campaigns) != len(args.paths):
        raise UsageError("analyze campaigns on their own (not with scenario files)")
    catalogue = load_catalogue()
    rules = load_shared_rules(catalogue=catalogue)
    results = []
    for arg in campaigns:
        campaign = load_campaign(arg)
        episodes = load_episodes(campaign, catalogue)
        results.append(analyze_campaign(campaign, episodes, catalogue, rules,
                                        random_runs=min(args.random_runs, 40)))
    if args.format == "json":
        json.dump([r.to_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            print(describe_campaign(r))
    return 1 if args.strict and any(r.warnings for r in results) else 0


def describe_campaign(r: CampaignAnalysis) -> str:
    how = "exact" if r.exact else "approximate (carried states sampled)"
    lines = [f"campaign {r.campaign}: {r.episodes} episodes, {len(r.endings)} campaign endings, "
             f"{r.paths} campaign paths [{how}]",
             score_line(r.score, r.pass_score),
             strategies_line(r.strategies, r.passing_strategies),
             *ending_lines(r.endings)]
    for row in r.per_episode:
        ends = ", ".join(f"{k} {v}" for k, v in sorted(row["endings"].items()))
        lines.append(f"  episode {row['position']} {row['scenario']}: from {row['states_in']} "
                     f"carried states, {row['runs']} runs; endings {ends}")
    for name, c in r.promises.items():
        lines.append(f"  promise {name}: made on {c['made']} paths (kept {c['kept']}, broken "
                     f"{c['broken']}, never due {c['never_due']}), never made on "
                     f"{c['never_made']}")
    lines.extend(f"  warning: {w}" for w in r.warnings)
    return "\n".join(lines)
