"""Scenario picker: a card per scenario with its type, channel, difficulty, length and scores."""

from __future__ import annotations

from game.ui.screens.column_screen import ColumnScreen
from game.ui.widgets.button import Button
from game.ui.widgets.card import Card
from game.ui.widgets.column import button_row


class PickerScreen(ColumnScreen):

    def _cards(self) -> list[Card]:
        t, lang = self.t, self.app.settings.lang
        cards = []
        for sc in self.app.content.full().scenarios:
            lines = [f"{t(f'encounter.{sc.encounter}')} · {t(f'channel.{sc.channel}')}",
                     f"{t(f'difficulty.{sc.difficulty}')} · "
                     f"{t('picker.minutes', minutes=sc.minutes)}",
                     sc.summary.get(lang)]
            footer, tone = "", "muted"
            scores = self.app.records.best_and_last(self.app.settings.trainee, sc.id)
            if scores == (None, None):
                footer = t("picker.not_played")
            elif scores is not None:
                # a badge against this scenario's own pass mark, by the best score
                passed = scores[0] >= sc.pass_score
                tone = "good" if passed else "bad"
                footer = " · ".join((t("picker.passed" if passed else "picker.not_passed"),
                                     t("picker.best_last", best=round(scores[0]),
                                       last=round(scores[1])),
                                     t("picker.pass_mark", score=round(sc.pass_score))))
            cards.append(Card(sc.title.get(lang), lines, sc.id, footer, tone))
        return cards

    def layout(self, size: tuple[int, int]) -> None:
        from game.ui.screens.campaign_cards import campaign_cards

        self.campaign_cards = campaign_cards(self.app)  # beside the single encounters
        self.cards = self._cards()
        self.back = Button(self.t("picker.back"), "back")
        self.ring.set([*self.cards, *self.campaign_cards, self.back])
        self._place(size)

    def _place(self, size: tuple[int, int]) -> None:
        t, look, pal, pad = self.t, self.look, self.look.pal, self.look.pad
        w = size[0]
        x, width = pad * 3, w - pad * 6
        y = self.column.start(pad * 3)
        self.texts = []

        def text(s: str, role: str = "body", colour=pal.text, bold: bool = False) -> None:
            nonlocal y
            y = self.stack_text(s, x, y, width, role=role, colour=colour, bold=bold)

        s = self.app.settings
        text(t("picker.heading"), "title", pal.accent, bold=True)
        text(t("picker.hello", name=s.trainee, mode=t(f"mode.{s.mode}")), colour=pal.muted)
        text(t("picker.hint"), "small", pal.muted)
        broken = self.app.content.broken
        if broken:
            first = next(iter(broken.values()))[0]
            text(t("picker.broken", count=len(broken), first=first), "small", pal.bad)
        if not self.cards:
            text(t("picker.empty"), colour=pal.bad)
        y += pad
        columns = max(1, min(3, width // (look.book.body_px * 17)))
        card_w = (width - pad * (columns - 1)) // columns

        def grid(cards: list[Card]) -> None:
            nonlocal y
            for start in range(0, len(cards), columns):
                row = cards[start:start + columns]
                heights = [c.layout(look, x + i * (card_w + pad), y, card_w)
                           for i, c in enumerate(row)]
                for c in row:
                    c.rect.height = max(heights)
                y += max(heights) + pad

        if self.campaign_cards:
            text(t("picker.encounters"), "heading", bold=True)
        grid(self.cards)
        if self.campaign_cards:  # after the encounters: the focus order stays the same
            text(t("picker.campaigns"), "heading", bold=True)
            grid(self.campaign_cards)
        y += pad
        y += button_row([self.back], look, x, y, min(width, look.book.body_px * 12))
        self.finish(y + pad * 2, size)

    def on_press(self, button: Button) -> None:
        if button is self.back:
            self.escape()
        elif button.action.startswith("campaign:"):
            from game.ui.screens.campaign_cards import open_campaign

            open_campaign(self.app, button.action.removeprefix("campaign:"))
        else:
            self.start(button.action)

    def start(self, scenario_id: str) -> None:
        from game.ui.screens.encounter import EncounterScreen

        scenario = self.app.content.by_id(scenario_id)
        if scenario is not None:
            self.app.switch(EncounterScreen(self.app, scenario))

    def escape(self) -> None:
        from game.ui.screens.start import StartScreen

        self.app.switch(StartScreen(self.app))

    def reload(self) -> None:
        self.app.content.scan()
        self.layout(self.app.window.get_size())
        self.app.toast(self.t("reload.done", file=self.app.content.folder.name))
