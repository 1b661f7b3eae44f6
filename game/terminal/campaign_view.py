"""What `play CAMPAIGN --text` shows between episodes: progress, the "previously"
recap, the line after each episode and the campaign debrief (trust and commitment
across episodes, the decisions that moved them, the promises from made to due).

Plain lines from the core's campaign objects; the screen escapes them.
"""

from __future__ import annotations

from game.core.campaign import CampaignResult, EpisodeRecord, Progress, Recap
from game.core.i18n import Translator

__all__ = ["debrief_lines", "episode_line", "progress_line", "promise_lines", "recap_lines"]


def _n(value: float) -> str:
    return f"{value:.0f}"


def _signed(value: float) -> str:
    return f"{value:+.0f}"


def progress_line(t: Translator, p: Progress) -> str:
    return t("campaign.progress", number=p.episode, total=p.total, trust=_n(p.trust),
             commitment=_n(p.commitment))


def recap_lines(t: Translator, recap: Recap) -> list[str]:
    """The "previously" block: what the client remembers before this episode."""
    lines = recap.lines(t)
    return [f"{t('campaign.previously')}: {lines[0]}", *lines[1:]] if lines else []


def episode_line(t: Translator, r: EpisodeRecord) -> str:
    return t("campaign.episode_done", number=r.index + 1, ending=r.ending_title.get(t.lang),
             score=_n(r.score), passed=t("campaign.passed" if r.passed else "campaign.not_passed"),
             trust_before=_n(r.before.meters["trust"]), trust=_n(r.after.meters["trust"]),
             commitment_before=_n(r.before.meters["commitment"]),
             commitment=_n(r.after.meters["commitment"]))


def debrief_lines(t: Translator, result: CampaignResult, titles: dict[str, str]) -> list[str]:
    """``titles``: scenario id -> title in the player's language (for promises)."""
    lang = t.lang
    e = result.ending
    out = [t("campaign.debrief"),
           t("campaign.ending", title=e.title.get(lang), text=e.text.get(lang),
             outcome=t(f"campaign.outcome.{result.outcome}")),
           t("campaign.score", score=_n(result.score), pass_score=_n(result.pass_score),
             passed=t("campaign.passed" if result.passed else "campaign.not_passed")),
           t("campaign.across")]
    for r in result.episodes:
        out.append(t("campaign.row", number=r.index + 1, title=r.title.get(lang),
                     ending=r.ending_title.get(lang), score=_n(r.score),
                     trust_before=_n(r.before.meters["trust"]), trust=_n(r.after.meters["trust"]),
                     commitment_before=_n(r.before.meters["commitment"]),
                     commitment=_n(r.after.meters["commitment"])))
        for m in sorted(r.moves, key=lambda m: -abs(m.trust) - abs(m.commitment))[:3]:
            answer = m.text.get(lang) if m.text is not None else t("campaign.timeout")
            out.append(t("campaign.move", sign="+" if m.trust + m.commitment >= 0 else "−",
                         answer=answer, trust=_signed(m.trust),
                         commitment=_signed(m.commitment)))
    if result.promises:
        out.append(t("campaign.promises"))
    for p in result.promises:
        text = p.text.get(lang) if p.text is not None else p.name
        made = titles.get(p.made_in or "", p.made_in or "")
        key = {"kept": "campaign.promise.kept", "broken": "campaign.promise.broken",
               "made": "campaign.promise.made"}.get(p.status, "campaign.promise.none")
        out.append(t(key, promise=text, made=made, due=titles.get(p.due, p.due)))
    return out


def promise_lines(t: Translator, campaign, record: EpisodeRecord, episodes: dict) -> list[str]:
    """After an episode: each campaign promise it made (and when it comes due) or
    settled, so the episode's own debrief explains the promise on both ends."""
    lang, out = t.lang, []
    for name, status in record.promises:
        p = campaign.by_promise[name]
        text = p.text.get(lang) if p.text is not None else name
        due = episodes[p.due].title.get(lang) if p.due in episodes else p.due
        number = next((i + 1 for i, ep in enumerate(campaign.episodes)
                       if p.due in (ep.scenario, *(r.scenario for r in ep.replace))), 0)
        out.append(t(f"campaign.now.{status}", promise=text, due=due, number=number))
    return out
