"""Debrief: overall score and pass/fail, a bar per trait, the timeline of decisions
(what was chosen, the traits it showed, the rules that fired, the best alternative),
and replay / pick another / quit. Everything is rendered once in ``layout``."""

from __future__ import annotations

import pygame

from game.ui.boxes import Boxes
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
        self.page = ScrollPane()  # the whole debrief when the columns do not fit
        self.stacked = False
        self.boxes = Boxes()
        self._layer: pygame.Surface | None = None
        self._layer_key: tuple | None = None

    def layout(self, size: tuple[int, int]) -> None:
        """Score and traits beside the timeline when both fit; else one scrolling page
        (score, ending, traits, decisions) above the buttons, which stay on screen."""
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        w, h = size
        body = look.book.body_px
        self.boxes.clear()
        self.buttons = [Button(t("debrief.replay"), "replay"), Button(t("debrief.pick"), "pick"),
                        Button(t("debrief.quit"), "quit")]
        self.ring.set(self.buttons)
        btn_w = min(w - pad * 4, body * 36)
        btn_h = button_row(self.buttons, look, w - pad * 2 - btn_w, 0, btn_w)
        if btn_h > h // 5:  # long labels at 200 %: smaller button text leaves room to read
            btn_h = button_row(self.buttons, look, w - pad * 2 - btn_w, 0, btn_w, role="small")
        for b in self.buttons:
            b.rect.bottom = h - pad * 2
            self.boxes.add(f"button.{b.action}", b.rect, b.need)
        self.static: list[tuple[pygame.Surface, tuple[int, int]]] = []
        title = render_block(look.book.font("title", True),
                             t("debrief.title", title=self.scenario.title.get(self.lang)),
                             w - pad * 4, pal.accent)
        top = pad * 2 + title.get_height() + pad
        bottom = h - pad * 3 - btn_h
        left_w = max(body * 14, w * 36 // 100)
        right_w = w - left_w - pad * 6
        self.page.clear()
        self.page.layout(pygame.Rect(0, 0, 0, 0), pad // 2)
        self.stacked = not (right_w >= body * 22 and self._wide(top, bottom, left_w, right_w))
        if self.stacked:  # the title scrolls with the rest: it can be long at 200 %
            width = w - pad * 4 - 10
            title = render_block(look.book.font("title", True),
                                 t("debrief.title", title=self.scenario.title.get(self.lang)),
                                 width, pal.accent)
            self._stacked(pad * 2, pad * 2, width, bottom, title)
        else:
            self._add(title, pad * 2, pad * 2)

    def _wide(self, top: int, bottom: int, left_w: int, right_w: int) -> bool:
        """The two-column debrief, if every trait bar and decision can be seen whole."""
        look, pad = self.look, self.look.pad
        x = pad * 2
        card = self._score_card(left_w)
        y = top + card.get_height() + pad
        heading = render_line(look.book.font("heading", True), self.t("debrief.traits"),
                              look.pal.accent)
        bars_top = y + heading.get_height() + pad
        bars = self._bars(left_w - 10)
        rows = [self._row(row, right_w - 10) for row in self.data.decisions]
        timeline_top = top + self._timeline_heading().get_height() + pad // 2
        if heading.get_width() > left_w or self._timeline_heading().get_width() > right_w or \
                max((b.get_height() for b in bars), default=0) > bottom - bars_top or \
                max((r.get_height() for r in rows), default=0) > bottom - timeline_top:
            return False
        self._add(card, x, top)
        self._add(heading, x, y)
        self.traits_pane.layout(pygame.Rect(x, bars_top, left_w, bottom - bars_top), pad // 2)
        self.traits_pane.clear()
        for img in bars:
            self.traits_pane.add(img, follow=False)
        tx = pad * 4 + left_w
        self._add(self._timeline_heading(), tx, top)
        self.timeline.layout(pygame.Rect(tx, timeline_top, right_w - 10,
                                         bottom - timeline_top), pad // 2)
        self.timeline.clear()
        for img in rows:
            self.timeline.add(img, follow=False)
        for name, pane in (("traits", self.traits_pane), ("timeline", self.timeline)):
            self._record_pane(name, pane)
        return True

    def _stacked(self, x: int, top: int, width: int, bottom: int,
                 title: pygame.Surface) -> None:
        look, pad = self.look, self.look.pad
        self.traits_pane.layout(pygame.Rect(0, 0, 0, 0), pad // 2)
        self.traits_pane.clear()
        self.timeline.layout(pygame.Rect(0, 0, 0, 0), pad // 2)
        self.timeline.clear()
        self.page.layout(pygame.Rect(x, top, width, bottom - top), pad // 2)
        parts = [title, self._score_card(width),
                 render_block(look.book.font("heading", True), self.t("debrief.traits"),
                              width, look.pal.accent),
                 *self._bars(width),
                 render_block(look.book.font("heading", True), self.t("debrief.timeline"),
                              width, look.pal.accent),
                 *(self._row(row, width) for row in self.data.decisions)]
        for img in parts:
            self.page.add(img, follow=False)
        self._record_pane("page", self.page, reading=True)

    def _record_pane(self, name: str, pane: ScrollPane, reading: bool = False) -> None:
        self.boxes.view(name, pane.rect, scrolls=True, reading=reading)
        y = pane.rect.y
        for i, (img, indent) in enumerate(pane.entries):
            self.boxes.add(f"{name}.{i}", pygame.Rect((pane.rect.x + indent, y), img.get_size()),
                           img, name)
            y += img.get_height() + pane.gap

    def _timeline_heading(self) -> pygame.Surface:
        return render_line(self.look.book.font("heading", True), self.t("debrief.timeline"),
                           self.look.pal.accent)

    def _add(self, img: pygame.Surface, x: int, y: int) -> int:
        self.static.append((img, (x, y)))
        self.boxes.add(f"static.{len(self.static)}", pygame.Rect((x, y), img.get_size()), img)
        return y + img.get_height()

    def _score_card(self, width: int) -> pygame.Surface:
        """Score, pass or fail against this scenario's pass mark, the ending in its
        outcome's colour: one card, green only for a pass."""
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        d = self.data
        colour = pal.good if d.passed else pal.bad
        inner = width - pad * 2
        big = render_line(look.book.font("huge", True), f"{round(d.overall)}", colour)
        side = inner - big.get_width() - pad * 2
        words = [render_block(look.book.font("small"), t("debrief.overall"), side, pal.muted),
                 render_block(look.book.font("heading", True),
                              t("debrief.passed") if d.passed else t("debrief.failed"),
                              side, colour),
                 render_block(look.book.font("small"),
                              t("debrief.pass_mark", score=round(d.pass_score)), side,
                              pal.muted)]
        words_h = sum(img.get_height() for img in words)
        tone = {"success": pal.good, "mixed": pal.warn, "failure": pal.bad}.get(d.outcome,
                                                                                pal.text)
        ending = render_block(look.book.font("heading", True),
                              t("debrief.ending", title=d.ending_title), inner, tone)
        outcome = render_block(look.book.font("body", True), t(f"outcome.{d.outcome}"), inner,
                               tone)
        head_h = max(big.get_height(), words_h)
        height = pad + head_h + pad + ending.get_height() + outcome.get_height() + pad
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        pygame.draw.rect(card, pal.panel, card.get_rect(), border_radius=look.radius)
        pygame.draw.rect(card, colour, card.get_rect(), 2, border_radius=look.radius)
        card.blit(big, (pad, pad))
        y = pad
        for img in words:
            card.blit(img, (pad + big.get_width() + pad * 2, y))
            y += img.get_height()
        y = pad + head_h + pad
        card.blit(ending, (pad, y))
        card.blit(outcome, (pad, y + ending.get_height()))
        return card

    def _bars(self, width: int) -> list[pygame.Surface]:
        if not self.data.traits:
            return [render_block(self.look.book.font("small"), self.t("debrief.no_traits"),
                                 width, self.look.pal.muted)]
        return [self._trait_bar(bar, width) for bar in self.data.traits]

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

    def process_event(self, event: pygame.event.Event) -> None:
        panes = (self.page,) if self.stacked else (self.traits_pane, self.timeline)
        if any(pane.process_event(event) for pane in panes):
            return
        pressed = self.ring.process_event(event)
        if pressed is None:
            return
        if pressed.action == "replay":
            self.replay()
        elif pressed.action == "pick":
            self.escape()
        else:
            self.app.quit()

    def replay(self) -> None:
        """The first button: play the scenario again (an episode's goes on instead)."""
        from game.ui.screens.encounter import EncounterScreen

        self.app.switch(EncounterScreen(self.app, self.scenario))

    def escape(self) -> None:
        from game.ui.screens.picker import PickerScreen

        self.app.switch(PickerScreen(self.app))

    def _draw_static(self, size: tuple[int, int]) -> pygame.Surface:
        look = self.look
        layer = self._layer  # reused: allocating a window-sized surface costs ~1 ms
        if layer is None or layer.get_size() != size:
            layer = pygame.Surface(size).convert()
        layer.fill(look.pal.bg)
        for img, pos in self.static:
            layer.blit(img, pos)
        self.traits_pane.draw(layer, look)
        self.timeline.draw(layer, look)
        self.page.draw(layer, look)
        for b in self.buttons:
            b.draw(layer, look, self.ring.focused is b)
        return layer

    def frame_key(self) -> object:
        return (self.traits_pane.offset, self.timeline.offset, self.page.offset,
                self.ring.focused, tuple(b.hovered for b in self.buttons), self.stacked)

    def draw(self, surface: pygame.Surface) -> None:
        """Nothing on the debrief moves: one cached layer, redrawn on hover, focus, scroll."""
        key = (self.look, surface.get_size(), self.frame_key())
        if key != self._layer_key:
            self._layer = self._draw_static(surface.get_size())
            self._layer_key = key
        surface.blit(self._layer, (0, 0))
