"""Per-scenario view: pass rate against each scenario's own pass mark, the choices made
at each decision, and the mistakes that cost the most points."""

from __future__ import annotations

import sqlite3

from game.reports.filters import Filters
from game.reports.model import Chart, Section, Series
from game.reports.names import Names
from game.reports.views_people import averages
from game.scorelog.queries import RESULTS

TOP_CHOICES = 3  # choices listed per decision
TOP_MISTAKES = 5  # mistakes listed per scenario (the costliest)
PRINTED = 3  # of which printed (the page for a class stays short)
FEW = 3


def scenario_summary(conn: sqlite3.Connection, f: Filters, names: Names) -> Section:
    t = names.t
    where, params = f.sql()
    sql = f"""WITH {RESULTS.format(where=where)}
              SELECT scenario, count(*), count(DISTINCT trainee),
                     sum(passed), min(score), max(score)
              FROM results GROUP BY scenario ORDER BY scenario NULLS FIRST"""
    raw = conn.execute(sql, params).fetchall()
    average = averages(conn, f, "scenario")  # in log order: the same digits on both back ends
    # the pass rate in Python: SQLite divides doubles, PostgreSQL numerics (other digits)
    rows = tuple((names.scenario(s), names.pass_mark(s), n, who,
                  None if passed is None else 100.0 * passed / n, average.get(s), low, high)
                 for s, n, who, passed, low, high in raw)
    chart = Chart("bars", t("chart.averages"), (Series(
        t("c.average"), tuple((r[0], float(r[5] or 0)) for r in rows),
        marks=tuple(r[1] for r in rows), faint=tuple(r[2] < FEW for r in rows)),))
    return Section(t("s.scenarios"), (t("c.scenario"), t("c.pass_mark"), t("c.sessions"),
                                      t("c.trainees"), t("c.pass_rate"), t("c.average"),
                                      t("c.lowest"), t("c.highest")), rows,
                   charts=(chart,) if rows else (), note=t("n.scenarios"),
                   faint=tuple(i for i, r in enumerate(rows) if r[2] < FEW), key="scenarios")


def _choices_sql(f: Filters) -> tuple[str, list]:
    """Count and average merit per choice: running totals unless a time or team filter."""
    where, params = f.sql()
    if f.since is None and f.until is None and f.team is None:
        return (f"""SELECT scenario, node, choice, sum(n), sum(merit) / sum(n)
                    FROM choice_totals e WHERE 1 = 1 {where}
                    GROUP BY scenario, node, choice""", params)
    return (f"""SELECT scenario, node, choice, count(*), avg(merit) FROM events e
                WHERE type IN ('ChoiceMade', 'TimedOut') {where}
                GROUP BY scenario, node, choice""", params)


def choices_made(conn: sqlite3.Connection, f: Filters, names: Names
                 ) -> tuple[Section, dict[tuple, int]]:
    """The most chosen answers at each decision; also the answers per decision."""
    t = names.t
    groups = conn.execute(*_choices_sql(f)).fetchall()
    totals: dict[tuple, int] = {}
    for scenario, node, _, count, _ in groups:
        totals[(scenario, node)] = totals.get((scenario, node), 0) + count
    ranked = sorted(groups, key=lambda g: (g[0] or "", g[1] or "", -g[3], g[2] or ""))
    popular, seen = [], {}
    for scenario, node, choice, count, merit in ranked:
        rank = seen[(scenario, node)] = seen.get((scenario, node), 0) + 1
        if rank <= TOP_CHOICES:
            share = 100.0 * count / totals[(scenario, node)]
            popular.append((names.scenario(scenario), node, rank,
                            names.choice(scenario, node, choice), count, share, merit))
    return Section(t("s.choices"), (t("c.scenario"), t("c.decision"), t("c.rank"),
                                    t("c.choice"), t("c.times"), t("c.share"),
                                    t("c.merit")), tuple(popular),
                   faint=tuple(i for i, r in enumerate(popular) if r[4] < FEW),
                   key="choices", detail=True), totals


def mistakes(conn: sqlite3.Connection, f: Filters, names: Names,
             totals: dict[tuple, int]) -> Section:
    """Answers that cost points, costliest first: a wrong choice (not the best open one),
    the best answer given too slowly, or no answer before the time ran out."""
    t = names.t
    where, params = f.sql()
    # the mistake kind is a column (chain.mistake), set on costly decisions only and
    # held by a partial index: no event JSON is read
    sql = f"""SELECT scenario, node, choice, mistake, count(*), total(lost)
              FROM events e
              WHERE mistake IS NOT NULL {where}
              GROUP BY scenario, node, choice, mistake"""
    found = conn.execute(sql, params).fetchall()
    found.sort(key=lambda g: (-g[5], g[0] or "", g[1] or "", g[2] or "", g[3] or ""))
    rows, per_scenario, unprinted = [], {}, []
    for scenario, node, choice, kind, count, lost in found:
        per_scenario[scenario] = per_scenario.get(scenario, 0) + 1
        if per_scenario[scenario] > TOP_MISTAKES:
            continue
        if per_scenario[scenario] > PRINTED:
            unprinted.append(len(rows))
        what = t(f"m.{kind}")  # wrong, slow or timeout
        share = 100.0 * count / totals[(scenario, node)] if totals.get((scenario, node)) \
            else None
        rows.append((names.scenario(scenario), names.choice(scenario, node, choice), what,
                     count, share, lost, lost / count))
    return Section(t("s.mistakes"), (t("c.scenario"), t("c.choice"), t("c.kind"), t("c.times"),
                                     t("c.share"), t("c.lost_total"), t("c.lost_each")),
                   tuple(rows), faint=tuple(i for i, r in enumerate(rows) if r[3] < FEW),
                   unprinted=tuple(unprinted), note=t("n.mistakes", top=TOP_MISTAKES),
                   key="mistakes")


def choices_and_mistakes(conn: sqlite3.Connection, f: Filters, names: Names
                         ) -> tuple[Section, Section]:
    popular, totals = choices_made(conn, f, names)
    return popular, mistakes(conn, f, names, totals)
