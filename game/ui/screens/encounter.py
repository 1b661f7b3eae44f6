"""Encounter: the conversation laid out for its channel, the client's face and meters,
the countdown on timed nodes, and the answers.

Flow: a node is shown -> the trainee answers (or time runs out) -> in practice
mode a feedback panel names the traits shown -> the next node... -> the ending,
then the debrief. Text of a node is rendered once when the node arrives.
"""

from __future__ import annotations

from collections.abc import Iterator

import pygame

from game.core.model import Scenario
from game.ui.debrief_data import signed
from game.ui.play import Play, Step
from game.ui.screens.base import Screen
from game.ui.textcache import render_line
from game.ui.widgets.button import Button
from game.ui.widgets.channel_header import ChannelHeader
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.countdown import Countdown
from game.ui.widgets.feedback import FeedbackPanel
from game.ui.widgets.sidebar import METERS, Sidebar
from game.ui.widgets.transcript import Line, Transcript, render_entry

CHOOSE, FEEDBACK, ENDED = "choose", "feedback", "ended"


def text_of(value, lang: str) -> str:
    """Runtime views may carry a model Text or a string already in the player's language."""
    return value.get(lang) if hasattr(value, "get") and not isinstance(value, str) \
        else str(value)


def meters_of(state) -> dict[str, float]:
    meters = getattr(state, "meters", None)
    if meters is not None:
        return {k: float(v) for k, v in dict(meters).items()}
    return {m: float(getattr(state, m)) for m in (*METERS, "reach") if hasattr(state, m)}


class EncounterScreen(Screen):
    in_progress = True
    covers_window = True  # paints every pixel: the app skips its own fill

    def __init__(self, app, scenario: Scenario, seed: int | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.lang = app.settings.lang
        self.play = Play(scenario, app.content, app.settings, app.records, seed)
        t, persona = self.t, scenario.persona
        channel = str(scenario.channel)
        self.transcript = Transcript(channel)
        self.header = ChannelHeader(channel, persona.name, persona.company,
                                    persona.role.get(self.lang), scenario.title.get(self.lang), t)
        about = [persona.role.get(self.lang), persona.company, persona.temperament.get(self.lang)]
        self.sidebar = Sidebar(persona.name, about, meters_of(self.play.state),
                               lambda m: t(f"meter.{m}"), big_portrait=channel == "in_person")
        self.countdown = Countdown(t("play.time_left"))
        self.choices = ChoiceList()
        self.feedback: FeedbackPanel | None = None
        self.next_button = Button(t("play.continue"), "continue")
        self.phase = CHOOSE
        self.steps: list[Step] = []
        self._hint: pygame.Surface | None = None
        self._main: tuple[int, int, int] | None = None  # x, top, width of the main column
        self._layer: pygame.Surface | None = None  # everything that does not move
        self._layer_key: tuple | None = None
        self._prefetch: Iterator[None] | None = None
        self._chrome: tuple[tuple, pygame.Surface] | None = None
        self._show_node()

    # -- flow --------------------------------------------------------------------

    def speaker_name(self, speaker: str) -> str:
        if speaker in ("client", "feed"):
            return self.scenario.persona.name
        return self.t(f"speaker.{speaker}")

    def _show_node(self) -> None:
        if self.play.ended:
            self._show_ending()
            return
        view = self.play.view()
        self._say(self._node_line(str(view.speaker), text_of(view.text, self.lang)))
        if view.choices:
            self.choices.set([text_of(c.text, self.lang) for c in view.choices])
        else:  # every answer's condition failed: the node can only run out or move on
            self.choices.set([self.t("play.continue")], ["timeout"])
        self.countdown.start(view.time_limit)
        self.phase = CHOOSE
        self._relayout()
        self._prefetch = self._prefetch_jobs(view.node)

    def _show_ending(self) -> None:
        ending = self.play.result().ending
        if ending is not None:
            self._say(Line("", self.t("play.ended", title=ending.title.get(self.lang)),
                           kind="note"))
            self._say(Line("", ending.text.get(self.lang), kind="note"))
        self.next_button = Button(self.t("play.see_debrief"), "debrief")
        self.countdown.start(None)
        self.phase = ENDED
        self.in_progress = False
        self.app.sounds.play("end")
        self._relayout()

    def _say(self, line: Line) -> None:
        self.transcript.add(line, self.look)

    def _node_line(self, speaker: str, text: str) -> Line:
        """A node's line as its channel shows it (an email's sender, a post's author)."""
        persona = self.scenario.persona
        header = ""
        if self.transcript.channel == "email":
            header = self.t("email.from", name=persona.name, company=persona.company)
        elif self.transcript.channel == "social" and speaker == "feed":
            header = self.t("social.post_by", name=persona.name)
        return Line(self.speaker_name(speaker), text, header=header)

    def _own_line(self, text: str) -> Line:
        you = self.t("speaker.you")
        header = self.t("email.you") if self.transcript.channel == "email" else you
        return Line(you, text, mine=True, header=header)

    def _prefetch_jobs(self, node_id: str) -> Iterator[None]:
        """Render, one piece per frame while the trainee thinks, the text every answer
        could lead to (their own line, the next node's line and answers), so the next
        node is drawn from the text cache in a couple of milliseconds."""
        node = self.scenario.nodes.get(node_id)
        if node is None or self._main is None:
            return
        look, width = self.look, self.transcript.pane.rect.width - 8
        for choice in node.choices:
            render_entry(self._own_line(choice.text.get(self.lang)), self.transcript.channel,
                         look, width)
            yield
            target = self.scenario.nodes.get(choice.next)
            if target is None:
                continue
            render_entry(self._node_line(str(target.speaker), target.text.get(self.lang)),
                         self.transcript.channel, look, width)
            yield
            for i, answer in enumerate(target.choices):
                Button(answer.text.get(self.lang), hint=str(i + 1) if i < 9 else "").layout(
                    look, 0, 0, self.choices.rect.width - 10)
                yield

    def answer(self, index: int) -> None:
        """The trainee picked the answer shown at ``index`` (0-based, as displayed)."""
        step = self.play.choose(index)
        self.app.sounds.play("choice")
        self._say(self._own_line(step.choice_text or ""))
        self._after(step)

    def time_out(self) -> None:
        step = self.play.timeout()
        self.app.sounds.play("timeout")
        self._say(Line("", self.t("play.timed_out"), kind="note"))
        self._after(step)

    def _after(self, step: Step) -> None:
        self.steps.append(step)
        self.sidebar.set_values(meters_of(self.play.state), self.look.reduced_motion)
        if self.play.log_error:
            self.app.toast(self.t("log.failed", error=self.play.log_error))
        if step.feedback or step.traits:
            decimal = self.t("number.decimal")
            traits = [(f"{name} {signed(merit, decimal)}", merit > 0)
                      for name, merit in step.traits]
            self.feedback = FeedbackPanel(self.t("play.feedback"), list(step.feedback), traits,
                                          lambda names: self.t("play.traits_shown",
                                                               traits=", ".join(names)))
            self.next_button = Button(self.t("play.continue"), "continue")
            self.countdown.start(None)
            self.phase = FEEDBACK
            self._relayout()
        else:
            self._show_node()

    def proceed(self) -> None:
        """Continue after the feedback panel, or go to the debrief after the ending."""
        if self.phase == FEEDBACK:
            self.feedback = None
            self._show_node()
        elif self.phase == ENDED:
            from game.ui.screens.debrief import DebriefScreen

            self.app.switch(DebriefScreen(self.app, self.scenario, self.play))

    # -- layout --------------------------------------------------------------------

    def _relayout(self) -> None:
        """A new node: only the countdown, answers and transcript area move (fast path)."""
        if self.app.screen is self and self._main is not None:
            self._layout_node(self.app.window.get_size())

    def layout(self, size: tuple[int, int]) -> None:
        """Everything, for a new window size or text setting."""
        look, pad = self.look, self.look.pad
        w, h = size
        side_w = max(look.book.body_px * 9, min(w * 27 // 100, look.book.body_px * 16))
        self.sidebar.layout(look, pygame.Rect(pad, pad, side_w, h - pad * 2))
        x = pad * 2 + side_w
        width = w - x - pad
        top = pad + self.header.layout(look, x, pad, width) + pad
        self._main = (x, top, width)
        self._layout_node(size)

    def _layout_node(self, size: tuple[int, int]) -> None:
        look, pad = self.look, self.look.pad
        x, y, width = self._main
        h = size[1]
        if self.countdown.limit:
            y += self.countdown.layout(look, x, y, width) + pad
        bottom = self._layout_bottom(x, width, y, h)
        self.transcript.layout(look, pygame.Rect(x, y, width, max(bottom - y - pad, 1)))

    def _layout_bottom(self, x: int, width: int, top: int, h: int) -> int:
        """Place the answers (or feedback / continue) at the bottom; returns their top."""
        look, pad = self.look, self.look.pad
        # the answers take what they need; the transcript keeps at least 3 lines (or a
        # third of a cramped window) and whatever does not fit scrolls in either pane
        room = h - top - pad
        keep = min(look.book.line_height() * 3, room // 3)
        limit = max(room - keep - pad, look.book.line_height() * 2)
        hint = self.t("play.choices_hint", count=len(self.choices.buttons))
        self._hint = render_line(look.book.font("small"), hint, look.pal.muted, width)
        hint_h = self._hint.get_height() if self.phase == CHOOSE else 0
        if self.phase == CHOOSE:
            want = min(self.choices.measure(look, width - 10), limit - hint_h)
            area = pygame.Rect(x, h - pad - hint_h - want, width, want)
            self.choices.layout(look, area)
            self._hint_pos = (x, h - pad - hint_h)
            return area.y
        btn_h = self.next_button.layout(look, x, 0, min(width, look.book.body_px * 16))
        self.next_button.rect.bottomright = (x + width, h - pad)
        top_of = self.next_button.rect.y - pad
        if self.phase == FEEDBACK and self.feedback is not None:
            fb_h = min(self.feedback.measure(look, width), limit - btn_h - pad)
            self.feedback.layout(look, pygame.Rect(x, top_of - fb_h, width, fb_h))
            return top_of - fb_h
        return top_of

    # -- input, time, drawing -------------------------------------------------------

    def process_event(self, event: pygame.event.Event) -> None:
        if self.transcript.process_event(event):
            return
        if self.phase == CHOOSE:
            index = self.choices.process_event(event)
            if index is not None and self.choices.buttons[index].action == "timeout":
                self.time_out()
            elif index is not None:
                self.answer(index)
            return
        if self.feedback is not None and self.feedback.process_event(event):
            return
        enter = event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
        if enter or self.next_button.process_event(event):
            self.proceed()

    def update(self, dt: float) -> None:
        if self.phase == CHOOSE and self._prefetch is not None and \
                next(self._prefetch, StopIteration) is StopIteration:
            self._prefetch = None
        self.play.tick(dt if self.phase == CHOOSE else 0.0)
        left = self.play.time_left() if self.phase == CHOOSE else None
        if left is not None:
            self.countdown.set_left(left)
            if left <= 0:
                self.time_out()
        live = self.play.live_state() if self.phase == CHOOSE else self.play.state
        meters = meters_of(live)
        self.sidebar.set_values(meters, self.look.reduced_motion)
        self.sidebar.update(dt)
        self.header.update(self.play.total_time, meters.get("reach", 0.0),
                           spreading=self.phase == CHOOSE and self._spreading(live))

    def _spreading(self, live) -> bool:
        return self.scenario.escalation is not None and \
            meters_of(live).get("reach", 0.0) > meters_of(self.play.state).get("reach", 0.0)

    def _static_key(self) -> tuple:
        """Everything the background layer depends on; when it changes, redraw the layer."""
        fb = self.feedback.pane.offset if self.feedback is not None else -1
        return (self.look, self.phase, len(self.transcript.lines), self.transcript.pane.offset,
                self.choices.column.scroll, fb, self.next_button.hovered,
                tuple(b.hovered for b in self.choices.buttons), self.choices.ring.focused,
                self.countdown.limit, self._main)

    def _draw_static(self, size: tuple[int, int]) -> pygame.Surface:
        look = self.look
        layer = self._layer  # reused: allocating a window-sized surface costs ~1 ms
        if layer is None or layer.get_size() != size:
            layer = pygame.Surface(size).convert()
        chrome_key = (look, size, self._main)
        if self._chrome is None or self._chrome[0] != chrome_key:
            # the client panel and channel header only change with the layout
            chrome = pygame.Surface(size).convert()
            chrome.fill(look.pal.bg)
            self.sidebar.draw_static(chrome, look)
            self.header.draw_static(chrome, look)
            self._chrome = (chrome_key, chrome)
        layer.blit(self._chrome[1], (0, 0))
        if self.countdown.limit and self.phase == CHOOSE:
            self.countdown.draw_static(layer, look)
        self.transcript.draw(layer, look)
        if self.phase == CHOOSE:
            self.choices.draw(layer, look)
            if self._hint is not None:
                layer.blit(self._hint, self._hint_pos)
        else:
            if self.feedback is not None:
                self.feedback.draw(layer, look)
            self.next_button.draw(layer, look, focused=True)
        return layer

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the cached background layer, then draw only what moves this frame."""
        look = self.look
        key = (self._static_key(), surface.get_size())
        if key != self._layer_key or self._layer is None:
            self._layer = self._draw_static(surface.get_size())
            self._layer_key = key
        surface.blit(self._layer, (0, 0))
        self.sidebar.draw(surface, look)
        self.header.draw(surface, look)
        if self.countdown.limit and self.phase == CHOOSE:
            self.countdown.draw(surface, look)

    # -- keys the app forwards ---------------------------------------------------------

    def escape(self) -> None:
        from game.ui.screens.dialog import pause_menu

        self.app.open_dialog(pause_menu(self.app, self))

    def leave(self) -> None:
        """Quit mid-encounter (after the trainee confirmed): recorded as abandoned."""
        from game.ui.screens.picker import PickerScreen

        if not self.play.ended:
            self.play.abandon()
        self.app.switch(PickerScreen(self.app))

    def reload(self) -> None:
        fresh, problems = self.app.content.reload(self.scenario)
        if fresh is None:
            from game.ui.screens.dialog import reload_errors

            self.app.open_dialog(reload_errors(self.app, problems))
            return
        if not self.play.ended:
            self.play.abandon()
        self.app.switch(EncounterScreen(self.app, fresh))
        self.app.toast(self.t("reload.done", file=fresh.path.rsplit("/", 1)[-1]))
