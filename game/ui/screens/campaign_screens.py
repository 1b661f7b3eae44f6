"""The screens between a campaign's episodes: the "previously" recap before each one,
the encounter itself (the ordinary encounter screen on the campaign's session) and
the card after it (what the episode changed, the promises it made or settled, the
episodes that will not happen). The lines are the terminal's (assets/i18n/campaign).
"""

from __future__ import annotations

import pygame

from game.core.i18n import Translator
from game.ui.screens.campaign_flow import CampaignFlow
from game.ui.screens.column_screen import ColumnScreen
from game.ui.screens.encounter import ENDED, EncounterScreen
from game.ui.widgets.button import Button
from game.ui.widgets.column import button_row


def n(value: float) -> str:
    return f"{value:.0f}"


class _CampaignColumn(ColumnScreen):
    """A column of text above a row of buttons, Esc back to the picker."""

    def __init__(self, app, flow: CampaignFlow) -> None:
        super().__init__(app)
        self.flow = flow
        self.tc = Translator("campaign", app.settings.lang)
        self.strings: list[str] = []

    def stack_text(self, text: str, *args, **kwargs) -> int:
        # the terminal's lines put an arrow (U+2192) between before and after, which
        # the window's fonts have no glyph for
        text = text.replace("\u2192", "›")
        self.strings.append(text)  # what the screen says, for tests and screen readers
        return super().stack_text(text, *args, **kwargs)

    def buttons(self) -> list[Button]:
        raise NotImplementedError

    def body(self, text) -> None:
        raise NotImplementedError

    def layout(self, size: tuple[int, int]) -> None:
        self.tc = Translator("campaign", self.app.settings.lang)
        self.row = self.buttons()
        self.ring.set(self.row)
        self._place(size)

    def _place(self, size: tuple[int, int]) -> None:
        look, pal, pad = self.look, self.look.pal, self.look.pad
        x, width = pad * 3, size[0] - pad * 6
        y = self.column.start(pad * 3)
        self.texts, self.strings = [], []

        def text(s, role: str = "body", colour=None, bold: bool = False) -> None:
            """A block of text, or a surface drawn already (the chart)."""
            nonlocal y
            if isinstance(s, pygame.Surface):
                self.texts.append((s, (x, y)))
                y += s.get_height() + pad // 2
                return
            y = self.stack_text(s, x, y, width, role=role,
                                colour=pal.text if colour is None else colour, bold=bold)

        campaign = self.flow.campaign
        text(self.t("campaign.heading", title=campaign.title.get(self.tc.lang),
                    client=campaign.client), "small", pal.muted)
        self.body(text)
        y += pad
        y += button_row(self.row, look, x, y, min(width, look.book.body_px * 14 * len(self.row)))
        self.finish(y + pad * 2, size)

    def on_press(self, button: Button) -> None:
        if button.action == "pick":
            self.escape()
        else:
            self.flow.start_episode() if button.action == "start" else self.flow.show_next()

    def escape(self) -> None:
        from game.ui.screens.picker import PickerScreen

        self.app.switch(PickerScreen(self.app))


class RecapScreen(_CampaignColumn):
    """ "Previously": before each episode, what the client remembers."""

    def buttons(self) -> list[Button]:
        return [Button(self.t("campaign.start_episode"), "start"),
                Button(self.t("campaign.to_picker"), "pick")]

    def body(self, text) -> None:
        pal, tc, run = self.look.pal, self.tc, self.flow.run
        p = run.progress()
        sc = run.next_scenario()
        text(self.t("campaign.episode_heading", number=p.episode, total=p.total,
                    title=sc.title.get(tc.lang)), "title", pal.accent, bold=True)
        text(tc("campaign.progress", number=p.episode, total=p.total, trust=n(p.trust),
                commitment=n(p.commitment)), colour=pal.muted)
        if self.flow.resumed:
            text(tc("campaign.resumed", done=len(run.records), total=p.total), "small",
                 pal.muted)
        lines = run.recap().lines(tc)
        if lines:
            text(tc("campaign.previously"), "heading", bold=True)
            for line in lines:
                text(line)
        else:
            text(self.flow.campaign.summary.get(tc.lang))


class EpisodeDoneScreen(_CampaignColumn):
    """After an episode: its ending, trust and commitment before and after, promises."""

    def buttons(self) -> list[Button]:
        more = [Button(self.t("campaign.episode_debrief"), "debrief")] \
            if self.flow.last_play is not None else []
        return [Button(self.t("campaign.continue"), "next"), *more,
                Button(self.t("campaign.to_picker"), "pick")]

    def on_press(self, button: Button) -> None:
        if button.action == "debrief":
            from game.ui.screens.campaign_debrief import EpisodeDebriefScreen

            self.app.switch(EpisodeDebriefScreen(self.app, self.flow, self.flow.last_play))
        else:
            super().on_press(button)

    def body(self, text) -> None:
        pal, tc, r = self.look.pal, self.tc, self.flow.last
        lang = tc.lang
        text(r.ending_title.get(lang), "title", pal.good if r.passed else pal.bad, bold=True)
        text(tc("campaign.episode_done", number=r.index + 1, ending=r.ending_title.get(lang),
                score=n(r.score),
                passed=tc("campaign.passed" if r.passed else "campaign.not_passed"),
                trust_before=n(r.before.meters["trust"]), trust=n(r.after.meters["trust"]),
                commitment_before=n(r.before.meters["commitment"]),
                commitment=n(r.after.meters["commitment"])))
        campaign = self.flow.campaign
        for name, status in r.promises:
            p = campaign.by_promise[name]
            number = next((i + 1 for i, ep in enumerate(campaign.episodes)
                           if p.due in (ep.scenario, *(x.scenario for x in ep.replace))), 0)
            text(tc(f"campaign.now.{status}", promise=p.text.get(lang) if p.text else name,
                    due=self.flow.title(p.due), number=number),
                 colour=pal.bad if status == "broken" else pal.text)
        for e in self.flow.skipped:
            text(tc("campaign.skipped", number=e.index + 1, title=self.flow.title(e.scenario)),
                 colour=pal.muted)


class CampaignEncounterScreen(EncounterScreen):
    """An episode: the ordinary encounter on the session the campaign started; its
    ending leads on through the campaign instead of to a replay."""

    def __init__(self, app, flow: CampaignFlow, play) -> None:
        self.flow = flow
        super().__init__(app, play.scenario, play=play)

    def proceed(self) -> None:
        if self.phase == ENDED:
            self.flow.episode_ended(self.play)
        else:
            super().proceed()

    def leave(self) -> None:
        from game.ui.screens.picker import PickerScreen

        if not self.play.ended:
            self.play.abandon()
            self.flow.leave_episode()
        else:  # the ending was reached: it counts, the campaign carries it on
            self.flow.episode_ended(self.play)
        self.app.switch(PickerScreen(self.app))

    def reload(self) -> None:
        self.app.toast(self.t("reload.none"))
