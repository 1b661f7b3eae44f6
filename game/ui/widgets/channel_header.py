"""The strip above the transcript that says where the encounter happens.

phone: caller card with the call timer; email: subject and sender; chat: who and
"online"; social: the post's author and the people it has reached (the runtime's
``reach``), counting up while the trainee hesitates; in person: who the meeting is
with. Only numbers the runtime computes are shown: no invented likes or shares.
Text is rendered in ``layout``; ``draw`` only blits and draws digits.
"""

from __future__ import annotations

import pygame

from game.ui.boxes import Boxes
from game.ui.look import Look
from game.ui.textcache import Digits, digits, render_block


def clock(seconds: float) -> str:
    # whole seconds at the runtime's resolution (a microsecond): ten 0.1 s frames add up
    # to 0.9999999999999999 and are one second on the call's clock, as in the scores
    s = int(round(max(0.0, seconds), 6))
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
        self._reach_label: pygame.Surface | None = None
        self._reach_x = 0
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
        inner = width - pad * 2
        self._thousands = t("number.thousands")
        self._counter_top = top + pad // 2
        assert self._digits is not None
        digits_w = self._digits.width("0,000,000") + pad
        self._reach_x = x + pad + digits_w
        self._reach_label = render_block(small, t("social.reach"), inner - digits_w, pal.muted)
        self._status = {True: render_block(small, t("social.live"), inner, pal.warn),
                        False: render_block(small, t("social.contained"), inner, pal.good)}
        row = max(self._digits.height, self._reach_label.get_height())
        self._status_top = self._counter_top + row
        status_h = max(img.get_height() for img in self._status.values())
        return self._status_top + status_h + pad // 2

    def record(self, boxes: Boxes, view: str = "window") -> None:
        """Every text of the header, for the layout check."""
        for i, (img, pos) in enumerate(self._parts):
            boxes.add(f"header.text{i}", pygame.Rect(pos, img.get_size()), img, view)
        if self.channel == "social" and self._reach_label is not None:
            boxes.add("header.reach", pygame.Rect((self._reach_x, self._counter_top),
                                                  self._reach_label.get_size()),
                      self._reach_label, view)
            status = max(self._status.values(), key=lambda s: s.get_height())
            boxes.add("header.status", pygame.Rect((self._parts[0][1][0], self._status_top),
                                                   status.get_size()), status, view)

    def update(self, elapsed: float, reach: float, spreading: bool) -> None:
        self.elapsed, self.reach, self.spreading = elapsed, reach, spreading

    def draw_static(self, surface: pygame.Surface, look: Look) -> None:
        pal = look.pal
        pygame.draw.rect(surface, pal.panel, self.rect, border_radius=look.radius)
        pygame.draw.rect(surface, pal.border, self.rect, 1, border_radius=look.radius)
        for img, pos in self._parts:
            surface.blit(img, pos)
        if self.channel == "social" and self._reach_label is not None:
            surface.blit(self._reach_label, (self._reach_x, self._counter_top))

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
        x0 = self.rect.x + look.pad
        self._digits.draw(surface, grouped(self.reach, self._thousands),
                          (self._reach_x - look.pad, self._counter_top),
                          align="right")
        surface.blit(self._status[self.spreading], (x0, self._status_top))
