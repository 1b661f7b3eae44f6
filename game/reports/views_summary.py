"""The page a manager reads first: who passed, who improves, the class's weakest traits,
the sessions awaiting review (with the ids --session takes), and every override."""

from __future__ import annotations

import json
import sqlite3
from itertools import groupby
from operator import itemgetter

from game.reports.filters import Filters
from game.reports.model import Chart, Section, Series
from game.reports.names import Names
from game.reports.views_people import FEW, _slope, results_cte
from game.reports.views_traits import _profile_sql

WEAKEST = 5  # class-wide traits listed
AWAITING = 10  # sessions awaiting review listed on the summary page (all: --view review)
IMPROVING = 1.0  # points per session: a trend steeper than this is "improving"


def class_summary(conn: sqlite3.Connection, f: Filters, names: Names
                  ) -> tuple[Section, Section]:
    """One row per trainee (every trainee): passed of ended, latest, trend, weakest trait;
    and every trainee's scores session by session, one small chart each (no cap)."""
    t = names.t
    cte, params = results_cte(f)
    sql = f"""{cte} SELECT trainee, score, passed, overridden FROM results
              WHERE score IS NOT NULL ORDER BY trainee NULLS FIRST, at, seq"""
    weakest = _weakest_per_trainee(conn, f)
    rows, charts = [], []
    labels: list[str] = []  # the x axis "1", "2", ...: one string each, shared by every chart
    for trainee, group in groupby(conn.execute(sql, params), key=itemgetter(0)):
        got = list(group)
        scores = [float(r[1]) for r in got]
        slope = _slope(scores)
        trend = t("trend.none") if slope is None else t("trend.up") if slope > IMPROVING \
            else t("trend.down") if slope < -IMPROVING else t("trend.flat")
        trait = weakest.get(trainee)
        rows.append((trainee, len(got), sum(1 for r in got if r[2]), scores[-1], slope, trend,
                     names.trait(trait[0]) if trait else "", trait[1] if trait else None,
                     sum(1 for r in got if r[3])))
        labels += map(str, range(len(labels) + 1, len(scores) + 1))
        charts.append(Chart("lines", trainee or "", (Series(trainee or "", tuple(
            zip(labels, scores, strict=False))),), small=True))  # labels: as many or more
    return (Section(t("s.summary"), (t("c.trainee"), t("c.ended"), t("c.passed"),
                                     t("c.last"), t("c.trend"), t("c.direction"),
                                     t("c.weakest"), t("c.trait_score"), t("c.overridden")),
                    tuple(rows), faint=tuple(i for i, r in enumerate(rows) if r[1] < FEW),
                    paged=False, note=t("n.summary", n=FEW), key="summary"),
            Section(t("s.trends"), (), (), charts=tuple(charts), note=t("n.trends"),
                    key="trends"))


def _weakest_per_trainee(conn: sqlite3.Connection, f: Filters) -> dict[str, tuple[str, float]]:
    sql, params = _profile_sql(f)
    weakest: dict[str, tuple[str, float]] = {}
    for trainee, trait, _, average in conn.execute(sql, params):
        weakest[trainee] = (trait, average)  # rows are best first: the last one is weakest
    return weakest


def weakest_traits(conn: sqlite3.Connection, f: Filters, names: Names) -> Section:
    """The traits the class is weakest in: session-weighted averages across trainees."""
    t = names.t
    sql, params = _profile_sql(f)
    acc: dict[str, list] = {}
    for _, trait, n, average in conn.execute(sql, params):
        a = acc.setdefault(trait, [0, 0.0, 0])
        a[0] += n
        a[1] += n * average
        a[2] += 1
    ranked = sorted(((total / n, trait, n, who) for trait, (n, total, who) in acc.items()),
                    key=lambda r: (r[0], r[1]))[:WEAKEST]
    rows = tuple((names.trait(trait), average, n, who) for average, trait, n, who in ranked)
    return Section(t("s.weakest"), (t("c.trait"), t("c.average"), t("c.sessions"),
                                    t("c.trainees")), rows,
                   faint=tuple(i for i, r in enumerate(rows) if r[2] < FEW), key="weakest")


_AWAITING_SQL = """{cte},
    signs AS (SELECT session_id, max(seq) AS s FROM events WHERE type = 'SignedOff'
              GROUP BY session_id),
    changes AS (SELECT session_id, max(seq) AS c FROM events WHERE type = 'ScoreOverridden'
                GROUP BY session_id)
    SELECT r.session_id, r.trainee, r.scenario, r.original, r.score, r.passed, r.overridden,
           replace(substr(r.at, 1, 16), 'T', ' '), CASE WHEN g.s IS NULL THEN 0 ELSE 1 END
    FROM results r LEFT JOIN signs g ON g.session_id = r.session_id
         LEFT JOIN changes c ON c.session_id = r.session_id
    WHERE (r.passed = 0 OR r.overridden = 1) AND (g.s IS NULL OR g.s < c.c)
    ORDER BY +r.seq DESC"""
# +r.seq: the same order, but SQLite no longer reads every event of the log backwards to
# avoid sorting; it finds the ended sessions by the index and sorts the few found (a
# 79 k-event log: 26 ms -> 2 ms, the slowest statement of the default report)


def awaiting_review(conn: sqlite3.Connection, f: Filters, names: Names,
                    limit: int | None = AWAITING) -> Section:
    """Ended sessions that failed or were re-scored and nobody has signed off, newest first.

    A score changed after its sign-off waits again: the sign-off approved the old one."""
    t = names.t
    cte, params = results_cte(f)
    found = conn.execute(_AWAITING_SQL.format(cte=cte), params).fetchall()
    shown = found if limit is None else found[:limit]
    rows = tuple((sid, trainee, names.scenario(s), _score_cell(orig, score, over),
                  t("why.resigned") if signed else t("why.overridden") if over
                  else t("why.failed"), at)
                 for sid, trainee, s, orig, score, _, over, at, signed in shown)
    note = t("n.awaiting", shown=len(rows), total=len(found)) if len(found) > len(rows) \
        else t("n.awaiting_all", total=len(found))
    return Section(t("s.awaiting"), (t("c.session"), t("c.trainee"), t("c.scenario"),
                                     t("c.score"), t("c.why"), t("c.ended_at")), rows,
                   note=note, paged=False, key="awaiting")


def _score_cell(original: float | None, score: float | None, overridden: int) -> object:
    if overridden and original is not None and score is not None:
        return f"{original:.1f} → {score:.1f}"
    return score


def overrides(conn: sqlite3.Connection, f: Filters, names: Names) -> Section:
    """Every override: original → new, by whom, why, when, and if after a sign-off."""
    t = names.t
    where, params = f.sql("s")
    sql = f"""SELECT o.session_id, s.trainee, s.scenario, o.data, o.at,
                     (SELECT score FROM events x WHERE x.session_id = o.session_id
                      AND x.type = 'SessionEnded' ORDER BY x.seq LIMIT 1)
              FROM events o JOIN events s ON s.session_id = o.session_id
                   AND s.type = 'SessionStarted'
              WHERE o.type = 'ScoreOverridden' {where.replace('s.at', 'o.at')}
              ORDER BY o.seq"""
    rows = []
    for sid, trainee, scenario, data, at, original in conn.execute(sql, params):
        event = json.loads(data)
        previous = event.get("previous")
        rows.append((sid, trainee, names.scenario(scenario),
                     f"{_num(original)} → {_num(event.get('score'))}"
                     + (f" ({t('c.was')} {_num(previous)})"
                        if previous is not None and previous != original else ""),
                     str(event.get("by", "")), str(event.get("reason", "")),
                     at.replace("T", " ")[:16],
                     t("yes") if event.get("after_sign_off") else ""))
    return Section(t("s.overrides"), (t("c.session"), t("c.trainee"), t("c.scenario"),
                                      t("c.change"), t("c.by"), t("c.reason"), t("c.when"),
                                      t("c.after_sign_off")), tuple(rows),
                   note=t("n.overrides"), key="overrides", paged=False)


def _num(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, int | float) else "?"
