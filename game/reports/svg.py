"""Inline SVG charts (no scripts, no network): bars for trait scores, lines for trends."""

from __future__ import annotations

from html import escape

from game.reports.model import Chart

COLOURS = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7ea4",
           "#57606a")


def render(chart: Chart) -> str:
    return _bars(chart) if chart.kind == "bars" else _lines(chart)


def _bars(chart: Chart) -> str:
    points = chart.series[0].points if chart.series else ()
    row_h, label_w, bar_w = 20, 190, 360
    height = row_h * len(points) + 34
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 60}"'
             f' height="{height}" viewBox="0 0 {label_w + bar_w + 60} {height}">',
             f"<title>{escape(chart.title)}</title>",
             f'<text x="0" y="14" class="ct">{escape(chart.title)}</text>']
    for i, (label, value) in enumerate(points):
        y = 24 + i * row_h
        w = max(0.0, min(1.0, value / chart.y_max)) * bar_w
        colour = "#1a7f37" if value >= 60 else "#9a6700" if value >= 40 else "#d1242f"
        parts += [f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>',
                  f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" '
                  f'fill="{colour}"/>',
                  f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{value:.1f}</text>']
    parts.append("</svg>")
    return "".join(parts)


def _lines(chart: Chart) -> str:
    width, height, left, top, bottom = 540, 220, 40, 24, 40
    plot_w, plot_h = width - left - 150, height - top - bottom
    labels: list[str] = []
    for series in chart.series:
        for label, _ in series.points:
            if label not in labels:
                labels.append(label)
    step = plot_w / max(1, len(labels) - 1)
    x_of = {label: left + i * step for i, label in enumerate(labels)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}">',
             f"<title>{escape(chart.title)}</title>",
             f'<text x="0" y="14" class="ct">{escape(chart.title)}</text>']
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / chart.y_max)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="grid"/><text x="{left - 4}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{tick}</text>')
    every = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % every == 0:
            parts.append(f'<text x="{x_of[label]:.1f}" y="{height - bottom + 16}" '
                         f'text-anchor="middle">{escape(label)}</text>')
    for n, series in enumerate(chart.series):
        colour = COLOURS[n % len(COLOURS)]
        xy = [(x_of[label], top + plot_h * (1 - v / chart.y_max), label, v)
              for label, v in series.points]
        if len(xy) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in xy)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                         f'points="{coords}"/>')
        # A marker on every point, so a trainee with one session still shows on the chart.
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>'
                  f'{escape(series.name)}, {escape(label)}: {v:.1f}</title></circle>'
                  for x, y, label, v in xy]
        parts.append(f'<rect x="{left + plot_w + 12}" y="{top + n * 18}" width="10" '
                     f'height="10" fill="{colour}"/><text x="{left + plot_w + 26}" '
                     f'y="{top + n * 18 + 9}">{escape(series.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
