"""Trait profile per trainee: strongest and weakest traits, with the decisions behind them."""

from __future__ import annotations

import sqlite3

from game.reports.filters import Filters
from game.reports.model import Chart, Section, Series
from game.reports.names import Names

SHOWN = 3  # strongest and weakest traits listed per trainee
DECISIONS = 2  # decisions quoted per listed trait
FEW = 3  # figures from fewer sessions than this are greyed


def _where(f: Filters, alias: str) -> tuple[str, str, list]:
    """(from, where, params): ``since`` needs the event's time, hence the join, done
    from the time index outwards (events in the window first)."""
    source, parts, params = "", [], []
    for column, value in (("trainee", f.trainee), ("scenario", f.scenario)):
        if value is not None:
            parts.append(f"AND {alias}.{column} = ?")
            params.append(value)
    if f.team is not None:
        parts.append(f"AND substr({alias}.trainee, 1, ?) = ?")
        params += [len(f.team) + 1, f.team + "/"]
    if f.since is not None or f.until is not None:
        # CROSS JOIN: SQLite keeps events (the time index) as the outer loop; the join
        # condition goes in WHERE, as PostgreSQL takes no ON after CROSS JOIN
        source = f"events e CROSS JOIN {{table}} {alias}"
        for op, value in ((">=", f.since), ("<", f.until)):
            if value is not None:
                parts.insert(0, f"AND e.at {op} ?")
                params.insert(0, value)
        parts.insert(0, f"AND {alias}.seq = e.seq")
    return source, " ".join(parts), params


def _profile_sql(f: Filters) -> tuple[str, list]:
    """Average trait score per trainee: from the running totals unless ``since`` is set."""
    source, where, params = _where(f, "t")
    if not source:
        return (f"""SELECT t.trainee, t.trait, sum(t.n), sum(t.total) / sum(t.n)
                    FROM trait_totals t WHERE 1 = 1 {where} GROUP BY t.trainee, t.trait
                    ORDER BY t.trainee NULLS FIRST, 4 DESC, t.trait""", params)
    return (f"""SELECT t.trainee, t.trait, count(*), avg(t.score)
                FROM {source.format(table="trait_scores")}
                WHERE e.type = 'SessionEnded' {where} GROUP BY t.trainee, t.trait
                ORDER BY t.trainee NULLS FIRST, 4 DESC, t.trait""", params)


def trait_profile(conn: sqlite3.Connection, f: Filters, names: Names
                  ) -> tuple[Section, Section]:
    """Average trait score per trainee (over ended sessions), and each one's extremes."""
    t = names.t
    raw = conn.execute(*_profile_sql(f)).fetchall()
    by_trainee: dict[str, list[tuple]] = {}
    for row in raw:
        by_trainee.setdefault(row[0], []).append(row)
    charts = tuple(Chart("bars", t("chart.traits", trainee=trainee),
                         (Series(t("c.average"), tuple((names.trait(r[1]), float(r[3]))
                                                       for r in mine),
                                 faint=tuple(r[2] < FEW for r in mine)),), small=True)
                   for trainee, mine in by_trainee.items())
    rows = tuple((r[0], names.trait(r[1]), r[2], r[3]) for r in raw)
    profile = Section(t("s.traits"), (t("c.trainee"), t("c.trait"), t("c.sessions"),
                                      t("c.average")), rows, charts=charts,
                      faint=tuple(i for i, r in enumerate(rows) if r[2] < FEW),
                      note=t("n.traits"), key="traits", detail=True)
    extremes = []
    for trainee, mine in by_trainee.items():
        strong = min(SHOWN, (len(mine) + 1) // 2)  # few traits: split them, never repeat
        picks = [("strongest", r) for r in mine[:strong]]
        picks += [("weakest", r) for r in reversed(mine[strong:][-SHOWN:])]
        for label, (_, trait, n, average) in picks:
            extremes.append((trainee, t(f"w.{label}"), names.trait(trait), n, average,
                             _decisions(conn, f, trainee, trait, label == "strongest",
                                        names)))
    return profile, Section(t("s.extremes"), (t("c.trainee"), t("c.which"), t("c.trait"),
                                              t("c.sessions"), t("c.average"),
                                              t("c.decisions")), tuple(extremes),
                            faint=tuple(i for i, r in enumerate(extremes) if r[3] < FEW),
                            key="extremes", detail=True)


def _decisions(conn: sqlite3.Connection, f: Filters, trainee: str, trait: str,
               positive: bool, names: Names) -> str:
    """The trainee's choices that most showed (or went against) the trait, with counts."""
    _, where, params = _where(Filters(None, f.scenario), "v")
    join = ""
    if f.since is not None or f.until is not None:  # few rows: look each event up by seq
        join = "JOIN events e ON e.seq = v.seq"
        for op, value in ((">=", f.since), ("<", f.until)):
            if value is not None:
                where += f" AND e.at {op} ?"
                params.append(value)
    sign, order = (">", "DESC") if positive else ("<", "ASC")
    sql = f"""SELECT v.scenario, v.node, v.choice, count(*) FROM evidence v {join}
              WHERE v.trainee = ? AND v.trait = ? AND v.merit {sign} 0 {where}
              GROUP BY v.scenario, v.node, v.choice ORDER BY sum(v.merit) {order},
              v.scenario, v.node, v.choice LIMIT {DECISIONS}"""
    found = conn.execute(sql, [trainee, trait, *params]).fetchall()
    return "; ".join(f"{names.scenario(s)}: «{_short(names.choice(s, n, c))}» ×{k}"
                     for s, n, c, k in found)


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
