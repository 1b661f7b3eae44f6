"""Debrief: overall score and pass/fail, a bar per trait, the timeline of decisions
(what was chosen, the traits it showed, the rules that fired, the best alternative),
and replay / pick another / quit. Everything is rendered once in ``layout``."""

from __future__ import annotations

import pygame

from game.ui.debrief_data import Debrief, DecisionRow, TraitBar, build_debrief, signed
from game.ui.screens.base import Screen
from game.ui.textcache import render_block, render_line
from game.ui.widgets.button import Button
from game.ui.widgets.column import button_row
from game.ui.widgets.focus import FocusRing
from game.ui.widgets.scrollpane import ScrollPane


class DebriefScreen(Screen):
    covers_window = True
    def __init__(self, app, scenario, play) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.play = play
        self.lang = app.settings.lang
        self.data: Debrief = build_debrief(play.result(), app.content.catalogue, self.lang)
        self.ring = FocusRing()
        self.traits_pane = ScrollPane()
        self.timeline = ScrollPane()
        self.timeline.keys = True
        self.traits_pane.keys = False
        self._layer: pygame.Surface | None = None
        self._layer_key: tuple | None = None

    def layout(self, size: tuple[int, int]) -> None:
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        w, h = size
        self.buttons = [Button(t("debrief.replay"), "replay"), Button(t("debrief.pick"), "pick"),
                        Button(t("debrief.quit"), "quit")]
        self.ring.set(self.buttons)
        btn_w = min(w - pad * 4, look.book.body_px * 36)
        btn_h = button_row(self.buttons, look, w - pad * 2 - btn_w, 0, btn_w)
        for b in self.buttons:
            b.rect.bottom = h - pad * 2
        self.static: list[tuple[pygame.Surface, tuple[int, int]]] = []
        title = render_block(look.book.font("title", True),
                             t("debrief.title", title=self.scenario.title.get(self.lang)),
                             w - pad * 4, pal.accent)
        self.static.append((title, (pad * 2, pad * 2)))
        top = pad * 2 + title.get_height() + pad
        left_w = max(look.book.body_px * 14, w * 36 // 100)
        bottom = h - pad * 3 - btn_h
        y = self._score_card(pad * 2, top, left_w)
        self._traits(pad * 2, y + pad, left_w, bottom)
        self._timeline(pad * 4 + left_w, top, w - left_w - pad * 6, bottom)

    def _add(self, img: pygame.Surface, x: int, y: int) -> int:
        self.static.append((img, (x, y)))
        return y + img.get_height()

    def _score_card(self, x: int, y: int, width: int) -> int:
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        d = self.data
        colour = pal.good if d.passed else pal.bad
        big = render_line(look.book.font("huge", True), f"{round(d.overall)}", colour)
        y0 = y
        self._add(big, x, y)
        verdict = render_line(look.book.font("heading", True),
                              t("debrief.passed") if d.passed else t("debrief.failed"), colour)
        vx = x + big.get_width() + pad * 2
        vy = self._add(render_line(look.book.font("small"), t("debrief.overall"), pal.muted,
                                   width - big.get_width() - pad * 2), vx, y + pad)
        vy = self._add(verdict, vx, vy)
        self._add(render_line(look.book.font("small"),
                              t("debrief.pass_mark", score=round(d.pass_score)), pal.muted,
                              width - big.get_width() - pad * 2), vx, vy)
        card_h = max(big.get_height(), vy + self.static[-1][0].get_height() - y0)
        self.badge = pygame.Rect(x - pad, y0 - pad // 2, width + pad * 2, card_h + pad)
        y = y0 + card_h + pad
        ending = f"{t('debrief.ending', title=d.ending_title)} · {t(f'outcome.{d.outcome}')}"
        y = self._add(render_block(look.book.font("body", True), ending, width, pal.text), x, y)
        y += pad
        return self._add(render_line(look.book.font("heading", True), t("debrief.traits"),
                                     pal.accent, width), x, y)

    def _trait_bar(self, bar: TraitBar, width: int) -> pygame.Surface:
        look, pal = self.look, self.look.pal
        # Every bar reads "higher is better": a bad trait's bar measures staying clear of it.
        text = self.t("trait.bar_good" if bar.good else "trait.bar_bad", trait=bar.name)
        label = render_block(look.book.font("small"), text,
                             width - look.book.body_px * 3, pal.text)
        score = render_line(look.book.font("small", True), f"{round(bar.score)}", pal.text)
        bar_h = max(6, look.book.body_px // 2)
        surf = pygame.Surface((width, label.get_height() + bar_h + 2), pygame.SRCALPHA)
        surf.blit(label, (0, 0))
        surf.blit(score, (width - score.get_width(), 0))
        track = pygame.Rect(0, label.get_height(), width, bar_h)
        pygame.draw.rect(surf, pal.meter_track, track, border_radius=bar_h // 2)
        fill = track.copy()
        fill.width = max(bar_h, round(width * bar.score / 100))
        colour = pal.good if bar.score >= 60 else pal.warn if bar.score >= 40 else pal.bad
        pygame.draw.rect(surf, colour, fill, border_radius=bar_h // 2)
        return surf

    def _traits(self, x: int, y: int, width: int, bottom: int) -> None:
        look = self.look
        self.traits_pane.layout(pygame.Rect(x, y, width, max(bottom - y, 40)), look.pad // 2)
        self.traits_pane.clear()
        if not self.data.traits:
            self.traits_pane.add(render_block(look.book.font("small"), self.t("debrief.no_traits"),
                                              width, look.pal.muted), follow=False)
        for bar in self.data.traits:
            self.traits_pane.add(self._trait_bar(bar, width - 10), follow=False)

    def _row(self, row: DecisionRow, width: int) -> pygame.Surface:
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        inner = width - pad * 2
        small, body = look.book.font("small"), look.book.font("body")
        seconds = f"{row.response_time:.1f}".replace(".", t("number.decimal"))
        parts = [render_block(small, t("debrief.step", number=row.number, node=row.said),
                              inner, pal.muted),
                 render_block(small, t("debrief.response", seconds=seconds), inner, pal.muted)]
        chose = t("debrief.chose", text=row.chose) if row.chose is not None \
            else t("debrief.timed_out")
        parts.append(render_block(body, chose, inner, pal.text))
        decimal = t("number.decimal")
        good = [f"{n} {signed(m, decimal)}" for n, m in row.shown if m > 0]
        bad = [f"{n} {signed(m, decimal)}" for n, m in row.shown if m < 0]
        for names, colour in ((good, pal.good), (bad, pal.bad)):
            if names:
                parts.append(render_block(look.book.font("small", True),
                                          t("debrief.shown", traits=", ".join(names)), inner,
                                          colour))
        parts += [render_block(small, t("debrief.rules", text=r), inner, pal.text)
                  for r in row.rules]
        best = t("debrief.best", text=row.best) if row.best else t("debrief.best_taken")
        parts.append(render_block(look.book.font("small", True), best, inner,
                                  pal.accent if row.best else pal.good))
        height = sum(p.get_height() for p in parts) + pad * 2 + (len(parts) - 1) * 2
        surf = pygame.Surface((width, height), pygame.SRCALPHA)
        pygame.draw.rect(surf, pal.panel, surf.get_rect(), border_radius=look.radius)
        yy = pad
        for p in parts:
            surf.blit(p, (pad, yy))
            yy += p.get_height() + 2
        return surf

    def _timeline(self, x: int, y: int, width: int, bottom: int) -> None:
        look = self.look
        y = self._add(render_line(look.book.font("heading", True), self.t("debrief.timeline"),
                                  look.pal.accent, width), x, y) + look.pad // 2
        self.timeline.layout(pygame.Rect(x, y, width - 10, max(bottom - y, 40)), look.pad // 2)
        self.timeline.clear()
        for row in self.data.decisions:
            self.timeline.add(self._row(row, width - 10), follow=False)

    def process_event(self, event: pygame.event.Event) -> None:
        if self.traits_pane.process_event(event) or self.timeline.process_event(event):
            return
        pressed = self.ring.process_event(event)
        if pressed is None:
            return
        if pressed.action == "replay":
            from game.ui.screens.encounter import EncounterScreen

            self.app.switch(EncounterScreen(self.app, self.scenario))
        elif pressed.action == "pick":
            self.escape()
        else:
            self.app.quit()

    def escape(self) -> None:
        from game.ui.screens.picker import PickerScreen

        self.app.switch(PickerScreen(self.app))

    def _draw_static(self, size: tuple[int, int]) -> pygame.Surface:
        look = self.look
        layer = self._layer  # reused: allocating a window-sized surface costs ~1 ms
        if layer is None or layer.get_size() != size:
            layer = pygame.Surface(size).convert()
        layer.fill(look.pal.bg)
        pygame.draw.rect(layer, look.pal.panel, self.badge, border_radius=look.radius)
        pygame.draw.rect(layer, look.pal.good if self.data.passed else look.pal.bad,
                         self.badge, 2, border_radius=look.radius)
        for img, pos in self.static:
            layer.blit(img, pos)
        self.traits_pane.draw(layer, look)
        self.timeline.draw(layer, look)
        for b in self.buttons:
            b.draw(layer, look, self.ring.focused is b)
        return layer

    def draw(self, surface: pygame.Surface) -> None:
        """Nothing on the debrief moves: one cached layer, redrawn on hover, focus, scroll."""
        key = (self.look, surface.get_size(), self.traits_pane.offset, self.timeline.offset,
               self.ring.focused, tuple(b.hovered for b in self.buttons))
        if key != self._layer_key:
            self._layer = self._draw_static(surface.get_size())
            self._layer_key = key
        surface.blit(self._layer, (0, 0))
