"""Manager reports over the score log (table, CSV, JSON, HTML) and the xAPI export.

Views are SQL aggregations over the log's indexed columns; renderers are independent
of the views. Imports no pygame and no front end.
"""

from game.reports.build import VIEWS, build_report, build_session_report
from game.reports.filters import Filters, parse_since
from game.reports.model import Chart, Report, Section, Series

__all__ = ["VIEWS", "Chart", "Filters", "Report", "Section", "Series", "build_report",
           "build_session_report", "parse_since"]
