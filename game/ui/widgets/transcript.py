"""The conversation so far, styled for its channel, in a scrolling pane.

Each line is rendered once into its own surface when it arrives (a phone
transcript line, an email in the thread, a chat bubble, a post or reply in the
feed, a speech bubble in a meeting); drawing only blits the visible ones.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pygame

from game.ui import textcache
from game.ui.boxes import Boxes
from game.ui.look import Look
from game.ui.textcache import render_block
from game.ui.widgets.scrollpane import ScrollPane

PHOTO = Path(__file__).resolve().parents[3] / "assets" / "images" / "photo.png"


@dataclass(frozen=True)
class Line:
    who: str  # the speaker's display name ("You" for the player)
    text: str
    mine: bool = False  # the player's own words
    kind: str = "say"  # say | note (timeouts, endings, system notes) | narration
    header: str = ""  # email "From: ..." line, social "Post by ..."
    direction: str = ""  # a stage direction, shown as a caption outside the bubble
    attachments: tuple[str, ...] = ()  # "photos": drawn as an image under the text
    tone: str = "warn"  # colour role of a note: warn, good, bad (an ending's outcome)
    stars: int = 0  # a rating, drawn as filled stars


_ENTRIES: OrderedDict[tuple, tuple[pygame.Surface, int]] = OrderedDict()


def render_entry(line: Line, channel: str, look: Look, width: int) -> tuple[pygame.Surface, int]:
    """(surface, x indent) for one transcript line in ``channel``'s style (kept: the
    encounter prefetches the lines an answer may lead to)."""
    key = (line, channel, look, width, textcache.MEASURE_ONLY)
    found = _ENTRIES.get(key)
    if found is None:
        found = _ENTRIES[key] = _render_entry(line, channel, look, width)
        if len(_ENTRIES) > 256:
            _ENTRIES.popitem(last=False)
    return found


def _render_entry(line: Line, channel: str, look: Look,
                  width: int) -> tuple[pygame.Surface, int]:
    if line.kind == "note":
        return _note(line, look, width), 0
    if line.kind == "banner":  # an ending: large, in its outcome's colour
        colour = getattr(look.pal, line.tone, look.pal.warn)
        return render_block(look.book.font("heading", bold=True), line.text, width, colour), 0
    if line.kind == "narration":
        return _narration(line, look, width), 0
    if channel in ("chat", "in_person"):
        surf, indent = _bubble(line, look, width)
    elif channel in ("email", "social"):
        surf, indent = _card(line, look, width, channel)
    else:
        surf, indent = _phone(line, look, width), 0
    if not line.direction:
        return surf, indent
    caption = render_block(look.book.font("small"), f"({line.direction})",
                           width - indent, look.pal.muted)
    both = pygame.Surface((surf.get_width(), caption.get_height() + surf.get_height()),
                          pygame.SRCALPHA)
    both.blit(caption, (0, 0))
    both.blit(surf, (0, caption.get_height()))
    return both, indent


def _note(line: Line, look: Look, width: int) -> pygame.Surface:
    colour = getattr(look.pal, line.tone, look.pal.warn)
    return render_block(look.book.font("small", bold=True), line.text, width, colour)


def _narration(line: Line, look: Look, width: int) -> pygame.Surface:
    """Scene-setting, not speech: muted text in a quiet margin, no bubble or heading."""
    pad = look.pad
    body = render_block(look.book.font("body"), line.text, width - pad * 2, look.pal.muted)
    parts = [body, *_extras(line, look, width - pad * 2)]
    surf = pygame.Surface((width, sum(p.get_height() + pad // 2 for p in parts)),
                          pygame.SRCALPHA)
    pygame.draw.line(surf, look.pal.border, (2, 0), (2, surf.get_height()), 3)
    y = 0
    for part in parts:
        surf.blit(part, (pad * 2 - pad // 2, y))
        y += part.get_height() + pad // 2
    return surf


@cache
def _photo_image() -> pygame.Surface:
    return pygame.image.load(str(PHOTO))


def _stars(look: Look, count: int) -> pygame.Surface:
    """``count`` filled five-pointed stars: a rating must never look empty."""
    import math

    size = look.book.line_height("body")
    surf = pygame.Surface((size * count, size), pygame.SRCALPHA)
    r_out, r_in = size * 0.45, size * 0.19
    for n in range(count):
        cx, cy = size * n + size / 2, size / 2
        points = [(cx + (r_out if i % 2 == 0 else r_in) * math.sin(i * math.pi / 5),
                   cy - (r_out if i % 2 == 0 else r_in) * math.cos(i * math.pi / 5))
                  for i in range(10)]
        pygame.draw.polygon(surf, look.pal.warn, points)
    return surf


def _extras(line: Line, look: Look, width: int) -> list[pygame.Surface]:
    """What follows a line's text: a star rating, attached photos."""
    parts = [_stars(look, line.stars)] if line.stars else []
    return parts + [_photo(look, width, a) for a in line.attachments]


def _photo(look: Look, width: int, label: str) -> pygame.Surface:
    """An attached image (the scenario says "[photos]"): a picture with its caption."""
    w = min(width, 220)  # a picture: it does not grow with the text size
    img = pygame.transform.smoothscale(_photo_image(), (w, w * 5 // 8))
    caption = render_block(look.book.font("small"), label, w, look.pal.muted)
    surf = pygame.Surface((max(w, caption.get_width()), img.get_height()
                           + caption.get_height()), pygame.SRCALPHA)
    surf.blit(img, (0, 0))
    surf.blit(caption, (0, img.get_height()))
    return surf


def _phone(line: Line, look: Look, width: int) -> pygame.Surface:
    pal, pad = look.pal, look.pad
    label = render_block(look.book.font("small", bold=True), line.who,
                         width, pal.accent if line.mine else pal.good)
    body = render_block(look.book.font("body"), line.text, width - pad * 2, pal.text)
    surf = pygame.Surface((width, label.get_height() + body.get_height()), pygame.SRCALPHA)
    surf.blit(label, (0, 0))
    surf.blit(body, (pad * 2, label.get_height()))
    return surf


def _boxed(parts: list[pygame.Surface], look: Look, width: int, fill, edge) -> pygame.Surface:
    pad = look.pad
    height = sum(p.get_height() for p in parts) + pad * (len(parts) + 1)
    surf = pygame.Surface((width, height), pygame.SRCALPHA)
    pygame.draw.rect(surf, fill, surf.get_rect(), border_radius=look.radius)
    pygame.draw.rect(surf, edge, surf.get_rect(), 1, border_radius=look.radius)
    y = pad
    for part in parts:
        surf.blit(part, (pad, y))
        y += part.get_height() + pad
    return surf


def _bubble(line: Line, look: Look, width: int) -> tuple[pygame.Surface, int]:
    pal, pad = look.pal, look.pad
    bubble_w = width * 4 // 5
    label = render_block(look.book.font("small", bold=True), line.who,
                         bubble_w - pad * 2, pal.accent if line.mine else pal.good)
    body = render_block(look.book.font("body"), line.text, bubble_w - pad * 2, pal.text)
    fill = pal.panel_alt if line.mine else pal.panel
    surf = _boxed([label, body, *_extras(line, look, bubble_w - pad * 2)], look, bubble_w,
                  fill, pal.border)
    return surf, (width - bubble_w if line.mine else 0)


def _card(line: Line, look: Look, width: int, channel: str) -> tuple[pygame.Surface, int]:
    pal, pad = look.pal, look.pad
    indent = pad * 4 if (line.mine and channel == "social") else 0
    inner = width - indent - pad * 2
    parts = [render_block(look.book.font("small", bold=True), line.header or line.who,
                          inner, pal.accent if line.mine else pal.good)]
    parts.append(render_block(look.book.font("body"), line.text, inner, pal.text))
    parts += _extras(line, look, inner)
    fill = pal.panel_alt if line.mine else pal.panel
    return _boxed(parts, look, width - indent, fill, pal.border), indent


class Transcript:
    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.lines: list[Line] = []
        self.pane = ScrollPane()
        self._rendered_for: tuple | None = None  # (look, width) the entries were made for

    def layout(self, look: Look, rect: pygame.Rect) -> None:
        """Place the pane; lines are re-rendered only when the width or the look changed."""
        self.pane.layout(rect, look.pad)
        key = (look, rect.width)
        if key != self._rendered_for:
            self._rendered_for = key
            self.pane.clear()
            for line in self.lines:
                self.pane.add(*render_entry(line, self.channel, look, rect.width - 8))
        self.pane.scroll_to_end()

    def record(self, boxes: Boxes, view: str) -> None:
        """Every entry where it sits with the pane scrolled to the top."""
        y = self.pane.rect.y
        for i, (img, indent) in enumerate(self.pane.entries):
            boxes.add(f"transcript.{i}", pygame.Rect((self.pane.rect.x + indent, y),
                                                     img.get_size()), img, view)
            y += img.get_height() + self.pane.gap

    def add(self, line: Line, look: Look) -> None:
        self.lines.append(line)
        if self._rendered_for is not None:
            self.pane.add(*render_entry(line, self.channel, look, self.pane.rect.width - 8))

    def process_event(self, event: pygame.event.Event) -> bool:
        return self.pane.process_event(event)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        self.pane.draw(surface, look)
