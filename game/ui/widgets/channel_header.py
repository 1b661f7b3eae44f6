"""The strip above the transcript that says where the encounter happens.

phone: caller card with the call timer; email: subject and sender; chat: who and
"online"; social: the post's live counters (reactions, shares, people reached),
counting up while the trainee hesitates; in person: who the meeting is with.
Text is rendered in ``layout``; ``draw`` only blits and draws digits.
"""

from __future__ import annotations

import pygame

from game.ui.fonts import line_step
from game.ui.look import Look
from game.ui.textcache import Digits, digits, render_block, render_line

#: Reactions and shares shown per person reached. The runtime computes reach; these
#: only split it into the counters a social feed shows.
REACTIONS_PER_REACH = 0.08
SHARES_PER_REACH = 0.015


def clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}"


def grouped(n: float, separator: str = ",") -> str:
    """12,345 / 12.345 / 12 345: thousands grouped the way the player's language does."""
    return f"{int(n):,}".replace(",", separator)


class ChannelHeader:
    def __init__(self, channel: str, name: str, company: str, role: str, title: str, t) -> None:
        self.channel = channel
        self.name, self.company, self.role, self.title = name, company, role, title
        self.t = t
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.elapsed = 0.0
        self.reach = 0.0
        self.spreading = True
        self._parts: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self._digits: Digits | None = None
        self._counter_labels: list[pygame.Surface] = []
        self._status: dict[bool, pygame.Surface] = {}

    def lines(self) -> list[tuple[str, str, bool]]:
        """(text, role, bold) rows of the header for this channel."""
        t, ch = self.t, self.channel
        if ch == "phone":
            return [(t("phone.on_call"), "small", False), (self.name, "heading", True),
                    (f"{self.role}, {self.company}", "small", False)]
        if ch == "email":
            return [(t("email.subject", title=self.title), "heading", True),
                    (t("email.from", name=self.name, company=self.company), "small", False)]
        if ch == "chat":
            return [(self.name, "heading", True),
                    (f"{t('chat.online')} · {self.company}", "small", False)]
        if ch == "social":
            return [(t("social.post_by", name=self.name), "heading", True)]
        return [(t("in_person.meeting", name=self.name, company=self.company), "heading", True),
                (self.role, "small", False)]

    def layout(self, look: Look, x: int, y: int, width: int) -> int:
        pad, pal = look.pad, look.pal
        self._parts = []
        text_w = width - pad * 2 - (look.book.body_px * 5 if self.channel == "phone" else 0)
        top = y + pad
        for text, role, bold in self.lines():
            colour = pal.text if bold else (pal.good if self.channel == "chat" else pal.muted)
            img = render_block(look.book.font(role, bold), text, text_w, colour)
            self._parts.append((img, (x + pad, top)))
            top += img.get_height()
        self._digits = digits(look.book.font("heading", bold=True), pal.text)
        if self.channel == "social":
            top = self._layout_counters(look, x, top, width)
        self.rect = pygame.Rect(x, y, width, top - y + pad)
        return self.rect.height

    def _layout_counters(self, look: Look, x: int, top: int, width: int) -> int:
        t, pal, pad = self.t, look.pal, look.pad
        small = look.book.font("small")
        third = (width - pad * 2) // 3
        self._counter_labels = [render_line(small, t(key), pal.muted, third - pad)
                                for key in ("social.reactions", "social.shares", "social.reach")]
        self._thousands = t("number.thousands")
        self._status = {True: render_line(small, t("social.live"), pal.warn, width),
                        False: render_line(small, t("social.contained"), pal.good, width)}
        self._counter_top = top + pad // 2
        self._third = third
        assert self._digits is not None
        return self._counter_top + self._digits.height + line_step(small) * 2 + pad

    def update(self, elapsed: float, reach: float, spreading: bool) -> None:
        self.elapsed, self.reach, self.spreading = elapsed, reach, spreading

    def draw_static(self, surface: pygame.Surface, look: Look) -> None:
        pal = look.pal
        pygame.draw.rect(surface, pal.panel, self.rect, border_radius=look.radius)
        pygame.draw.rect(surface, pal.border, self.rect, 1, border_radius=look.radius)
        for img, pos in self._parts:
            surface.blit(img, pos)
        if self.channel == "social" and self._counter_labels:
            x0, y = self.rect.x + look.pad, self._counter_top + self._digits.height
            for i, label in enumerate(self._counter_labels):
                surface.blit(label, (x0 + i * self._third, y))

    def draw(self, surface: pygame.Surface, look: Look) -> None:
        """The moving parts: call timer, live counters, spreading status."""
        if self._digits is None:
            return
        if self.channel == "phone":
            self._digits.draw(surface, clock(self.elapsed),
                              (self.rect.right - look.pad, self.rect.y + look.pad),
                              align="right")
        elif self.channel == "social":
            self._draw_counters(surface, look)

    def _draw_counters(self, surface: pygame.Surface, look: Look) -> None:
        assert self._digits is not None
        values = (self.reach * REACTIONS_PER_REACH, self.reach * SHARES_PER_REACH, self.reach)
        x0, y = self.rect.x + look.pad, self._counter_top
        for i, value in enumerate(values):
            self._digits.draw(surface, grouped(value, self._thousands),
                              (x0 + i * self._third, y))
        status = self._status[self.spreading]
        surface.blit(status, (x0, y + self._digits.height + self._counter_labels[0].get_height()))
