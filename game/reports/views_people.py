"""Per-trainee and per-team views: sessions, best/last/average per scenario, trends."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from functools import cache
from itertools import groupby
from operator import mul

from game.reports.filters import Filters
from game.reports.model import Chart, Section, Series
from game.reports.names import Names
from game.scorelog.queries import RESULTS

FEW = 3  # figures from fewer sessions than this are greyed


def results_cte(f: Filters) -> tuple[str, list]:
    where, params = f.sql()
    return "WITH " + RESULTS.format(where=where), params


def trainee_sessions(conn: sqlite3.Connection, f: Filters, names: Names) -> Section:
    """Sessions started, ended, passed and abandoned, and the average score, per trainee."""
    t = names.t
    where, params = f.sql()
    cte, cparams = results_cte(f)
    sql = f"""{cte},
        started AS (SELECT trainee, count(*) AS n,
                           replace(substr(max(at), 1, 16), 'T', ' ') AS last_at
                    FROM events e WHERE type = 'SessionStarted' {where} GROUP BY trainee),
        ended AS (SELECT trainee, count(*) AS n, sum(passed) AS passed,
                         sum(overridden) AS overridden
                  FROM results GROUP BY trainee)
        SELECT s.trainee, s.n, coalesce(d.n, 0), coalesce(d.passed, 0), s.n - coalesce(d.n, 0),
               coalesce(d.overridden, 0), s.last_at
        FROM started s LEFT JOIN ended d  -- NULL = NULL here: IS NOT DISTINCT FROM, for any SQLite
          ON (d.trainee = s.trainee OR (d.trainee IS NULL AND s.trainee IS NULL))
        ORDER BY s.trainee NULLS FIRST"""
    average = averages(conn, f, "trainee")
    rows = tuple((*r[:5], average.get(r[0]), *r[5:]) for r in conn.execute(sql, cparams + params))
    return Section(t("s.trainees"), (t("c.trainee"), t("c.sessions"), t("c.ended"),
                                     t("c.passed"), t("c.abandoned"), t("c.average"),
                                     t("c.overridden"), t("c.last_played")), rows,
                   faint=tuple(i for i, r in enumerate(rows) if r[2] < FEW),
                   note=t("n.trainees"), key="trainees")


def averages(conn: sqlite3.Connection, f: Filters, key: str) -> dict:
    """Average effective score of ended sessions per ``key`` column (trainee, scenario).

    Added up here in log order: an SQL engine adds floats in the order its plan reads
    the rows, so SQLite's and PostgreSQL's ``avg`` differ in the last digits."""
    cte, params = results_cte(f)
    sums: dict = {}
    for group, score in conn.execute(f"{cte} SELECT {key}, score FROM results "
                                     "WHERE score IS NOT NULL ORDER BY seq", params):
        acc = sums.get(group)
        if acc is None:
            sums[group] = [score, 1]
        else:
            acc[0] += score
            acc[1] += 1
    return {group: total / n for group, (total, n) in sums.items()}


def trainee_scenarios(conn: sqlite3.Connection, f: Filters, names: Names) -> Section:
    """Best, last and average score per trainee and scenario, with the trend per session
    (the charts are the summary's, one per trainee). One pass over the ended sessions in
    index order (trainee, scenario, time)."""
    t = names.t
    cte, params = results_cte(f)
    sql = f"""{cte} SELECT trainee, scenario, score, at FROM results WHERE score IS NOT NULL
              ORDER BY trainee NULLS FIRST, scenario NULLS FIRST, at, seq"""
    rows: list[tuple] = []
    for (trainee, scenario), group in groupby(conn.execute(sql, params),
                                              key=lambda r: (r[0], r[1])):
        got = [(r[3], float(r[2])) for r in group]
        scores = [s for _, s in got]
        rows.append((trainee, names.scenario(scenario), len(scores), max(scores), scores[-1],
                     sum(scores) / len(scores), names.pass_mark(scenario), _slope(scores)))
    return Section(t("s.per_scenario"), (t("c.trainee"), t("c.scenario"), t("c.sessions"),
                                         t("c.best"), t("c.last"), t("c.average"),
                                         t("c.pass_mark"), t("c.trend")), tuple(rows),
                   faint=tuple(i for i, r in enumerate(rows) if r[2] < FEW),
                   note=t("n.trend"), key="per_scenario", detail=True)


def _slope(scores: list[float]) -> float | None:
    """Least-squares slope of score against session number 1..n."""
    n = len(scores)
    if n < 2:
        return None
    sum_x, sum_xx = n * (n + 1) / 2, n * (n + 1) * (2 * n + 1) / 6
    sum_xy = sum(map(mul, range(1, n + 1), scores))
    return (n * sum_xy - sum_x * sum(scores)) / (n * sum_xx - sum_x * sum_x)


def team_over_time(conn: sqlite3.Connection, f: Filters, names: Names) -> Section:
    """Per team and week (from Monday): sessions, trainees active, average score, pass rate.

    Days fold into weeks here.
    Trainees are counted as distinct rows, never by splitting a joined string (a name
    may hold a comma)."""
    t = names.t
    cte, params = results_cte(f)
    sql = f"""{cte}
        SELECT CASE WHEN instr(trainee, '/') > 0 THEN substr(trainee, 1, instr(trainee, '/') - 1)
                    ELSE '' END AS team, substr(at, 1, 10) AS day, trainee, score, passed
        FROM results ORDER BY seq"""
    # one row per ended session, added up here in log order (see averages)
    weeks: dict[tuple[str, str], list] = {}
    for team, day, trainee, score, passed in conn.execute(sql, params):
        acc = weeks.setdefault((team, _monday(day)), [0, 0.0, 0, 0.0, set()])
        acc[0] += 1
        if score is not None:
            acc[1] += score
            acc[2] += 1
        acc[3] += passed or 0
        acc[4].add(trainee)
    everyone = t("everyone")
    rows = tuple((team or everyone, week, n, len(who), total / scored if scored else None,
                  100.0 * passed / n)
                 for (team, week), (n, total, scored, passed, who) in sorted(weeks.items()))
    charts = []
    for team in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == team]
        charts.append(Chart("lines", t("chart.team", team=team), (
            Series(t("c.average"), tuple((r[1], float(r[4])) for r in mine
                                         if r[4] is not None)),
            Series(t("c.pass_rate"), tuple((r[1], float(r[5])) for r in mine)))))
    return Section(t("s.team"), (t("c.team"), t("c.week"), t("c.sessions"), t("c.trainees"),
                                 t("c.average"), t("c.pass_rate")), rows, charts=tuple(charts),
                   faint=tuple(i for i, r in enumerate(rows) if r[2] < FEW),
                   note=t("n.team"), key="team", detail=True)


@cache
def _monday(day: str) -> str:
    moment = date.fromisoformat(day)
    return (moment - timedelta(days=moment.weekday())).isoformat()
