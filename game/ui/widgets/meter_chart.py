"""A small line chart of meters across a campaign's episodes (trust, commitment), drawn
with pygame and the window's palette and fonts onto one surface.

Rendered once at layout (``draw_chart``); the screen only blits it. Its labels are
measured with the same fonts as every other text, so at 200 % the chart grows taller
instead of squeezing its labels.
"""

from __future__ import annotations

import pygame

from game.ui.look import Look
from game.ui.textcache import render_line

#: Trust and commitment run 0..100 (the runtime clamps them).
TOP = 100.0


def draw_chart(look: Look, width: int, series: list[tuple[str, tuple[float, ...], tuple]],
               ticks: list[str]) -> pygame.Surface:
    """``series``: (legend label, values, colour); ``ticks``: one label per value."""
    pal, pad = look.pal, look.pad
    small = look.book.font("small")
    legend = [render_line(small, f"— {label}", colour, width // 2) for label, _, colour in series]
    tick_imgs = [render_line(small, t, pal.muted, width // max(1, len(ticks))) for t in ticks]
    scale = [render_line(small, str(v), pal.muted) for v in (100, 50, 0)]
    line_h = max(img.get_height() for img in (*legend, *tick_imgs, *scale))
    gutter = max(img.get_width() for img in scale) + pad // 2
    plot_h = max(line_h * 4, look.book.body_px * 7)
    height = line_h + pad + plot_h + pad // 2 + line_h
    surf = pygame.Surface((width, height), pygame.SRCALPHA)
    x = 0
    for img in legend:  # legend on the first line
        surf.blit(img, (x, 0))
        x += img.get_width() + pad * 2
    top = line_h + pad
    plot = pygame.Rect(gutter, top, width - gutter - pad, plot_h)
    pygame.draw.rect(surf, pal.panel, plot)
    for i, img in enumerate(scale):  # 100, 50 and 0 at their grid lines
        y = plot.top + plot.height * i // 2
        pygame.draw.line(surf, pal.border, (plot.left, y), (plot.right, y), 1)
        surf.blit(img, (0, min(max(0, y - img.get_height() // 2), height - img.get_height())))
    count = max(len(ticks), 2)
    inner = plot.inflate(-pad * 2, 0)

    def at(i: int, value: float) -> tuple[int, int]:
        fx = inner.left + inner.width * i // (count - 1)
        fy = plot.bottom - round(plot.height * max(0.0, min(TOP, value)) / TOP)
        return fx, fy

    for _, values, colour in series:
        points = [at(i, v) for i, v in enumerate(values)]
        if len(points) > 1:
            pygame.draw.lines(surf, colour, False, points, max(2, look.pad // 5))
        for p in points:
            pygame.draw.circle(surf, colour, p, max(3, look.pad // 3))
    for i, img in enumerate(tick_imgs):  # centred under their point, kept inside
        cx = at(i, 0)[0]
        left = min(max(0, cx - img.get_width() // 2), width - img.get_width())
        surf.blit(img, (left, plot.bottom + pad // 2))
    return surf
