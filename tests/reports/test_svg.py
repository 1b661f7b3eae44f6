"""Trend charts show every trainee, even one with a single session."""

import re

from game.reports.model import Chart, Series
from game.reports.svg import render


def test_a_single_session_is_drawn_as_a_point_named_in_its_tooltip():
    chart = Chart("lines", "phone_complaint: score per session",
                  (Series("north/anna", (("1", 40.0),)),
                   Series("east/carla", (("1", 20.0), ("2", 80.0)))))
    svg = render(chart)
    assert svg.count("<polyline") == 1  # only carla has a line to draw
    tooltips = re.findall(r"<circle[^>]*><title>([^<]*)</title>", svg)
    assert tooltips == ["north/anna, 1: 40.0", "east/carla, 1: 20.0", "east/carla, 2: 80.0"]
