"""The conversation so far, styled for its channel, in a scrolling pane.

Each line is rendered once into its own surface when it arrives (a phone
transcript line, an email in the thread, a chat bubble, a post or reply in the
feed, a speech bubble in a meeting); drawing only blits the visible ones.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pygame

from game.ui.look import Look
from game.ui.textcache import render_block, render_line
from game.ui.widgets.scrollpane import ScrollPane


@dataclass(frozen=True)
class Line:
    who: str  # the speaker's display name ("You" for the player)
    text: str
    mine: bool = False  # the player's own words
    kind: str = "say"  # say | note (timeouts, endings, system notes)
    header: str = ""  # email "From: ..." line, social "Post by ..."


_ENTRIES: OrderedDict[tuple, tuple[pygame.Surface, int]] = OrderedDict()


def render_entry(line: Line, channel: str, look: Look, width: int) -> tuple[pygame.Surface, int]:
    """(surface, x indent) for one transcript line in ``channel``'s style (kept: the
    encounter prefetches the lines an answer may lead to)."""
    key = (line, channel, look, width)
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
    if channel in ("chat", "in_person"):
        return _bubble(line, look, width)
    if channel in ("email", "social"):
        return _card(line, look, width, channel)
    return _phone(line, look, width), 0


def _note(line: Line, look: Look, width: int) -> pygame.Surface:
    return render_block(look.book.font("small", bold=True), line.text, width, look.pal.warn)


def _phone(line: Line, look: Look, width: int) -> pygame.Surface:
    pal, pad = look.pal, look.pad
    label = render_line(look.book.font("small", bold=True), line.who,
                        pal.accent if line.mine else pal.good, width)
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
    label = render_line(look.book.font("small", bold=True), line.who,
                        pal.accent if line.mine else pal.good, bubble_w - pad * 2)
    body = render_block(look.book.font("body"), line.text, bubble_w - pad * 2, pal.text)
    fill = pal.panel_alt if line.mine else pal.panel
    surf = _boxed([label, body], look, bubble_w, fill, pal.border)
    return surf, (width - bubble_w if line.mine else 0)


def _card(line: Line, look: Look, width: int, channel: str) -> tuple[pygame.Surface, int]:
    pal, pad = look.pal, look.pad
    indent = pad * 4 if (line.mine and channel == "social") else 0
    inner = width - indent - pad * 2
    parts = [render_line(look.book.font("small", bold=True), line.header or line.who,
                         pal.accent if line.mine else pal.good, inner)]
    parts.append(render_block(look.book.font("body"), line.text, inner, pal.text))
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

    def add(self, line: Line, look: Look) -> None:
        self.lines.append(line)
        if self._rendered_for is not None:
            self.pane.add(*render_entry(line, self.channel, look, self.pane.rect.width - 8))

    def process_event(self, event: pygame.event.Event) -> bool:
        return self.pane.process_event(event)

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        self.pane.draw(surface, look)
