"""A campaign session: one trainee, one client, episode after episode.

The front end pulls, as with a single ``Session``: ``next_episode()`` says which
episode comes (skips and replacements resolved), ``start_episode()`` hands back an
ordinary runtime ``Session`` started from the carried state, the front end plays it,
and ``finish_episode()`` carries its outcome on. Every change is an event in
``events``; ``CampaignSession.replay`` rebuilds a run from them and the episodes'
own events, which is also how a run is resumed on another day.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from game.core.campaign import state as cs
from game.core.campaign.debrief import (
    CampaignResult,
    EpisodeRecord,
    build_campaign_result,
    moves_of,
)
from game.core.campaign.events import (
    CampaignEnded,
    CampaignStarted,
    EpisodeEnded,
    EpisodeSkipped,
    EpisodeStarted,
    campaign_event,
)
from game.core.campaign.model import Campaign, CampaignEnding
from game.core.campaign.state import Carried
from game.core.errors import SessionError
from game.core.model import Scenario, Text, TraitCatalogue
from game.core.runtime import Session, Status


class CampaignStatus(StrEnum):
    READY = "ready"  # the next episode can start
    PLAYING = "playing"  # an episode session is open
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class Progress:
    episode: int  # 1-based number of the next (or current) episode
    total: int
    trust: float
    commitment: float


@dataclass(frozen=True, slots=True)
class Recap:
    """What the client remembers before an episode: the author's line, the last
    episode's ending and the promises that come due now."""

    episode: int
    total: int
    line: Text | None
    last_title: Text | None
    last_ending: Text | None
    promises_due: tuple[Text, ...]
    trust: float
    commitment: float

    def lines(self, t: Any) -> list[str]:
        """The recap as both front ends show it, in ``t``'s language (a Translator of the
        campaign strings): the last ending, the author's line, each promise due."""
        lang, out = t.lang, []
        if self.last_title is not None and self.last_ending is not None:
            out.append(t("campaign.last_episode", title=self.last_title.get(lang),
                         ending=self.last_ending.get(lang)))
        if self.line is not None:
            out.append(self.line.get(lang))
        out += [t("campaign.promise_due", promise=p.get(lang)) for p in self.promises_due]
        return out


def episode_seed(seed: int, index: int, attempt: int) -> int:
    """A seed per episode (and per retry of an abandoned one), fixed by the run's seed."""
    return random.Random(f"{seed}:{index}:{attempt}").randrange(2**31)


class CampaignSession:
    def __init__(self, campaign: Campaign, episodes: Mapping[str, Scenario],
                 catalogue: TraitCatalogue | None, rules: object = (), *, seed: int = 0,
                 mode: str = "practice", timing: str = "normal", trainee: str = "",
                 lang: str = "en", run: str = "run", form: str = "n") -> None:
        missing = [sid for sid in campaign.scenario_ids() if sid not in episodes]
        if missing:
            raise SessionError(f"campaign '{campaign.id}' needs episode(s) {', '.join(missing)}")
        self.campaign, self.episodes = campaign, episodes
        self.catalogue, self.rules = catalogue, rules
        self.seed, self.mode, self.timing = int(seed), str(mode), str(timing)
        self.trainee, self.lang, self.run = trainee, lang, run
        self.form = form  # how the trainee asked to be addressed, for every episode
        first = episodes[campaign.episodes[0].scenario]
        self._carried = cs.starting(campaign, first)
        self._index = 0
        self._attempt = 0
        self._records: list[EpisodeRecord] = []
        self._session: Session | None = None
        self._session_id = ""
        self._before: Carried | None = None
        self._ending: CampaignEnding | None = None
        self._events: list[Any] = [CampaignStarted(
            run, trainee, campaign.id, campaign.version, campaign.content_hash, lang,
            self.mode, self.seed, self.timing, self._carried.to_dict(), form)]
        self._advance()

    # -- what the front end reads -------------------------------------------------
    @property
    def status(self) -> CampaignStatus:
        if self._ending is not None:
            return CampaignStatus.ENDED
        return CampaignStatus.PLAYING if self._session is not None else CampaignStatus.READY

    @property
    def events(self) -> tuple[Any, ...]:
        return tuple(self._events)

    @property
    def carried(self) -> Carried:
        return self._carried

    @property
    def records(self) -> tuple[EpisodeRecord, ...]:
        return tuple(self._records)

    @property
    def session(self) -> Session | None:
        """The open episode's session (PLAYING), else None."""
        return self._session

    @property
    def session_id(self) -> str:
        return self._session_id

    def progress(self) -> Progress:
        number = min(self._index + 1, len(self.campaign.episodes))
        m = self._carried.meters
        return Progress(number, len(self.campaign.episodes), m["trust"], m["commitment"])

    def next_scenario(self) -> Scenario:
        """The scenario the next episode plays (a replacement's when one applies)."""
        self._require(CampaignStatus.READY, "next_scenario()")
        ep = self.campaign.episodes[self._index]
        return self.episodes[cs.scenario_for(self.campaign, ep, cs.between(self._carried, ep))]

    def recap(self) -> Recap:
        self._require(CampaignStatus.READY, "recap()")
        ep = self.campaign.episodes[self._index]
        sid = self.next_scenario().id
        carried = cs.between(self._carried, ep)
        due = tuple(p.text for p in self.campaign.promises if p.due == sid and p.text
                    and carried.promises.get(p.name) == cs.MADE)
        last = self._records[-1] if self._records else None
        return Recap(self._index + 1, len(self.campaign.episodes), ep.recap,
                     last.title if last else None, last.ending_title if last else None, due,
                     carried.meters["trust"], carried.meters["commitment"])

    # -- what the front end submits -------------------------------------------------
    def start_episode(self, events: Sequence[Any] | None = None) -> Session:
        """The next episode's session, started from the carried state (or, with
        ``events``, rebuilt from the events its session recorded)."""
        self._require(CampaignStatus.READY, "start_episode()")
        ep = self.campaign.episodes[self._index]
        scenario = self.next_scenario()
        self._before = cs.between(self._carried, ep)
        variant = cs.episode_scenario(self.campaign, scenario, self._before)
        seed = episode_seed(self.seed, self._index, self._attempt)
        sid = f"{self.run}.{self._index + 1}" + (f".{self._attempt}" if self._attempt else "")
        if events is None:
            session = Session(variant, self.catalogue, self.rules, seed=seed, mode=self.mode,
                              timing=self.timing, trainee=self.trainee, lang=self.lang,
                              form=self.form)
        else:
            session = Session.replay(variant, self.catalogue, self.rules, events)
            if session.seed != seed:
                raise SessionError(f"cannot replay episode {self._index + 1}: its session "
                                   f"has seed {session.seed}, the campaign gives {seed}")
        self._session, self._session_id = session, sid
        self._events.append(EpisodeStarted(self._index, scenario.id, sid, seed,
                                           self._before.to_dict()))
        return session

    def abandon_episode(self) -> None:
        """The open episode was left before its ending: it is played again afresh
        (a new session, a new seed) when the campaign resumes."""
        self._require(CampaignStatus.PLAYING, "abandon_episode()")
        if self._session is not None and self._session.status == Status.AWAITING_CHOICE:
            self._session.abandon()
        self._session, self._attempt = None, self._attempt + 1

    def finish_episode(self) -> EpisodeRecord:
        """Carry the ended episode's outcome on; the campaign ends after the last
        episode or when its ``stop_when`` holds."""
        self._require(CampaignStatus.PLAYING, "finish_episode()")
        session = self._session
        assert session is not None and self._before is not None
        if session.status != Status.ENDED:
            raise SessionError("the episode has not reached an ending; finish_episode() is "
                               "available once it has")
        result = session.result()
        after, promises = self._carry(session, result)
        record = EpisodeRecord(
            self._index, session.scenario.id, session.scenario.title, self._session_id,
            result.ending.id, result.ending.title, result.outcome.value, result.overall,
            result.passed, self._before, after, moves_of(session), promises)
        self._records.append(record)
        self._events.append(EpisodeEnded(
            self._index, record.scenario, record.session, record.ending, record.outcome,
            round(record.score, 4), record.passed, after.to_dict(),
            tuple((n, s) for n, s in promises)))
        self._carried, self._session, self._before = after, None, None
        self._index, self._attempt = self._index + 1, 0
        self._advance()
        return record

    def result(self) -> CampaignResult:
        self._require(CampaignStatus.ENDED, "result()")
        assert self._ending is not None
        return build_campaign_result(self.campaign, self._ending, self._carried,
                                     tuple(self._records))

    # -- rebuilding ------------------------------------------------------------------
    @classmethod
    def replay(cls, campaign: Campaign, episodes: Mapping[str, Scenario],
               catalogue: TraitCatalogue | None, rules: object, events: Sequence[Any],
               episode_events: Mapping[str, Sequence[Any]]) -> CampaignSession:
        """The run the events describe, re-played episode by episode (same scores).
        An episode whose session was cut short is left open (PLAYING) to go on with,
        or, if it was abandoned, ready to be played again."""
        items = [campaign_event(e) if isinstance(e, Mapping) else e for e in events]
        if not items or not isinstance(items[0], CampaignStarted):
            raise SessionError("cannot replay: the events must start with CampaignStarted")
        first = items[0]
        if first.campaign != campaign.id:
            raise SessionError(f"cannot replay: the run is of campaign '{first.campaign}'")
        run = cls(campaign, episodes, catalogue, rules, seed=first.seed, mode=first.mode,
                  timing=first.timing, trainee=first.trainee, lang=first.lang, run=first.run,
                  form=getattr(first, "form", "n") or "n")
        for event in items[1:]:
            if isinstance(event, EpisodeStarted):
                run._replay_start(event, episode_events.get(event.session, ()))
            elif isinstance(event, EpisodeEnded):
                record = run.finish_episode()
                if (record.ending, record.session) != (event.ending, event.session):
                    raise SessionError(f"cannot replay: episode {event.index + 1} ended at "
                                       f"'{record.ending}', the log says '{event.ending}'")
        if run._session is not None and run._session.status == Status.ABANDONED:
            run._session, run._attempt = None, run._attempt + 1
        return run

    def _replay_start(self, event: EpisodeStarted, recorded: Sequence[Any]) -> None:
        if self._session is not None:  # an earlier attempt left open: it was abandoned
            self.abandon_episode()
        while self._attempt_id() != event.session and self._attempt < 100:
            self._attempt += 1  # attempts abandoned before any event reached the log
        if not recorded:
            self.start_episode()
            return
        session = self.start_episode(list(recorded))
        if session.scenario.id != event.scenario:
            raise SessionError(f"cannot replay: episode {event.index + 1} is "
                               f"'{session.scenario.id}', the log says '{event.scenario}'")

    def _attempt_id(self) -> str:
        return f"{self.run}.{self._index + 1}" + (f".{self._attempt}" if self._attempt else "")

    # -- internals ---------------------------------------------------------------------
    def _carry(self, session: Session, result: Any) -> tuple[Carried, tuple]:
        assert self._before is not None
        return cs.carry_after(self.campaign, self._before, session.scenario.id, session.state,
                              session.setup, result.outcome.value, result.passed)

    def _advance(self) -> None:
        index, skipped, ending = cs.advance(self.campaign, self._carried, self._index,
                                            bool(self._records))
        for i in skipped:
            ep = self.campaign.episodes[i]
            self._events.append(EpisodeSkipped(i, ep.scenario, ep.when.source if ep.when else ""))
        self._index = index
        if ending is not None:
            self._ending = ending
            self._events.append(CampaignEnded(
                ending.id, ending.outcome.value, round(self._carried.score, 4),
                cs.campaign_passed(self.campaign, self._carried), len(self._records)))

    def _require(self, wanted: CampaignStatus, what: str) -> None:
        if self.status != wanted:
            raise SessionError(f"the campaign is {self.status.value}; {what} needs it "
                               f"{wanted.value}")
