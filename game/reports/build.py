"""Assembling a report from the views a manager asked for.

The default report opens with the class summary (one page: who passed, who improves,
the weakest traits, what awaits review), then every trainee's trend, then the detail.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from game.reports.filters import Filters
from game.reports.model import Report, Section
from game.reports.names import Names
from game.reports.views_campaigns import campaign_runs
from game.reports.views_people import team_over_time, trainee_scenarios, trainee_sessions
from game.reports.views_scenarios import choices_and_mistakes, scenario_summary
from game.reports.views_summary import awaiting_review, class_summary, overrides, weakest_traits
from game.reports.views_traits import trait_profile

View = Callable[[sqlite3.Connection, Filters, Names], tuple[Section, ...]]
VIEWS: dict[str, View] = {
    "summary": lambda c, f, n: (*class_summary(c, f, n), weakest_traits(c, f, n),
                                awaiting_review(c, f, n)),
    "trainees": lambda c, f, n: (trainee_sessions(c, f, n), trainee_scenarios(c, f, n)),
    "traits": lambda c, f, n: trait_profile(c, f, n),
    "scenarios": lambda c, f, n: (scenario_summary(c, f, n),
                                  *reversed(choices_and_mistakes(c, f, n))),
    "team": lambda c, f, n: (team_over_time(c, f, n),),
    "review": lambda c, f, n: (awaiting_review(c, f, n, limit=None), overrides(c, f, n)),
    "campaigns": lambda c, f, n: campaign_runs(c, f, n),  # views_campaigns.py
}
ALL = ("summary", "scenarios", "trainees", "traits", "team")
# In a terminal the default report is the part a manager reads first; the per-trainee
# detail is one --view away (and all of it is in CSV, JSON and HTML).
BRIEF_SKIPS = ("choices", "trainees", "per_scenario", "traits", "extremes", "team")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def build_report(conn: sqlite3.Connection, view: str, filters: Filters,
                 names: Names | None = None, brief: bool = False) -> Report:
    """``view`` is one of VIEWS or ``all`` (every view but the full review list);
    ``brief``: ``all`` without the per-trainee detail (the terminal's default)."""
    names = names or Names()
    chosen = list(ALL[:2] if brief else ALL) if view == "all" else [view]
    sections = [s for name in chosen for s in VIEWS[name](conn, filters, names)]
    if view == "all":
        sections.insert(4, overrides(conn, filters, names))  # right after the summary page
    if view == "all" and brief:
        sections = [s for s in sections if s.key not in BRIEF_SKIPS]
        sections.append(Section(names.t("s.more"), (), (), note=names.t("n.more")))
    title = names.t("title") if view == "all" else names.t("title_view", view=view)
    return Report(title, tuple(sections), filters.describe(), _now(), names.lang)


def build_session_report(conn: sqlite3.Connection, session_id: str,
                         names: Names | None = None) -> Report:
    from game.reports import session as session_view  # (imports the loader: not for views)

    names = names or Names()
    return Report(names.t("title_session", session=session_id),
                  session_view.session_view(conn, session_id, names),
                  {"session": session_id}, _now(), names.lang)
