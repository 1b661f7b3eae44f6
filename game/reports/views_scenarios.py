"""Per-scenario view: pass rate and average, the choices made at each decision, mistakes."""

from __future__ import annotations

import sqlite3

from game.reports.filters import Filters
from game.reports.model import Chart, Section, Series
from game.scorelog.queries import RESULTS, filters

TOP_CHOICES = 3  # choices listed per decision
TOP_MISTAKES = 5  # mistakes listed per scenario


def scenario_summary(conn: sqlite3.Connection, f: Filters) -> Section:
    where, params = filters(f.trainee, f.scenario, f.since)
    sql = f"""WITH {RESULTS.format(where=where)}
              SELECT scenario, count(*), count(DISTINCT trainee),
                     100.0 * sum(passed) / count(*), avg(score), min(score), max(score)
              FROM results GROUP BY scenario ORDER BY scenario"""
    rows = tuple(conn.execute(sql, params))
    chart = Chart("bars", "pass rate % per scenario",
                  (Series("pass rate %", tuple((r[0], float(r[3] or 0)) for r in rows)),))
    return Section("Scenarios", ("scenario", "sessions", "trainees", "pass rate %", "average",
                                 "lowest", "highest"), rows, charts=(chart,) if rows else ())


def _choices_sql(f: Filters) -> tuple[str, list]:
    """Count and average merit / points lost per choice: running totals unless ``since``."""
    where, params = filters(f.trainee, f.scenario, f.since if f.since else None)
    if f.since is None:
        return (f"""SELECT scenario, node, choice, sum(n), sum(merit) / sum(n),
                           sum(lost) / sum(n) FROM choice_totals e WHERE 1 {where}
                    GROUP BY scenario, node, choice""", params)
    return (f"""SELECT scenario, node, choice, count(*), avg(merit), avg(lost) FROM events e
                WHERE type IN ('ChoiceMade', 'TimedOut') {where}
                GROUP BY scenario, node, choice""", params)


def choices_and_mistakes(conn: sqlite3.Connection, f: Filters) -> tuple[Section, Section]:
    """One pass over the choice index gives both the popular choices and the mistakes."""
    groups = conn.execute(*_choices_sql(f)).fetchall()
    totals: dict[tuple, int] = {}
    for scenario, node, _, count, _, _ in groups:
        totals[(scenario, node)] = totals.get((scenario, node), 0) + count
    ranked = sorted(groups, key=lambda g: (g[0] or "", g[1] or "", -g[3], g[2] or ""))
    popular, seen = [], {}
    for scenario, node, choice, count, merit, _ in ranked:
        rank = seen[(scenario, node)] = seen.get((scenario, node), 0) + 1
        if rank <= TOP_CHOICES:
            share = 100.0 * count / totals[(scenario, node)]
            popular.append((scenario, node, rank, choice, count, share, merit))
    mistakes, per_scenario = [], {}
    for scenario, node, choice, count, _, lost in sorted(
            (g for g in groups if g[5] is not None and g[5] > 0),
            key=lambda g: (g[0] or "", -g[3], -g[5], g[1] or "", g[2] or "")):
        per_scenario[scenario] = per_scenario.get(scenario, 0) + 1
        if per_scenario[scenario] <= TOP_MISTAKES:
            mistakes.append((scenario, node, choice, count,
                             100.0 * count / totals[(scenario, node)], lost))
    return (Section("Choices made at each decision",
                    ("scenario", "decision", "rank", "choice", "times", "share %",
                     "average merit"), tuple(popular)),
            Section("Most common mistakes",
                    ("scenario", "decision", "choice", "times", "share %",
                     "points lost"), tuple(mistakes),
                    note="a mistake is an answer worth less than the best open choice; "
                         "points lost: the average shortfall each time"))
