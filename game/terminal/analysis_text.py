"""The lines `analyze` prints that a scenario's and a campaign's summaries share: the
score range and pass mark, the strategies, and each ending's paths and scores."""

from __future__ import annotations


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


def score_line(score: dict, pass_score: float) -> str:
    return (f"  score: min {fmt(score['min'])}, median {fmt(score.get('median'))}, "
            f"max {fmt(score['max'])}; pass mark {fmt(pass_score)}")


def strategies_line(strategies: dict[str, float], passing: dict[str, str]) -> str:
    return "  strategies: " + ", ".join(
        f"{name.replace('_', ' ')} {fmt(v)}" + (" PASSES" if name in passing else "")
        for name, v in strategies.items())


def ending_lines(endings: dict[str, dict]) -> list[str]:
    lines = []
    for ending, info in endings.items():
        if not info["reachable"]:
            lines.append(f"  ending {ending} ({info['outcome']}): UNREACHABLE")
            continue
        s = info["score"]
        lines.append(f"  ending {ending} ({info['outcome']}): {info['paths']} paths, "
                     f"{info['passed_paths']} passing; score {fmt(s['min'])} / "
                     f"{fmt(s['median'])} / {fmt(s['max'])} (min / median / max)")
    return lines
