"""The client panel: portrait, who they are, and the meters.

Beside the conversation when the window has room (``layout``), or as a compact strip
in a stacked layout (``layout_compact``: no portrait, meters side by side). An
anonymous account (a handle such as ``@prawda_o_mlynach``) has no face and no trust
to win; in assessment mode the meters are not shown at all until the debrief.
"""

from __future__ import annotations

import pygame

from game.ui.boxes import Boxes
from game.ui.look import Look
from game.ui.textcache import render_block
from game.ui.widgets.meter import Meter
from game.ui.widgets.portrait import Portrait

METERS = ("trust", "commitment", "mood", "reputation")


def is_anonymous(name: str) -> bool:
    """A social-media handle, not a person the trainee can build trust with."""
    return name.strip().startswith("@")


class Sidebar:
    def __init__(self, name: str, about: list[str], meters: dict[str, float], labels,
                 big_portrait: bool = False, show_meters: bool = True,
                 note: str = "") -> None:
        self.name = name
        self.about = about  # role, company, temperament
        self.anonymous = is_anonymous(name)
        self.portrait = None if self.anonymous else Portrait(name, meters.get("mood", 50.0))
        shown = [m for m in METERS if not (self.anonymous and m == "trust")]
        self.meters = {m: Meter(labels(m), meters.get(m, 0.0)) for m in shown} \
            if show_meters else {}
        self.note = note  # shown instead of the meters (assessment mode)
        self.big_portrait = big_portrait  # in-person meetings show the face larger
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._texts: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self.panel = True  # draw the panel background (not in the compact strip)

    def _meter_h(self, look: Look, width: int) -> int:
        return sum(m.layout(look, 0, 0, width) + look.pad // 2 for m in self.meters.values())

    def min_height(self, look: Look, width: int) -> int:
        """Name, note and meters, without the portrait or details: what must fit."""
        inner = width - look.pad * 2
        name = render_block(look.book.font("heading", True), self.name, inner, look.pal.text)
        note = render_block(look.book.font("small"), self.note, inner, look.pal.muted) \
            if self.note else None
        return name.get_height() + (note.get_height() if note else 0) + \
            self._meter_h(look, inner) + look.pad * 3

    def layout(self, look: Look, rect: pygame.Rect, boxes: Boxes | None = None) -> None:
        """Meters and name always fit; the portrait shrinks, then the details go (last
        first: temperament, company, role) until everything fits the window height."""
        self.rect = pygame.Rect(rect)
        self.panel = True
        pad, pal = look.pad, look.pal
        x, width = rect.x + pad, rect.width - pad * 2
        meters_h = self._meter_h(look, width)
        name = render_block(look.book.font("heading", True), self.name, width, pal.text)
        about = [render_block(look.book.font("small"), s, width, pal.muted) for s in self.about]
        if self.note:
            about.append(render_block(look.book.font("small"), self.note, width, pal.muted))
        share = 0.95 if self.big_portrait else 0.7
        while True:
            text_h = name.get_height() + sum(a.get_height() for a in about)
            room = rect.height - meters_h - text_h - pad * 4
            if room >= 64 or not about:
                break
            about.pop(-2 if self.note and len(about) > 1 else -1)
        size = min(int(width * share), room) if room >= 48 and self.portrait else 0
        y = rect.y + pad
        if self.portrait is not None:
            self.portrait.layout(rect.x + (rect.width - size) // 2, y, size)
        y += size + pad if size else 0
        self._texts = []
        for img in (name, *about):
            self._texts.append((img, (x, y)))
            y += img.get_height()
        y += pad
        for meter in self.meters.values():
            y += meter.layout(look, x, y, width) + pad // 2
        self._record(boxes, "window")

    def layout_compact(self, look: Look, x: int, y: int, width: int,
                       boxes: Boxes | None = None, view: str = "window") -> int:
        """A strip: name, one line of details, meters side by side; returns its height."""
        self.rect = pygame.Rect(x, y, width, 0)
        self.panel = False
        pad, pal = look.pad, look.pal
        if self.portrait is not None:
            self.portrait.layout(x, y, 0)
        name = render_block(look.book.font("heading", True), self.name, width, pal.text)
        details = " · ".join(s for s in self.about[:2] if s)
        about = render_block(look.book.font("small"), details, width, pal.muted)
        self._texts = [(name, (x, y)), (about, (x, y + name.get_height()))]
        top = y + name.get_height() + about.get_height()
        if self.note:
            note = render_block(look.book.font("small"), self.note, width, pal.muted)
            self._texts.append((note, (x, top)))
            top += note.get_height()
        top += pad // 2
        columns = max(1, min(len(self.meters) or 1, width // (look.book.body_px * 9)))
        each = (width - pad * (columns - 1)) // columns
        row_h = 0
        for i, meter in enumerate(self.meters.values()):
            col = i % columns
            if col == 0 and i:
                top += row_h + pad // 2
                row_h = 0
            row_h = max(row_h, meter.layout(look, x + col * (each + pad), top, each))
        top += row_h
        self.rect.height = top - y
        self._record(boxes, view)
        return self.rect.height

    def record(self, boxes: Boxes, view: str) -> None:
        """The texts and meters as last placed, into a fresh layout model."""
        self._record(boxes, view)

    def _record(self, boxes: Boxes | None, view: str) -> None:
        if boxes is None:
            return
        for i, (img, pos) in enumerate(self._texts):
            boxes.add(f"client.text{i}", pygame.Rect(pos, img.get_size()), img, view)
        for name, meter in self.meters.items():
            boxes.add(f"meter.{name}", meter.rect, meter.need, view)

    def set_values(self, values: dict[str, float], reduced_motion: bool) -> None:
        for name, meter in self.meters.items():
            if name in values:
                meter.set(values[name], reduced_motion)

    def update(self, dt: float) -> None:
        for meter in self.meters.values():
            meter.update(dt)
        if self.portrait is not None and "mood" in self.meters:
            self.portrait.mood = self.meters["mood"].shown

    @property
    def animating(self) -> bool:
        return any(m.animating for m in self.meters.values())

    def draw_static(self, surface: pygame.Surface, look: Look) -> None:
        if self.panel:
            pygame.draw.rect(surface, look.pal.panel, self.rect, border_radius=look.radius)
        for img, pos in self._texts:
            surface.blit(img, pos)
        for meter in self.meters.values():
            meter.draw_static(surface, look)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        if self.portrait is not None:
            self.portrait.draw(surface, look)
        for meter in self.meters.values():
            meter.draw(surface, look)
