"""Assembling a report from the views a manager asked for."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from game.reports import session as session_view
from game.reports.filters import Filters
from game.reports.model import Report, Section
from game.reports.views_people import team_over_time, trainee_scenarios, trainee_sessions
from game.reports.views_scenarios import choices_and_mistakes, scenario_summary
from game.reports.views_traits import trait_profile

VIEWS: dict[str, Callable[[sqlite3.Connection, Filters], tuple[Section, ...]]] = {
    "trainees": lambda c, f: (trainee_sessions(c, f), trainee_scenarios(c, f)),
    "traits": lambda c, f: trait_profile(c, f),
    "scenarios": lambda c, f: (scenario_summary(c, f), *choices_and_mistakes(c, f)),
    "team": lambda c, f: (team_over_time(c, f),),
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def build_report(conn: sqlite3.Connection, view: str, filters: Filters) -> Report:
    """``view`` is one of VIEWS or ``all``."""
    names = list(VIEWS) if view == "all" else [view]
    sections = tuple(s for name in names for s in VIEWS[name](conn, filters))
    title = "Score log report" if view == "all" else f"Score log report: {view}"
    return Report(title, sections, filters.describe(), _now())


def build_session_report(conn: sqlite3.Connection, session_id: str) -> Report:
    return Report(f"Session {session_id}", session_view.session_view(conn, session_id),
                  {"session": session_id}, _now())
