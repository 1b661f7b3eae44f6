"""The campaign debrief: the relationship's ending coloured by its outcome, the
campaign score, trust and commitment across the episodes (a small chart), the
decisions that moved them most in each episode, and each promise from made to due.
The same content as the terminal's debrief (game/terminal/campaign_view.py).
"""

from __future__ import annotations

from game.ui.screens.campaign_flow import TONES
from game.ui.screens.campaign_screens import _CampaignColumn, n
from game.ui.screens.debrief import DebriefScreen
from game.ui.widgets.button import Button
from game.ui.widgets.meter_chart import draw_chart

#: Decisions shown per episode: the ones that moved trust and commitment most.
MOVES = 3


class CampaignDebriefScreen(_CampaignColumn):

    def buttons(self) -> list[Button]:
        return [Button(self.t("campaign.to_picker"), "pick")]

    def body(self, text) -> None:
        pal, tc, look = self.look.pal, self.tc, self.look
        lang = tc.lang
        result = self.flow.run.result()
        tone = getattr(pal, TONES.get(result.outcome, "muted"))
        text(self.t("campaign.debrief"), "title", pal.accent, bold=True)
        text(result.ending.title.get(lang), "heading", tone, bold=True)
        text(tc(f"campaign.outcome.{result.outcome}"), colour=tone)
        text(result.ending.text.get(lang))
        text(tc("campaign.score", score=n(result.score), pass_score=n(result.pass_score),
                passed=tc("campaign.passed" if result.passed else "campaign.not_passed")),
             colour=pal.good if result.passed else pal.bad, bold=True)
        text(tc("campaign.across"), "heading", bold=True)
        width = self.app.window.get_width() - look.pad * 6
        ticks = [self.t("campaign.chart_start"),
                 *(str(r.index + 1) for r in result.episodes)]
        chart = draw_chart(look, min(width, look.book.body_px * 40),
                           [(self.t("meter.trust"), result.trust_line(), pal.accent),
                            (self.t("meter.commitment"), result.commitment_line(), pal.good)],
                           ticks)
        text(chart)
        for r in result.episodes:
            text(tc("campaign.row", number=r.index + 1, title=r.title.get(lang),
                    ending=r.ending_title.get(lang), score=n(r.score),
                    trust_before=n(r.before.meters["trust"]), trust=n(r.after.meters["trust"]),
                    commitment_before=n(r.before.meters["commitment"]),
                    commitment=n(r.after.meters["commitment"])).strip(), bold=True)
            for m in sorted(r.moves, key=lambda m: -abs(m.trust) - abs(m.commitment))[:MOVES]:
                answer = m.text.get(lang) if m.text is not None else tc("campaign.timeout")
                good = m.trust + m.commitment >= 0
                text(tc("campaign.move", sign="+" if good else "−", answer=answer,
                        trust=f"{m.trust:+.0f}", commitment=f"{m.commitment:+.0f}").strip(),
                     "small", pal.good if good else pal.bad)
        if result.promises:
            text(tc("campaign.promises"), "heading", bold=True)
        for p in result.promises:
            key = {"kept": "campaign.promise.kept", "broken": "campaign.promise.broken",
                   "made": "campaign.promise.made"}.get(p.status, "campaign.promise.none")
            colour = {"kept": pal.good, "broken": pal.bad}.get(p.status, pal.muted)
            text(tc(key, promise=p.text.get(lang) if p.text is not None else p.name,
                    made=self.flow.title(p.made_in or ""), due=self.flow.title(p.due)).strip(),
                 colour=colour)


class EpisodeDebriefScreen(DebriefScreen):
    """One episode's own debrief (score, traits, the decisions), as after a single
    encounter, except that its first button goes on with the campaign: an episode is
    never played again on its own."""

    def __init__(self, app, flow, play) -> None:
        self.flow = flow
        super().__init__(app, play.scenario, play)

    @property
    def t(self):
        base = self.app.t
        return lambda key, **kw: base("campaign.continue" if key == "debrief.replay" else key,
                                      **kw)

    def replay(self) -> None:  # the first button, labelled "Continue"
        self.flow.show_next()
