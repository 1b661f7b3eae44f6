"""Trait profile per trainee: strongest and weakest traits, with the decisions behind them."""

from __future__ import annotations

import sqlite3

from game.reports.filters import Filters
from game.reports.model import Chart, Section, Series

SHOWN = 3  # strongest and weakest traits listed per trainee
DECISIONS = 2  # decisions quoted per listed trait


def _where(f: Filters, alias: str) -> tuple[str, str, list]:
    """(from, where, params): ``since`` needs the event's time, hence the join, done
    from the time index outwards (events in the window first)."""
    source, parts, params = "", [], []
    for column, value in (("trainee", f.trainee), ("scenario", f.scenario)):
        if value is not None:
            parts.append(f"AND {alias}.{column} = ?")
            params.append(value)
    if f.since is not None:
        source = f"events e CROSS JOIN {{table}} {alias} ON {alias}.seq = e.seq"
        parts.insert(0, "AND e.at >= ?")
        params.insert(0, f.since)
    return source, " ".join(parts), params


def _profile_sql(f: Filters) -> tuple[str, list]:
    """Average trait score per trainee: from the running totals unless ``since`` is set."""
    source, where, params = _where(f, "t")
    if not source:
        return (f"""SELECT t.trainee, t.trait, sum(t.n), sum(t.total) / sum(t.n)
                    FROM trait_totals t WHERE 1 {where} GROUP BY t.trainee, t.trait
                    ORDER BY t.trainee, 4 DESC, t.trait""", params)
    return (f"""SELECT t.trainee, t.trait, count(*), avg(t.score)
                FROM {source.format(table="trait_scores")}
                WHERE e.type = 'SessionEnded' {where} GROUP BY t.trainee, t.trait
                ORDER BY t.trainee, 4 DESC, t.trait""", params)


def trait_profile(conn: sqlite3.Connection, f: Filters) -> tuple[Section, Section]:
    """Average trait score per trainee (over ended sessions), and each one's extremes."""
    rows = tuple(conn.execute(*_profile_sql(f)))
    by_trainee: dict[str, list[tuple]] = {}
    for row in rows:
        by_trainee.setdefault(row[0], []).append(row)
    charts = tuple(Chart("bars", f"{trainee}: trait scores",
                         (Series("average", tuple((r[1], float(r[3])) for r in mine)),))
                   for trainee, mine in by_trainee.items())
    profile = Section("Trait profile", ("trainee", "trait", "sessions", "average"), rows,
                      charts=charts, note="trait score 0-100, higher is better for every trait")
    extremes = []
    for trainee, mine in by_trainee.items():
        strong = min(SHOWN, (len(mine) + 1) // 2)  # few traits: split them, never repeat
        picks = [("strongest", r) for r in mine[:strong]]
        picks += [("weakest", r) for r in reversed(mine[strong:][-SHOWN:])]
        for label, (_, trait, _, average) in picks:
            extremes.append((trainee, label, trait, average,
                             _decisions(conn, f, trainee, trait, label == "strongest")))
    return profile, Section("Strongest and weakest traits",
                            ("trainee", "which", "trait", "average", "decisions that show it"),
                            tuple(extremes))


def _decisions(conn: sqlite3.Connection, f: Filters, trainee: str, trait: str,
               positive: bool) -> str:
    """The trainee's choices that most showed (or went against) the trait, with counts."""
    _, where, params = _where(Filters(None, f.scenario, None), "v")
    join = ""
    if f.since is not None:  # few rows per trainee and trait: look each event up by seq
        join, where = "JOIN events e ON e.seq = v.seq", where + " AND e.at >= ?"
        params.append(f.since)
    sign, order = (">", "DESC") if positive else ("<", "ASC")
    sql = f"""SELECT v.scenario, v.node, v.choice, count(*) FROM evidence v {join}
              WHERE v.trainee = ? AND v.trait = ? AND v.merit {sign} 0 {where}
              GROUP BY v.scenario, v.node, v.choice ORDER BY sum(v.merit) {order},
              v.scenario, v.node, v.choice LIMIT {DECISIONS}"""
    found = conn.execute(sql, [trainee, trait, *params]).fetchall()
    return "; ".join(f"{s}/{n}: {c} x{k}" for s, n, c, k in found)
