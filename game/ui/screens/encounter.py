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
from game.ui import pointer
from game.ui.boxes import Boxes
from game.ui.debrief_data import signed
from game.ui.play import Play, Step
from game.ui.screens import encounter_layout
from game.ui.screens.base import Screen
from game.ui.screens.prefetch import prefetch_jobs
from game.ui.speech import post_author, present
from game.ui.widgets.button import Button
from game.ui.widgets.channel_header import ChannelHeader
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.countdown import Countdown
from game.ui.widgets.feedback import FeedbackPanel
from game.ui.widgets.sidebar import METERS, Sidebar
from game.ui.widgets.transcript import Line, Transcript

CHOOSE, FEEDBACK, ENDED = "choose", "feedback", "ended"
#: Seconds a new question ignores answer keys and clicks: a second Enter pressed to get
#: past the last one (typically ~120 ms later) must not answer a question not yet read.
INPUT_GUARD = 0.4
TONES = {"success": "good", "mixed": "warn", "failure": "bad"}


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

    def __init__(self, app, scenario: Scenario, seed: int | None = None,
                 play: Play | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.lang = app.settings.lang
        self.play = play or Play(scenario, app.content, app.settings, app.records, seed)
        t, persona = self.t, scenario.persona
        channel = str(scenario.channel)
        self.transcript = Transcript(channel)
        # a social scene's post is headed by whoever posted it (a handle), not the persona
        poster = post_author([n.text.get(self.lang) for n in scenario.nodes.values()
                              if str(n.speaker) == "feed"]) if channel == "social" else None
        self.header = ChannelHeader(channel, poster or persona.name, persona.company,
                                    persona.role.get(self.lang), scenario.title.get(self.lang), t)
        about = [persona.role.get(self.lang), persona.company, persona.temperament.get(self.lang)]
        # assessment: nothing reacts to an answer before the debrief, meters included
        assessing = app.settings.mode == "assessment"
        self.sidebar = Sidebar(persona.name, about, meters_of(self.play.state),
                               lambda m: t(f"meter.{m}"), big_portrait=channel == "in_person",
                               show_meters=not assessing,
                               note=t("play.assessment_note") if assessing else "")
        self.countdown = Countdown(t("play.time_left"))
        self.choices = ChoiceList()
        self.feedback: FeedbackPanel | None = None
        self.next_button = Button(t("play.continue"), "continue")
        self.phase = CHOOSE
        self.steps: list[Step] = []
        self.hint_img: pygame.Surface | None = None
        self.hint_pos = (0, 0)
        self.boxes = Boxes()  # every text box as laid out (checked by the layout test)
        self.stacked = False  # one scrolling column instead of side by side
        self.scroll = self.max_scroll = 0
        self.column_view = pygame.Rect(0, 0, 0, 0)
        self.layout_gen = 0  # bumped on every placement: cached layers are redrawn
        self.chrome_gen = 0  # bumped when the client panel or header is placed again
        self.chrome_for: tuple | None = None  # what they were placed for (side by side)
        self.guard = 0.0  # seconds left during which a new question ignores answers
        self._laid_out = False
        self._layer: pygame.Surface | None = None  # everything that does not move
        self._layer_key: tuple | None = None
        self._prefetch: Iterator[None] | None = None
        self._chrome: tuple[tuple, pygame.Surface] | None = None
        self._show_node()

    # -- flow --------------------------------------------------------------------

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
        self.countdown.start(self.play.time_limit())
        self.phase = CHOOSE
        self.guard = INPUT_GUARD
        self._relayout()
        self._prefetch = prefetch_jobs(self, view.node)

    def _show_ending(self) -> None:
        ending = self.play.result().ending
        if ending is not None:
            tone = TONES.get(str(ending.outcome), "warn")
            self._say(Line("", self.t("play.ended", title=ending.title.get(self.lang)),
                           kind="banner", tone=tone))
            self._say(Line("", ending.text.get(self.lang), kind="note", tone=tone))
        self.next_button = Button(self.t("play.see_debrief"), "debrief")
        self.countdown.start(None)
        self.phase = ENDED
        self.in_progress = False
        self.app.sounds.play("end")
        self._relayout()

    def _say(self, line: Line) -> None:
        self.transcript.add(line, self.look)

    def _node_line(self, speaker: str, text: str) -> Line:
        """A node's line headed by who really says it, in its channel's conventions."""
        persona = self.scenario.persona
        said = present(speaker, text, self.transcript.channel, persona.name, persona.company,
                       self.t)
        return Line(said.who, said.text, kind="narration" if said.narration else "say",
                    header=said.header, direction=said.direction,
                    attachments=said.attachments, stars=said.stars)

    def _own_line(self, text: str) -> Line:
        you = self.t("speaker.you")
        return Line(you, text, mine=True, header=you)

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
        elif getattr(self.play.records, "offline", False):  # queued: gone when back
            self.app.toast(self.t("log.offline"))
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
        """A new node or phase: place again, a stacked column scrolled to the newest line."""
        if self.app.screen is self and self._laid_out:
            encounter_layout.place(self, self.app.window.get_size())

    def layout(self, size: tuple[int, int]) -> None:
        """Everything, for a new window size or text setting (scroll starts afresh)."""
        self._laid_out = True
        self.choices.column.scroll = 0
        self.chrome_for = None  # the client panel and header too
        rate = self.play.rate
        self.play.retime(self.app.settings)  # time limits, text size: at once
        if self.phase == CHOOSE and self.play.rate != rate:
            self.countdown.start(self.play.time_limit())
        encounter_layout.place(self, size)

    def scroll_by(self, pixels: int) -> bool:
        """Scroll the stacked column; True when it moved."""
        before = self.scroll
        self.scroll = max(0, min(self.scroll + pixels, self.max_scroll))
        if self.scroll != before:
            encounter_layout.place(self, self.app.window.get_size(), anchor=False)
        return self.scroll != before

    def _column_event(self, event: pygame.event.Event) -> bool:
        """Wheel and PageUp/PageDown/Home/End scroll the stacked column."""
        view = self.column_view
        if event.type == pygame.MOUSEWHEEL and view.collidepoint(pointer.pos()):
            return self.scroll_by(-event.y * max(40, view.height // 6)) or True
        if event.type == pygame.KEYDOWN:
            moves = {pygame.K_PAGEUP: -view.height * 3 // 4,
                     pygame.K_PAGEDOWN: view.height * 3 // 4,
                     pygame.K_HOME: -self.max_scroll, pygame.K_END: self.max_scroll}
            if event.key in moves:
                self.scroll_by(moves[event.key])
                return True
        return False

    def _reveal(self, rect: pygame.Rect) -> None:
        """Keep the focused answer in view of the stacked column."""
        view = self.column_view
        if rect.bottom > view.bottom:
            self.scroll_by(rect.bottom - view.bottom + self.look.pad)
        elif rect.top < view.top:
            self.scroll_by(rect.top - view.top - self.look.pad)

    # -- input, time, drawing -------------------------------------------------------

    def process_event(self, event: pygame.event.Event) -> None:
        if self.stacked:
            if self._column_event(event):
                return
        elif self.transcript.process_event(event):
            return
        if self.phase == CHOOSE:
            if self.guard > 0 and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN,
                                                 pygame.MOUSEBUTTONUP):
                return  # a key or click meant for the previous question
            index = self.choices.process_event(event)
            focused = self.choices.ring.focused
            if self.stacked and focused is not None and event.type == pygame.KEYDOWN:
                self._reveal(focused.rect)
            if index is not None and self.choices.buttons[index].action == "timeout":
                self.time_out()
            elif index is not None:
                self.answer(index)
            return
        if self.feedback is not None and not self.stacked and \
                self.feedback.process_event(event):
            return
        enter = event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
        if enter or self.next_button.process_event(event):
            self.proceed()

    def update(self, dt: float) -> None:
        if self.phase == CHOOSE and self._prefetch is not None and \
                next(self._prefetch, StopIteration) is StopIteration:
            self._prefetch = None
        self.guard = max(0.0, self.guard - dt)
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

    def frame_key(self) -> object:
        """What a frame would show that input does not change: the countdown (to the
        pixel), the call clock and live reach (to the unit), the meters as eased."""
        left, bar = None, None
        if self.phase == CHOOSE and self.countdown.limit:
            left = self.countdown.left
            bar = round(self.countdown.rect.width * left / self.countdown.limit)
            left = int(left + 0.999)
        meters = tuple((round(m.shown), m.flash > 0) for m in self.sidebar.meters.values())
        clock = int(self.play.total_time) if self.transcript.channel == "phone" else 0
        return (self._static_key(), left, bar, clock, int(self.header.reach),
                self.header.spreading, meters, self.scroll)

    def _spreading(self, live) -> bool:
        return self.scenario.escalation is not None and \
            meters_of(live).get("reach", 0.0) > meters_of(self.play.state).get("reach", 0.0)

    def _static_key(self) -> tuple:
        """Everything the background layer depends on; when it changes, redraw the layer."""
        fb = self.feedback.pane.offset if self.feedback is not None else -1
        return (self.look, self.phase, len(self.transcript.lines), self.transcript.pane.offset,
                self.choices.column.scroll, fb, self.next_button.hovered,
                tuple(b.hovered for b in self.choices.buttons), self.choices.ring.focused,
                self.countdown.limit, self.layout_gen)

    def _draw_static(self, size: tuple[int, int]) -> pygame.Surface:
        look = self.look
        layer = self._layer  # reused: allocating a window-sized surface costs ~1 ms
        if layer is None or layer.get_size() != size:
            layer = pygame.Surface(size).convert()
        chrome_key = (look, size, self.chrome_gen, self.scroll if self.stacked else 0)
        if self._chrome is None or self._chrome[0] != chrome_key:
            # the client panel and channel header only change with the layout
            chrome = pygame.Surface(size).convert()
            chrome.fill(look.pal.bg)
            self._clip(chrome)
            self.sidebar.draw_static(chrome, look)
            self.header.draw_static(chrome, look)
            chrome.set_clip(None)
            self._chrome = (chrome_key, chrome)
        layer.blit(self._chrome[1], (0, 0))
        if self.countdown.limit and self.phase == CHOOSE:
            self.countdown.draw_static(layer, look)
        self._clip(layer)
        self.transcript.draw(layer, look)
        if self.phase == CHOOSE:
            self.choices.draw(layer, look)
            if self.hint_img is not None:
                layer.blit(self.hint_img, self.hint_pos)
        else:
            if self.feedback is not None:
                self.feedback.draw(layer, look)
            self.next_button.draw(layer, look, focused=True)
        if self.stacked and self.max_scroll:
            self._draw_bar(layer)
        layer.set_clip(None)
        return layer

    def _clip(self, surface: pygame.Surface) -> None:
        """In the stacked column, what scrolls must not paint over the pinned countdown."""
        surface.set_clip(self.column_view if self.stacked else None)

    def _draw_bar(self, surface: pygame.Surface) -> None:
        view, pal = self.column_view, self.look.pal
        track = pygame.Rect(view.right - 6, view.y, 5, view.height)
        pygame.draw.rect(surface, pal.meter_track, track, border_radius=2)
        content = view.height + self.max_scroll
        thumb_h = max(24, view.height * view.height // content)
        thumb_y = track.y + (track.height - thumb_h) * self.scroll // self.max_scroll
        pygame.draw.rect(surface, pal.accent, (track.x, thumb_y, 5, thumb_h), border_radius=2)

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the cached background layer, then draw only what moves this frame."""
        look = self.look
        key = (self._static_key(), surface.get_size())
        if key != self._layer_key or self._layer is None:
            self._layer = self._draw_static(surface.get_size())
            self._layer_key = key
        surface.blit(self._layer, (0, 0))
        self._clip(surface)
        self.sidebar.draw(surface, look)
        self.header.draw(surface, look)
        surface.set_clip(None)
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
