"""Per-trainee and per-team views: sessions, best/last/average per scenario, trends."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from functools import cache
from itertools import groupby

from game.reports.filters import Filters
from game.reports.model import Chart, Section, Series
from game.scorelog.queries import RESULTS, filters

MAX_TREND_LINES = 8  # more lines than this on one chart cannot be told apart


def _results(f: Filters) -> tuple[str, list]:
    where, params = filters(f.trainee, f.scenario, f.since)
    return "WITH " + RESULTS.format(where=where), params


def trainee_sessions(conn: sqlite3.Connection, f: Filters) -> Section:
    """Sessions started, ended, passed and abandoned, and the average score, per trainee."""
    where, params = filters(f.trainee, f.scenario, f.since)
    cte, cparams = _results(f)
    sql = f"""{cte},
        started AS (SELECT trainee, count(*) AS n,
                           replace(substr(max(at), 1, 16), 'T', ' ') AS last_at
                    FROM events e WHERE type = 'SessionStarted' {where} GROUP BY trainee),
        ended AS (SELECT trainee, count(*) AS n, sum(passed) AS passed, avg(score) AS avg
                  FROM results GROUP BY trainee)
        SELECT s.trainee, s.n, coalesce(d.n, 0), coalesce(d.passed, 0), s.n - coalesce(d.n, 0),
               d.avg, s.last_at
        FROM started s LEFT JOIN ended d ON d.trainee IS s.trainee
        ORDER BY s.trainee"""
    rows = tuple(conn.execute(sql, cparams + params))
    return Section("Trainees", ("trainee", "sessions", "ended", "passed", "abandoned",
                                "average", "last played"), rows,
                   note="abandoned: started but never ended (closed, crashed or still open)")


def trainee_scenarios(conn: sqlite3.Connection, f: Filters) -> Section:
    """Best, last and average score per trainee and scenario, with the trend per session.

    One pass over the ended sessions in index order (trainee, scenario, time): the
    trend needs each session's rank, which SQL would get from a sort of all of them.
    """
    cte, params = _results(f)
    sql = f"""{cte} SELECT trainee, scenario, score FROM results WHERE score IS NOT NULL
              ORDER BY trainee, scenario, at"""
    rows: list[tuple] = []
    lines: dict[str, list[Series]] = {}
    charted: set[str] = set()  # the first few trainees (in order) get trend lines
    for (trainee, scenario), group in groupby(conn.execute(sql, params),
                                              key=lambda r: (r[0], r[1])):
        if trainee is not None and len(charted | {trainee}) <= MAX_TREND_LINES:
            charted.add(trainee)
        scores = [float(r[2]) for r in group]
        rows.append((trainee, scenario, len(scores), max(scores), scores[-1],
                     sum(scores) / len(scores), _slope(scores)))
        if trainee in charted:
            points = tuple((str(i), y) for i, y in enumerate(scores, start=1))[-50:]
            lines.setdefault(scenario, []).append(Series(trainee, points))
    charts = tuple(Chart("lines", f"{scenario}: score per session", tuple(series))
                   for scenario, series in sorted(lines.items(), key=lambda kv: str(kv[0])))
    return Section("Scores per scenario", ("trainee", "scenario", "sessions", "best", "last",
                                           "average", "trend per session"), tuple(rows),
                   charts=charts,
                   note="trend: least-squares change in score from one session to the next")


def _slope(scores: list[float]) -> float | None:
    """Least-squares slope of score against session number 1..n."""
    n = len(scores)
    if n < 2:
        return None
    sum_x, sum_xx = n * (n + 1) / 2, n * (n + 1) * (2 * n + 1) / 6
    sum_xy = sum(x * y for x, y in enumerate(scores, start=1))
    return (n * sum_xy - sum_x * sum(scores)) / (n * sum_xx - sum_x * sum_x)


def team_over_time(conn: sqlite3.Connection, f: Filters) -> Section:
    """Per team and week (from Monday): sessions, trainees active, average score, pass rate.

    SQL sums per team and day (cheap string keys); the days are folded into weeks here.
    """
    cte, params = _results(f)
    sql = f"""{cte}
        SELECT CASE WHEN instr(trainee, '/') > 0 THEN substr(trainee, 1, instr(trainee, '/') - 1)
                    ELSE 'everyone' END AS team,
               substr(at, 1, 10) AS day, count(*), total(score), count(score),
               total(passed), group_concat(DISTINCT trainee)
        FROM results GROUP BY team, day"""
    weeks: dict[tuple[str, str], list] = {}
    for team, day, n, score_sum, scored, passed, trainees in conn.execute(sql, params):
        week = _monday(day)
        acc = weeks.setdefault((team, week), [0, 0.0, 0, 0.0, set()])
        acc[0] += n
        acc[1] += score_sum
        acc[2] += scored
        acc[3] += passed
        acc[4].update((trainees or "").split(","))
    rows = tuple((team, week, n, len(who - {""}), total / scored if scored else None,
                  100.0 * passed / n)
                 for (team, week), (n, total, scored, passed, who) in sorted(weeks.items()))
    charts = []
    for team in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == team]
        charts.append(Chart("lines", f"team {team}: week by week", (
            Series("average score", tuple((r[1], float(r[4])) for r in mine
                                          if r[4] is not None)),
            Series("pass rate %", tuple((r[1], float(r[5])) for r in mine)))))
    return Section("Team over time", ("team", "week of", "sessions", "trainees", "average",
                                      "pass rate %"), rows, charts=tuple(charts),
                   note="team: the part of a trainee id before '/' (north/anna is in north)")


@cache
def _monday(day: str) -> str:
    moment = date.fromisoformat(day)
    return (moment - timedelta(days=moment.weekday())).isoformat()
