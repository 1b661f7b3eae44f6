"""Settings: text size, high contrast, reduced motion, time limits, dyslexia-friendly
font, sound, full screen. Each row is a button that moves to the next value; the
change shows at once and is saved for the next run."""

from __future__ import annotations

from game.ui.screens.base import Screen
from game.ui.screens.column_screen import ColumnScreen
from game.ui.widgets.button import Button
from game.ui.widgets.column import button_row

ROWS = ("text_scale", "high_contrast", "reduced_motion", "time_limits", "dyslexic_font",
        "sound", "fullscreen")
LABEL_KEYS = {"text_scale": "settings.text_size"}


class SettingsScreen(ColumnScreen):
    def __init__(self, app, back: Screen) -> None:
        super().__init__(app)
        self.back_to = back
        self.room = 0  # blank space kept below the rows (see ``on_press``)

    def label(self, name: str) -> str:
        t, value = self.t, getattr(self.app.settings, name)
        if isinstance(value, bool):
            shown = t("settings.on") if value else t("settings.off")
        elif name == "time_limits":
            shown = t(f"timing.{value}")
        else:
            shown = value
        return t(LABEL_KEYS.get(name, f"settings.{name}"), value=shown)

    def layout(self, size: tuple[int, int]) -> None:
        self.rows = [Button(self.label(name), name) for name in ROWS]
        self.back = Button(self.t("settings.back"), "back")
        self.ring.set([*self.rows, self.back])
        self._place(size)

    def _place(self, size: tuple[int, int]) -> None:
        look, pal, pad = self.look, self.look.pal, self.look.pad
        w = size[0]
        width = min(w - pad * 8, look.book.body_px * 34)
        x = (w - width) // 2
        # the first row sits at the same height at any text size when there is room,
        # so quick clicks on one setting keep landing on it
        y = self.column.start(pad * 4)
        self.texts = []
        for text, role, colour in ((self.t("settings.title"), "title", pal.accent),
                                   (self.t("settings.hint"), "small", pal.muted)):
            y = self.stack_text(text, x, y, width, role=role, colour=colour,
                                bold=role == "title", gap=pad)
        for row in self.rows:
            y += row.layout(look, x, y, width) + pad // 2
        y += pad
        y += button_row([self.back], look, x, y, min(width, look.book.body_px * 12))
        self.finish(y + pad * 2 + self.room, size)

    def on_press(self, button: Button) -> None:
        if button is self.back:
            self.escape()
        else:
            # a larger text size re-lays the page out: scroll so the row just changed
            # stays where it was, under the pointer, for the next click
            top = button.rect.top
            self.app.apply_settings(self.app.settings.cycled(button.action))
            row = next(r for r in self.rows if r.action == button.action)
            delta = row.rect.top - top
            if delta:
                # room below the page lets the column scroll that far even when it fits
                self.room = max(0, self.room + delta)
                self.column.scroll = max(0, self.column.scroll + delta)
                self._place(self.app.window.get_size())

    def escape(self) -> None:
        self.app.switch(self.back_to)
