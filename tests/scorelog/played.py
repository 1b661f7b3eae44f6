"""Sessions really played through the runtime and written through the real store.

The fixture library (tests/reports/fixtures/library: four traits, no shared rules, one
two-decision scenario with every persona weight 1) keeps each figure easy to work out
by hand: merit = strength x polarity; a decision earns its merit (raised to par where
every answer costs) out of the best open choice's merit; overall = 100 x earned /
available, clamped to 0..100.
"""

from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from game.core.loader import Library
from game.core.runtime import Session

FIXTURES = Path(__file__).resolve().parents[1] / "reports" / "fixtures" / "library"


@cache
def library() -> Library:
    return Library(FIXTURES)


def play(log, session_id, trainee, picks, *, day=1, scenario="late_parcel", seed=1,
         mode="assessment", lang="en", abandon=False, lib=None):
    """Play ``picks`` ((choice id, or None for a timeout), seconds) and record every event
    in its own transaction, as the game does; returns the session. ``lib``: another
    library than the fixture one."""
    lib = library() if lib is None else lib
    played = lib.scenario(scenario)
    log.keep_scenario(played)
    session = Session(played, lib.catalogue, lib.rules, seed=seed, mode=mode,
                      trainee=trainee, lang=lang)
    for choice, seconds in picks:
        view = session.view()
        if choice is None:
            session.timeout()
        else:
            session.choose(next(c.index for c in view.choices if c.id == choice), seconds)
    if abandon:
        session.abandon()
    moment = datetime(2026, 11, day, 9, 0)
    for n, event in enumerate(session.events):
        at = (moment + timedelta(minutes=n)).isoformat(timespec="microseconds") + "Z"
        log.append(session_id, event, at)
    return session


def own_scenario(folder: Path, scenario_id: str) -> bytes:
    """A trainer's own scenario file in ``folder``: a copy of a shipped one under another
    id and title (so neither its id nor its hash is a shipped file's); returns its bytes."""
    shipped = (Path(__file__).resolve().parents[2] / "scenarios" / "phone_complaint.yaml")
    content = (shipped.read_text(encoding="utf-8")
               .replace("id: phone_complaint", f"id: {scenario_id}", 1)
               .replace('"The line has stopped again"', '"The line stopped, once more"', 1)
               .encode("utf-8"))
    folder.mkdir(exist_ok=True)
    (folder / f"{scenario_id}.yaml").write_bytes(content)
    return content
