"""The campaign view of the report: per campaign run, who finished and how, trust
across the episodes, where it was lost, and the promises broken by episode.

Read from the run's own events (CampaignStarted, EpisodeStarted/Ended, CampaignEnded:
see game/core/campaign/events.py), which carry the state before and after each
episode, so nothing is re-run. Episodes are ordinary sessions and appear in the
other views as such.
"""

from __future__ import annotations

import json
import sqlite3

from game.reports.filters import Filters
from game.reports.model import Section
from game.reports.names import Names

__all__ = ["campaign_runs"]

_RUN_TYPES = ("CampaignStarted", "EpisodeStarted", "EpisodeSkipped", "EpisodeEnded",
              "CampaignEnded")


def _trust(carried: dict) -> float | None:
    value = (carried or {}).get("meters", {}).get("trust")
    return float(value) if isinstance(value, int | float) else None


def _runs(conn: sqlite3.Connection, filters: Filters) -> dict[str, list[dict]]:
    marks = ",".join("?" * len(_RUN_TYPES))
    sql = f"SELECT session_id, data, at FROM events WHERE type IN ({marks})"
    params: list[object] = list(_RUN_TYPES)
    if filters.since:
        sql += " AND at >= ?"
        params.append(filters.since)
    if filters.until:
        sql += " AND at < ?"
        params.append(filters.until)
    runs: dict[str, list[dict]] = {}
    for run_id, data, _at in conn.execute(sql + " ORDER BY seq", params):
        runs.setdefault(run_id, []).append(json.loads(data))
    out = {}
    for run_id, events in runs.items():
        start = events[0] if events[0].get("type") == "CampaignStarted" else None
        if start is None:
            continue
        trainee = str(start.get("trainee", ""))
        if filters.trainee and trainee != filters.trainee:
            continue
        if filters.team and trainee.split("/")[0] != filters.team:
            continue
        out[run_id] = events
    return out


def campaign_runs(conn: sqlite3.Connection, filters: Filters, names: Names
                  ) -> tuple[Section, ...]:
    from game.core.i18n import Translator  # here: the other views start without it

    t = Translator("campaign", names.lang)
    rows = []
    for run_id, events in _runs(conn, filters).items():
        start = events[0]
        ended = [e for e in events if e.get("type") == "EpisodeEnded"]
        started = {e.get("index"): e for e in events if e.get("type") == "EpisodeStarted"}
        final = next((e for e in events if e.get("type") == "CampaignEnded"), None)
        line = [_trust(start.get("start", {}))]
        worst, worst_drop = "", 0.0
        broken = []
        previous = line[0]
        for e in ended:
            before = _trust(started.get(e.get("index"), {}).get("carried", {}))
            after = _trust(e.get("carried", {}))
            line.append(after)
            if previous is not None and after is not None and after - previous < worst_drop:
                worst, worst_drop = str(e.get("scenario", "")), after - previous
            previous = after if after is not None else before
            broken += [f"{e.get('scenario')}: {name}" for name, status in e.get("promises", [])
                       if status == "broken"]
        status = (f"{final.get('ending')} ({final.get('outcome')})" if final else
                  t("report.in_progress", done=len(ended)))
        rows.append((str(start.get("trainee", "")), str(start.get("campaign", "")), status,
                     len(ended),
                     " → ".join("-" if v is None else f"{v:.0f}" for v in line),
                     f"{worst} ({worst_drop:+.0f})" if worst else "",
                     "; ".join(broken), run_id))
    rows.sort(key=lambda r: (r[0], r[1], r[7]))
    columns = tuple(t(f"report.col.{c}") for c in (
        "trainee", "campaign", "status", "episodes", "trust", "lost", "broken", "run"))
    return (Section(t("report.title"), columns, tuple(rows), note=t("report.note"),
                    key="campaign_runs"),)
