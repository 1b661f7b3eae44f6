"""The game window: owns the settings, the current screen and dialogs, and runs the loop.

``run_default()`` is what ``python main.py`` calls. Tests and the screenshot
command build an ``App`` on SDL's dummy driver and feed it real pygame events
through ``tick``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pygame
import pygame.freetype

from game.core.i18n import Translator
from game.ui import pointer, textcache
from game.ui.content import Content
from game.ui.display import display_available
from game.ui.look import Look
from game.ui.recording import Records
from game.ui.screens.base import Screen
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.sound import Sounds
from game.ui.trace import Trace
from game.ui.widgets.toast import Toast

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (800, 480)
FPS = 60
#: Room kept for the window's title bar and a panel when the screen is small.
TITLE_BAR = 48
ICON = Path(__file__).resolve().parents[2] / "assets" / "images" / "icon.png"


def fitted_size(size: tuple[int, int] = DEFAULT_SIZE) -> tuple[int, int]:
    """``size`` shrunk to the screen the window opens on, title bar included (a
    1024x600 netbook gets a 1024x552 window whose title bar is on screen)."""
    try:
        desk_w, desk_h = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return size
    if desk_w <= 0 or desk_h <= 0:
        return size
    w, h = min(size[0], desk_w), min(size[1], desk_h - TITLE_BAR)
    os.environ.setdefault("SDL_VIDEO_WINDOW_POS",
                          f"{(desk_w - w) // 2},{max(TITLE_BAR, (desk_h - h) // 2)}")
    return max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])


class App:
    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, settings: Settings | None = None,
                 content: Content | None = None, persist: bool = True,
                 record: bool = True, first=None) -> None:
        """``first(app)`` makes the first screen (default: the start screen)."""
        pygame.display.init()
        pygame.freetype.init()
        pygame.font.init()  # pygame_gui renders its fields with pygame.font
        pygame.key.set_repeat(400, 40)
        self.persist = persist  # False in tests and screenshots: never touch the user's files
        self.settings = settings or (load_settings() if persist else Settings())
        self._content = content  # scenarios load when first needed, not before the first frame
        self.records = Records(enabled=record)
        self._windowed_size = size  # restored when full screen is switched off
        with contextlib.suppress(pygame.error, FileNotFoundError):
            pygame.display.set_icon(pygame.image.load(str(ICON)))  # else SDL's default
        self.window = self._open_window(size)
        self.t = Translator("ui", self.settings.lang)
        self.look = Look.make(self.window.get_size(), self.settings)
        self.sounds = Sounds(self.settings.sound)
        self.toast_widget = Toast()
        self.dialog = None  # a modal dialog over the screen (pause, confirm)
        self.running = True
        self._drawn: object = None  # what the last drawn frame showed (see ``tick``)
        self.trace = Trace()
        self.frames_drawn = 0
        pygame.display.set_caption(self.t("app.title"))
        if first is None:
            from game.ui.screens.start import StartScreen

            first = StartScreen
        self.screen: Screen = Screen(self)  # a blank one while the first is built
        self.screen = first(self)
        self.screen.layout(self.window.get_size())

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = Content.default()
        return self._content

    # -- window ---------------------------------------------------------------

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def resize(self, size: tuple[int, int]) -> None:
        self._windowed_size = size
        self.window = self._open_window(size)
        self.relayout()

    def relayout(self) -> None:
        """Fonts, palette and every text surface follow the window and the settings."""
        self.look = Look.make(self.window.get_size(), self.settings)
        textcache.clear()
        self.screen.layout(self.window.get_size())
        if self.dialog is not None:
            self.dialog.layout(self.window.get_size())

    def apply_settings(self, settings: Settings) -> None:
        fullscreen_changed = settings.fullscreen != self.settings.fullscreen
        self.settings = settings
        self.t = Translator("ui", settings.lang)
        self.sounds.enabled = settings.sound
        if self.persist:
            save_settings(settings)
        if fullscreen_changed:
            if settings.fullscreen:
                self._windowed_size = self.window.get_size()
            self.window = self._open_window(self._windowed_size)
        pygame.display.set_caption(self.t("app.title"))
        self.relayout()

    # -- screens and dialogs -----------------------------------------------

    def switch(self, screen: Screen) -> None:
        self.screen = screen
        self.dialog = None
        screen.layout(self.window.get_size())

    def open_dialog(self, dialog) -> None:
        self.dialog = dialog
        dialog.layout(self.window.get_size())

    def close_dialog(self) -> None:
        self.dialog = None

    def toast(self, text: str) -> None:
        self.toast_widget.show(text, self.look)

    def quit(self) -> None:
        self.running = False

    def request_quit(self) -> None:
        """Closing the window mid-encounter asks first; elsewhere it just quits."""
        from game.ui.screens.dialog import confirm_exit

        if self.dialog is None:
            self.open_dialog(confirm_exit(self))

    # -- the loop -------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        pointer.seen(event)
        if event.type == pygame.QUIT:
            self.request_quit() if self.screen.in_progress else self.quit()
        elif event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            self.resize((event.w, event.h))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.apply_settings(self.settings.cycled("fullscreen"))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5 and self.dialog is None:
            self.screen.reload()
        elif self.dialog is not None:
            self.dialog.process_event(event)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.screen.escape()
        else:
            self.screen.process_event(event)

    def tick(self, dt: float) -> bool:
        """One frame: every pending event, then update, then draw if anything changed;
        True when it drew (the loop then flips the window)."""
        events = pygame.event.get()
        for event in events:
            self.handle(event)
        self.update(dt)
        key = self.frame_key()
        if events or key != self._drawn:
            self.draw()
            self._drawn = key
            self.frames_drawn += 1
            return True
        return False

    def frame_key(self) -> object:
        """Everything a frame shows that can change without an input event; an idle
        screen (no timer, nothing animating) draws nothing at all."""
        return (id(self.screen), id(self.dialog), self.screen.frame_key(),
                self.toast_widget.left > 0, self.window.get_size(), self.look)

    def update(self, dt: float) -> None:
        if self.dialog is None:  # a dialog pauses the encounter's clocks
            self.screen.update(dt)
        self.toast_widget.update(dt)

    def draw(self) -> None:
        if not self.screen.covers_window:
            self.window.fill(self.look.pal.bg)
        self.screen.draw(self.window)
        if self.dialog is not None:
            self.dialog.draw(self.window)
        self.toast_widget.draw(self.window, self.look)
        self.trace.frame(self)

    def run(self) -> None:
        clock = pygame.time.Clock()
        self.sounds.warm()  # open the audio device now, not on the first answer
        while self.running:
            dt = clock.tick(FPS) / 1000
            if self.tick(min(dt, 0.25)):  # a stalled frame must not eat a time limit
                pygame.display.flip()
        self.records.flush()  # the last answers reach the log before the process ends
        pygame.quit()


def run_default() -> int:
    """Start the game window; without a display, point to terminal play instead."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if not display_available():
        lang = load_settings().lang
        print(Translator("ui", lang)("app.no_display"), file=sys.stderr)
        return 1
    pygame.display.init()
    App(fitted_size()).run()
    return 0


def run_scenario(args) -> int:
    """`play SCENARIO` without --text: the window opens straight on that encounter.

    ``args`` carries the play command's options (lang, mode, trainee, seed, timing,
    db, no_log); they apply to this run only and are not saved as settings.
    """
    from dataclasses import replace

    from game.core.loader import load_scenario, resolve_scenario
    from game.ui.screens.encounter import EncounterScreen

    # only this scenario is read before the first frame (the library loads if the
    # trainee goes on to the picker)
    scenario = load_scenario(resolve_scenario(args.scenario))  # lint errors stop us here
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if not display_available():
        print(Translator("ui", args.lang)("app.no_display"), file=sys.stderr)
        return 1
    if args.db:
        os.environ["CRT_DB"] = args.db  # the recorder finds its log the one documented way
    settings = replace(load_settings(), lang=args.lang, mode=args.mode, trainee=args.trainee,
                       time_limits=args.timing)
    pygame.display.init()
    # straight to the encounter: the start screen (and its text field's library) is
    # never built before the first frame
    app = App(fitted_size(), settings=settings, persist=False, record=not args.no_log,
              content=Content.for_scenario(scenario),
              first=lambda a: EncounterScreen(a, scenario, seed=args.seed))
    app.run()
    return 0


def run_campaign(args) -> int:
    """`play CAMPAIGN` without --text: the window opens on the campaign, resuming this
    trainee's unfinished run from the log (the options apply as for ``run_scenario``)."""
    from dataclasses import replace

    from game.core.campaign import load_campaign
    from game.ui.screens.campaign_cards import open_campaign

    campaign = load_campaign(args.scenario)  # lint errors stop us here
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if not display_available():
        print(Translator("ui", args.lang)("app.no_display"), file=sys.stderr)
        return 1
    if args.db:
        os.environ["CRT_DB"] = args.db
    settings = replace(load_settings(), lang=args.lang, mode=args.mode, trainee=args.trainee,
                       time_limits=args.timing)

    def first(app: App) -> Screen:
        from game.ui.screens.picker import PickerScreen

        app.switch(PickerScreen(app))  # where Esc and a broken run lead
        open_campaign(app, campaign.id, seed=args.seed)
        return app.screen

    pygame.display.init()
    App(fitted_size(), settings=settings, persist=False, record=not args.no_log,
        first=first).run()
    return 0
