"""A campaign run in the score log: finding the unfinished run to resume, and
recording the run's events and each episode's as they happen.

The store takes any event with a ``type``: a run's events (CampaignStarted,
EpisodeStarted, EpisodeSkipped, EpisodeEnded, CampaignEnded) are a stream of their
own under the run id, and each episode is an ordinary session under the id its
EpisodeStarted names, so every report and check of sessions sees episodes as the
sessions they are. No schema change is needed.
"""

from __future__ import annotations

import json

from game.core.i18n import Translator
from game.terminal.record import LogRecorder
from game.terminal.screen import PlainScreen

__all__ = ["CampaignLog", "NullCampaignLog"]


class _NullEpisode:
    def sync(self, session) -> None:
        pass


class NullCampaignLog:
    """Records nothing (``--no-log``): nothing to resume either."""

    def open_run(self, trainee: str, campaign_id: str):
        return None

    def sync_run(self, run) -> None:
        pass

    def episode(self, session_id: str) -> _NullEpisode:
        return _NullEpisode()

    def close(self, screen: PlainScreen, t: Translator) -> None:
        pass


class CampaignLog:
    def __init__(self, log) -> None:
        self.log = log
        self.written = 0  # run events already in the log
        self._run: str | None = None
        self._episodes: dict[str, LogRecorder] = {}
        self._screen: PlainScreen | None = None
        self._offline = False  # the last event went to this PC's queue (server unreachable)

    @classmethod
    def open(cls, db: str | None) -> CampaignLog:
        from game.scorelog.store import ScoreLog

        return cls(ScoreLog.open(db, offline=True))  # an unreachable server: queued

    def open_run(self, trainee: str, campaign_id: str):
        """(run events, {episode session id: its events}) of this trainee's newest
        unfinished run of the campaign, or None (none known while offline)."""
        if getattr(self.log, "offline", False):
            return None
        rows = self.log.conn.execute(
            "SELECT session_id, data FROM events WHERE type = 'CampaignStarted' "
            "ORDER BY seq DESC").fetchall()
        for run_id, data in rows:
            start = json.loads(data)
            if start.get("trainee") != trainee or start.get("campaign") != campaign_id:
                continue
            events = self.log.session_events(run_id)
            if any(e.get("type") == "CampaignEnded" for e in events):
                return None  # the newest run is finished: start a new one
            episodes = {e["session"]: self.log.runtime_events(e["session"])
                        for e in events if e.get("type") == "EpisodeStarted"}
            self._run, self.written = run_id, len(events)
            return events, episodes
        return None

    def sync_run(self, run) -> None:
        self._run = run.run
        recorder = self.log.recorder(run.run)
        for event in run.events[self.written:]:
            recorder.record(event)
            self.written += 1
        self._offline = getattr(recorder, "offline", False)

    def episode(self, session_id: str) -> LogRecorder:
        if session_id not in self._episodes:
            rec = LogRecorder(self.log, self._screen or _Quiet(), Translator("terminal", "en"))
            rec.recorder = self.log.recorder(session_id)
            rec.written = len(self.log.runtime_events(session_id))
            self._episodes[session_id] = rec
        return self._episodes[session_id]

    def close(self, screen: PlainScreen, t: Translator) -> None:
        try:
            # the run's events are synced last: their link's state is the log's now
            screen.notice(t("play.offline") if self._offline
                          else t("play.logged", path=self.log.path))
        finally:
            self.log.close()


class _Quiet:
    def notice(self, text: str) -> None:
        pass
