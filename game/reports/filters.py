"""The filters every report view accepts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from game.core.errors import UsageError


@dataclass(frozen=True, slots=True)
class Filters:
    trainee: str | None = None
    scenario: str | None = None
    since: str | None = None  # ISO timestamp (UTC), compared with events.at

    def describe(self) -> dict[str, str]:
        return {k: v for k, v in (("trainee", self.trainee), ("scenario", self.scenario),
                                  ("since", self.since)) if v}


def parse_since(text: str | None) -> str | None:
    """``2026-11-01`` or a full ISO timestamp, as the UTC string events are stored with."""
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat() + "T00:00:00Z"
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since: expected a date like 2026-11-01, got {text!r}") from None
    if moment.tzinfo is not None:
        from datetime import UTC
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"
