"""The filters every report view accepts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from game.core.errors import UsageError


@dataclass(frozen=True, slots=True)
class Filters:
    trainee: str | None = None
    scenario: str | None = None
    since: str | None = None  # ISO timestamp (UTC), compared with events.at
    until: str | None = None  # exclusive: --until 2026-11-30 keeps all of the 30th
    team: str | None = None

    def describe(self) -> dict[str, str]:
        return {k: v for k, v in (("trainee", self.trainee), ("team", self.team),
                                  ("scenario", self.scenario), ("since", self.since),
                                  ("until", self.until)) if v}

    def sql(self, alias: str = "e") -> tuple[str, list]:
        from game.scorelog.queries import filters

        return filters(self.trainee, self.scenario, self.since, alias, self.until, self.team)


def parse_since(text: str | None, option: str = "--since", end_of_day: bool = False
                ) -> str | None:
    """``2026-11-01`` or a full ISO timestamp, as the UTC string events are stored with.

    With ``end_of_day`` a bare date means the end of that day (for ``--until``)."""
    if not text:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text) + timedelta(days=1 if end_of_day else 0)
            return day.isoformat() + "T00:00:00Z"
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise UsageError(f"{option}: expected a date like 2026-11-01, got {text!r}") from None
    return moment.isoformat(timespec="microseconds") + "Z"
